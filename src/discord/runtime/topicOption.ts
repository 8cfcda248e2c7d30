import { markdownExcerpt } from '../render/markdownExcerpt.ts';
import { UserError } from './UserError.ts';

/** Topics are a few words; longer text is a question for /ask. */
export const MAX_TOPIC_CHARS = 100;

/**
 * Past this many passages the first briefing or timeline of an index can take longer than Discord waits
 * for an answer (three seconds), so the reply is deferred.
 */
export const DEFER_ABOVE_PASSAGES = 3000;

/** Reads a `topic` option: trimmed, absent when blank, and refused when it has no word in it. */
export function topicOption(value: string | undefined): string | undefined {
  const topic = value?.trim();
  if (!topic) return undefined;
  if (!/[\p{L}\p{N}]/u.test(topic)) throw new UserError('Give the topic in words, e.g. "internet shutdown".');
  return topic;
}

/** Why a briefing or timeline is empty, as the core says it and made safe to show, with what to try instead. */
export function nothingFound(
  reason: string | undefined,
  topic: string | undefined,
  emptyCorpus: boolean,
): UserError {
  if (emptyCorpus) {
    return new UserError(
      'The corpus has no article yet, so there is nothing to quote. Moderators can add one with `/corpus add`.',
    );
  }
  const said = markdownExcerpt(reason ?? `Nothing in the corpus is about “${topic ?? ''}”.`, { max: 400 });
  const hint = topic ? ' Try another topic, a broader word, or leave the topic out.' : '';
  return new UserError(`${said}${hint}`);
}
