import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { renderBriefing } from '../src/discord/render/renderBriefing.ts';
import type { Command } from '../src/discord/runtime/Command.ts';
import {
  DEFER_ABOVE_PASSAGES,
  MAX_TOPIC_CHARS,
  nothingFound,
  topicOption,
} from '../src/discord/runtime/topicOption.ts';
import { UserError } from '../src/discord/runtime/UserError.ts';
import { prepareSentenceUnits } from '../src/summary/sentenceUnits.ts';
import { summarizeCorpus } from '../src/summary/summarizeCorpus.ts';
import { DEFAULT_LENGTH, LINES_FOR_LENGTH } from '../src/summary/summaryOptions.ts';
import type { SummaryLength } from '../src/summary/types.ts';

function isLength(value: string): value is SummaryLength {
  return Object.hasOwn(LINES_FOR_LENGTH, value);
}

export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'summary',
    description:
      'A briefing of the event: its key sentences quoted from the articles, in the order of events',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'Only what the articles say about this, e.g. "internet shutdown" or "arrests"',
        max_length: MAX_TOPIC_CHARS,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'length',
        description: 'How many lines: short (about 3), medium (about 6, the default) or long (about 12)',
        choices: (Object.keys(LINES_FOR_LENGTH) as SummaryLength[]).map((length) => ({
          name: `${length} (about ${LINES_FOR_LENGTH[length]} lines)`,
          value: length,
        })),
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show the briefing only to you (by default the channel sees it)',
      },
    ],
  },

  cooldownSeconds: (config) => config.ASK_COOLDOWN_SECONDS,

  async execute(request, context) {
    const topic = topicOption(request.options.string('topic'));
    const length = request.options.string('length') ?? DEFAULT_LENGTH;
    if (!isLength(length)) throw new UserError('Pick a length: short, medium or long.');
    const ephemeral = request.options.boolean('private') ?? false;
    const { corpus, index } = context.live.current;
    if (index.passageCount > DEFER_ABOVE_PASSAGES) await request.defer({ ephemeral });
    await prepareSentenceUnits(index);
    const briefing = summarizeCorpus(index, { length, ...(topic ? { topic } : {}) });
    if (!briefing.found || briefing.lines.length === 0) {
      throw nothingFound(briefing.reason, topic, corpus.documents.length === 0);
    }
    await request.reply({ ...renderBriefing(briefing), ephemeral });
  },
} satisfies Command;
