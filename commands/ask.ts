import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { answerQuestion, MAX_QUESTION_CHARS } from '../src/answer/answerQuestion.ts';
import type { AnswerResult } from '../src/answer/types.ts';
import { renderAnswer } from '../src/discord/render/renderAnswer.ts';
import { type Command, customId } from '../src/discord/runtime/Command.ts';
import { pagingIds, rerunClick } from '../src/discord/runtime/pagingIds.ts';
import { showPage, showStoredPage } from '../src/discord/runtime/showStoredPage.ts';
import { UserError } from '../src/discord/runtime/UserError.ts';

/** Answers kept for the buttons; beyond five, answers repeat what the first ones say. */
const ANSWERS_SHOWN = 5;

const pageId = (key: string) => (page: number) => customId('ask', 'page', key, page);

export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    description: 'Answer a question with quotes from the articles, word for word, with their sources',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'question',
        description: 'What you want to know, e.g. "Who commanded the contingent?"',
        required: true,
        autocomplete: true,
        max_length: MAX_QUESTION_CHARS,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show the answer only to you (by default the channel sees it)',
      },
    ],
  },

  cooldownSeconds: (config) => config.ASK_COOLDOWN_SECONDS,

  async execute(request, context) {
    const question = request.options.string('question', true).trim();
    if (!/[\p{L}\p{N}]/u.test(question)) {
      throw new UserError('Type a question in words, e.g. "Who commanded the contingent?"');
    }
    const result = answerQuestion(context.live.current.index, question, {
      top: ANSWERS_SHOWN,
      minConfidence: context.config.ANSWER_MIN_CONFIDENCE,
    });
    const paged = result.answers.length > 1;
    const ids = paged
      ? await pagingIds(context, 'ask', question, result.answers.length, {
          ownerId: request.user.id,
          value: () => result,
        })
      : undefined;
    await request.reply({
      ...renderAnswer({ result, page: 0, ...(ids ? { pageId: ids } : {}) }),
      ephemeral: request.options.boolean('private') ?? false,
    });
  },

  autocomplete(request, context) {
    const typed = request.focused.value;
    const suggestions = context.suggester.current()?.suggest(typed) ?? [typed.trim()].filter(Boolean);
    return suggestions.map((text) => ({ name: text, value: text }));
  },

  components: {
    async q(request, context, args) {
      const { page, text, pageId } = rerunClick(context, 'ask', args);
      const result = answerQuestion(context.live.current.index, text, {
        top: ANSWERS_SHOWN,
        minConfidence: context.config.ANSWER_MIN_CONFIDENCE,
      });
      await showPage(request, null, renderAnswer({ result, page, pageId }));
    },
    page: (request, context, [key = '', page = '0']) =>
      showStoredPage<AnswerResult>(request, context, 'ask', key, (result) =>
        renderAnswer({ result, page: Number(page) || 0, pageId: pageId(key) }),
      ),
  },
} satisfies Command;
