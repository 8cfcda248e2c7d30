import type { APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import type { Answer, AnswerResult, Quote } from '../../answer/types.ts';
import { citationMarkdown } from './citationMarkdown.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { pagingRow } from './pagingRow.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/**
 * Room for the paragraph around an answer. The rest of the 6000 an embed may hold goes to the title (256),
 * the citation and the list of all answers (1024 each) and the footer.
 */
const ANSWER_DESCRIPTION_MAX = 3400;
const RELATED_SHOWN = 3;
/** A source name is cut here in the list of answers, so every quote keeps room. */
const MAX_SOURCE_CHARS = 60;

export interface AnswerView {
  result: AnswerResult;
  /** Which answer to show, 0-based; clamped to the answers there are. */
  page: number;
  /** Builds the custom id of the button that opens another answer; no buttons without it. */
  pageId?: (page: number) => string;
}

/** The question as an embed title: escaped, mentions inert, cut visibly if long. */
function questionTitle(question: string): string {
  return markdownExcerpt(question, { max: DISCORD_LIMITS.embedTitle });
}

/** `Source · 2022-01-13`, the short form that tells answers apart in a list. */
function sourceAndDate(answer: Quote): string {
  const source = markdownExcerpt(answer.citation.source, { max: MAX_SOURCE_CHARS });
  return `${source} · ${answer.citation.date || 'undated'}`;
}

/** One line per answer, the shown one marked, so differing sources and dates are visible at a glance. */
function answerList(answers: readonly Quote[], shown: number): string {
  const perLine = Math.floor(DISCORD_LIMITS.fieldValue / answers.length) - 1;
  return answers
    .map((answer, i) => {
      const head = `${i === shown ? '▸' : '◦'} **${i + 1}.** `;
      const tail = ` — ${sourceAndDate(answer)}`;
      const room = Math.max(20, perLine - head.length - tail.length - 2);
      const quote = markdownExcerpt(answer.quote, { max: room });
      // A quote that opens with its own quotation mark is not wrapped in another.
      return /^[“"‘«]/.test(answer.quote.trimStart()) ? `${head}${quote}${tail}` : `${head}“${quote}”${tail}`;
    })
    .join('\n');
}

function answeredEmbed(result: AnswerResult, page: number): APIEmbed {
  const { answers } = result;
  const answer = answers[page] as Answer;
  const fields: APIEmbedField[] = [{ name: 'Source', value: citationMarkdown(answer.citation) }];
  if (answers.length > 1) {
    const sources = new Set(answers.map((each) => each.citation.docId)).size;
    fields.push({
      name: `${answers.length} answers from ${sources} ${sources === 1 ? 'article' : 'articles'}`,
      value: answerList(answers, page),
    });
  }
  return {
    color: EMBED_COLORS.answer,
    title: questionTitle(result.question),
    description: markdownExcerpt(answer.context, {
      highlights: [answer.highlight],
      max: ANSWER_DESCRIPTION_MAX,
    }),
    fields,
    footer: {
      text: `Answer ${page + 1} of ${answers.length} · ${Math.round(answer.confidence * 100)}% sure it answers · the answer is in bold, quoted word for word from the article`,
    },
  };
}

function relatedField(related: Quote, i: number): APIEmbedField {
  const citation = citationMarkdown(related.citation);
  const room = DISCORD_LIMITS.fieldValue - citation.length - 4;
  // The passage is shown plainly, not with a sentence in bold: nothing in it is offered as an answer.
  const excerpt = markdownExcerpt(related.context, { focus: related.highlight, max: room });
  return { name: `Related passage ${i + 1} (not an answer)`, value: `${excerpt}\n— ${citation}` };
}

function abstainedEmbed(result: AnswerResult): APIEmbed {
  const related = (result.related ?? []).slice(0, RELATED_SHOWN);
  const reason = result.reason ? ` ${markdownExcerpt(result.reason, { max: 1000 })}` : '';
  const next =
    related.length > 0
      ? 'The passages below share words with the question, but none of them answers it.'
      : 'Try other words, or `/search` for passages on the subject.';
  return {
    color: EMBED_COLORS.related,
    title: questionTitle(result.question),
    description: `**The articles don't answer this question.**${reason}\n\n${next}`,
    fields: related.map(relatedField),
    footer: { text: 'Dossier only quotes its articles, word for word; it never guesses.' },
  };
}

/**
 * An answer as a Discord message: the quoted sentence in bold within its paragraph, its citation, and the
 * list of every answer with source and date, with buttons to step through them. When the corpus does not
 * answer, it says so, and any nearest passages are labelled as related, never as answers.
 */
export function renderAnswer(view: AnswerView): ReplyMessage {
  const { result } = view;
  if (!result.answered || result.answers.length === 0)
    return { embeds: [abstainedEmbed(result)], components: [] };
  const page = Math.min(Math.max(0, view.page), result.answers.length - 1);
  const row = pagingRow({
    pageId: view.pageId ?? (() => ''),
    page,
    pages: view.pageId ? result.answers.length : 1,
    link: { label: 'Read the article', url: result.answers[page]?.citation.url },
  });
  return { embeds: [answeredEmbed(result, page)], components: row ? [row] : [] };
}
