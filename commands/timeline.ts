import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { renderTimeline, timelinePages } from '../src/discord/render/renderTimeline.ts';
import { type Command, customId } from '../src/discord/runtime/Command.ts';
import { pagingIds, rerunClick } from '../src/discord/runtime/pagingIds.ts';
import { showPage, showStoredPage } from '../src/discord/runtime/showStoredPage.ts';
import {
  DEFER_ABOVE_PASSAGES,
  MAX_TOPIC_CHARS,
  nothingFound,
  topicOption,
} from '../src/discord/runtime/topicOption.ts';
import { buildTimeline } from '../src/summary/buildTimeline.ts';
import { prepareEventDates } from '../src/summary/sentenceUnits.ts';
import type { Timeline } from '../src/summary/types.ts';

const pageId = (key: string) => (page: number) => customId('timeline', 'page', key, page);

export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'timeline',
    description: 'The dated events of the articles in the order they happened, each quoted with its source',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'Only events about this, e.g. "Massimov" or "airport"',
        max_length: MAX_TOPIC_CHARS,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show the timeline only to you (by default the channel sees it)',
      },
    ],
  },

  cooldownSeconds: (config) => config.ASK_COOLDOWN_SECONDS,

  async execute(request, context) {
    const topic = topicOption(request.options.string('topic'));
    const ephemeral = request.options.boolean('private') ?? false;
    const { corpus, index } = context.live.current;
    if (index.passageCount > DEFER_ABOVE_PASSAGES) await request.defer({ ephemeral });
    await prepareEventDates(index);
    const timeline = buildTimeline(index, topic ? { topic } : {});
    if (!timeline.found || timeline.events.length === 0) {
      throw nothingFound(timeline.reason, topic, corpus.documents.length === 0);
    }
    const pages = timelinePages(timeline).length;
    const ids =
      pages > 1
        ? await pagingIds(context, 'timeline', topic ?? '', pages, {
            ownerId: request.user.id,
            value: () => timeline,
          })
        : undefined;
    await request.reply({
      ...renderTimeline({ timeline, page: 0, ...(ids ? { pageId: ids } : {}) }),
      ephemeral,
    });
  },

  components: {
    async q(request, context, args) {
      const { page, text, pageId } = rerunClick(context, 'timeline', args);
      const timeline = buildTimeline(context.live.current.index, text ? { topic: text } : {});
      await showPage(request, null, renderTimeline({ timeline, page, pageId }));
    },
    page: (request, context, [key = '', page = '0']) =>
      showStoredPage<Timeline>(request, context, 'timeline', key, (timeline) =>
        renderTimeline({ timeline, page: Number(page) || 0, pageId: pageId(key) }),
      ),
  },
} satisfies Command;
