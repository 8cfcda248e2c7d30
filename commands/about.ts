import { ApplicationCommandType } from 'discord-api-types/v10';
import { renderAbout } from '../src/discord/render/renderAbout.ts';
import type { Command } from '../src/discord/runtime/Command.ts';

/** Names offered as things to ask about. */
const NAMES_SUGGESTED = 8;

export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'about',
    description: 'What Dossier knows: its articles, their dates, and how to ask',
  },

  async execute(request, context) {
    await request.reply(
      renderAbout({
        state: context.live.current,
        // Moderator commands are for curating the corpus, not for asking it; commands the settings turn off
        // would only say so.
        commands: context.commands
          .filter((command) => command.enabled?.(context.config) ?? true)
          .map((command) => command.data)
          .filter((data) => !('default_member_permissions' in data && data.default_member_permissions)),
        names: context.suggester.current()?.topNames(NAMES_SUGGESTED) ?? [],
      }),
    );
  },
} satisfies Command;
