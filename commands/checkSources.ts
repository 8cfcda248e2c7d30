import { ApplicationCommandType } from 'discord-api-types/v10';
import { renderSourceCheck } from '../src/discord/render/renderSourceCheck.ts';
import type { Command } from '../src/discord/runtime/Command.ts';
import { UserError } from '../src/discord/runtime/UserError.ts';
import { checkAgainstSources } from '../src/summary/checkAgainstSources.ts';
import { wordsOfMessage } from '../src/text/textProcessing.ts';

export default {
  data: { type: ApplicationCommandType.Message, name: 'Check against sources' },

  cooldownSeconds: (config) => config.SEARCH_COOLDOWN_SECONDS,

  // Discord includes the message a context-menu command targets, text and all, without the privileged intent.
  async execute(request, context) {
    const target = request.targetMessage;
    if (!target) throw new UserError('Use this on a message: right-click it → Apps → Check against sources.');
    // Server emoji, mentions and links are markup (`<:kz_flag:…>`), not words a source could bear on.
    if (!/[\p{L}\p{N}]/u.test(wordsOfMessage(target.content))) {
      throw new UserError('This message has no words to check: only its text is compared with the sources.');
    }
    const check = checkAgainstSources(target.content, context.live.current.index);
    await request.reply({ ...renderSourceCheck(check, target), ephemeral: true });
  },
} satisfies Command;
