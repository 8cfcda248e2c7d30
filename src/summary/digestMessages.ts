import type { SearchIndex } from '../search/SearchIndex.ts';
import { termsOf, wordsOfMessage } from '../text/textProcessing.ts';
import { checkAgainstSources } from './checkAgainstSources.ts';
import { lexRank, selectDiverse } from './rankCentral.ts';
import {
  DEFAULT_DIGEST_LINES,
  DIGEST_BASE_PRIOR,
  DIGEST_QUOTE_CHARS,
  DIGEST_SHORTLIST_FACTOR,
  MAX_GRAPH_CANDIDATES,
  MIN_MESSAGE_TERMS,
  NEAR_DUPLICATE_CONTAINMENT,
  NEAR_DUPLICATE_COSINE,
} from './summaryOptions.ts';
import { TermVector } from './TermVector.ts';
import type { ChannelMessage, Digest, DigestLine } from './types.ts';

export interface DigestOptions {
  /** At most this many lines. */
  limit?: number;
}

const ELLIPSIS = '…';

// "!play", "/summary", "?rank", ".help", "$balance", "-skip": text addressed to a bot, not to the channel.
const COMMAND = /^\s*[/!?.$;%&+=~-]\p{L}/u;

/** Whether a message is a command typed for a bot rather than something said to the channel. */
export function isCommandMessage(content: string): boolean {
  return COMMAND.test(content);
}

/** The message's link in Discord: `https://discord.com/channels/<guild or @me>/<channel>/<message>`. */
export function jumpLink(message: Pick<ChannelMessage, 'guildId' | 'channelId' | 'id'>): string {
  return `https://discord.com/channels/${message.guildId ?? '@me'}/${message.channelId}/${message.id}`;
}

/**
 * The start of a text, at most `max` characters, cut between words and ending with an ellipsis when cut;
 * the words kept are exactly as written.
 */
export function truncateAtWord(text: string, max: number): { text: string; truncated: boolean } {
  const trimmed = text.trim();
  if (trimmed.length <= max) return { text: trimmed, truncated: false };
  const room = max - ELLIPSIS.length;
  const lastSpace = trimmed.slice(0, room + 1).search(/\s\S*$/);
  let cut = lastSpace > 0 ? lastSpace : room;
  // Never split a surrogate pair (an emoji) when one word is longer than the whole budget.
  const code = trimmed.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return { text: `${trimmed.slice(0, cut).replace(/[\s,;:–—-]+$/u, '')}${ELLIPSIS}`, truncated: true };
}

interface Considered {
  message: ChannelMessage;
  vector: TermVector;
}

/** Smoothed inverse document frequency over the messages themselves: the channel's own vocabulary. */
function messageIdf(termLists: readonly string[][]): (term: string) => number {
  const frequency = new Map<string, number>();
  for (const terms of termLists)
    for (const term of new Set(terms)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  return (term) => Math.log(1 + (termLists.length + 1) / ((frequency.get(term) ?? 0) + 0.5));
}

/** How connected each message is to the rest of the discussion, from `DIGEST_BASE_PRIOR` to 1 + that. */
function connectednessOf(vectors: readonly TermVector[]): number[] {
  const degrees = vectors.map((vector, i) =>
    vectors.reduce((sum, other, j) => (i === j ? sum : sum + vector.cosine(other)), 0),
  );
  const maxDegree = Math.max(...degrees, Number.MIN_VALUE);
  return degrees.map((degree) => DIGEST_BASE_PRIOR + degree / maxDegree);
}

/**
 * The key messages of a channel's discussion: bots, commands and chatter too short to say anything are
 * skipped; the rest are ranked by centrality (LexRank over the messages' words, biased towards messages the
 * discussion takes up and the sources bear on) and diversity (MMR), and
 * returned in the order they were posted, each a quote with its author, its jump link and, when an index
 * is given and the message's claim matches a corpus sentence, that sentence with its citation.
 */
export function digestMessages(
  messages: readonly ChannelMessage[],
  index?: SearchIndex,
  options: DigestOptions = {},
): Digest {
  const limit = options.limit ?? DEFAULT_DIGEST_LINES;
  const skipped = { bots: 0, commands: 0, short: 0 };
  const kept: Array<{ message: ChannelMessage; terms: string[] }> = [];
  for (const message of messages) {
    if (message.isBot) skipped.bots++;
    else if (isCommandMessage(message.content)) skipped.commands++;
    else {
      const terms = termsOf(wordsOfMessage(message.content));
      if (terms.length < MIN_MESSAGE_TERMS) skipped.short++;
      else kept.push({ message, terms });
    }
  }
  if (kept.length === 0) {
    const reason = `No message to digest: ${skipped.bots} from bots, ${skipped.commands} commands, ${skipped.short} too short.`;
    return { considered: 0, skipped, lines: [], reason };
  }
  const idf = messageIdf(kept.map(({ terms }) => terms));
  // The most recent messages when there are more than the graph holds: a digest is about the latest talk.
  const considered: Considered[] = kept
    .sort((a, b) => a.message.createdAt.localeCompare(b.message.createdAt))
    .slice(-MAX_GRAPH_CANDIDATES)
    .map(({ message, terms }) => ({ message, vector: TermVector.fromTerms(terms, idf) }));
  const allVectors = considered.map(({ vector }) => vector);
  const connectedness = connectednessOf(allVectors);
  const ranks = lexRank(
    allVectors.length,
    (a, b) => (allVectors[a] as TermVector).cosine(allVectors[b] as TermVector),
    connectedness,
  );
  const central = ranks.map((rank, i) => rank * (connectedness[i] ?? 0));
  // Checking a message against the sources is a search: only the likeliest lines are checked.
  const shortlist = [...central.keys()]
    .sort((a, b) => (central[b] ?? 0) - (central[a] ?? 0) || a - b)
    .slice(0, limit * DIGEST_SHORTLIST_FACTOR);
  const vectors = shortlist.map((i) => allVectors[i] as TermVector);
  const sources = shortlist.map((i) =>
    index
      ? checkAgainstSources((considered[i] as Considered).message.content, index, 1).matches[0]
      : undefined,
  );
  // A message nobody takes up and no source bears on (tickets for tonight's game) weighs least.
  const scores = shortlist.map(
    (i, k) => (ranks[i] ?? 0) * ((connectedness[i] ?? 0) + (sources[k]?.overlap ?? 0)),
  );
  const picked = selectDiverse(scores, limit, {
    redundancy: (a, b) => (vectors[a] as TermVector).cosine(vectors[b] as TermVector),
    conflicts: (a, b) => {
      const [first, second] = [vectors[a] as TermVector, vectors[b] as TermVector];
      return (
        first.cosine(second) >= NEAR_DUPLICATE_COSINE ||
        first.containment(second) >= NEAR_DUPLICATE_CONTAINMENT
      );
    },
  });
  const top = Math.max(...picked.map((i) => scores[i] ?? 0), Number.MIN_VALUE);
  const lines = picked
    .sort((a, b) => (shortlist[a] ?? 0) - (shortlist[b] ?? 0))
    .map((i): DigestLine => {
      const { message } = considered[shortlist[i] as number] as Considered;
      const quote = truncateAtWord(message.content, DIGEST_QUOTE_CHARS);
      const source = sources[i];
      return {
        messageId: message.id,
        authorId: message.authorId,
        authorName: message.authorName,
        quote: quote.text,
        truncated: quote.truncated,
        url: message.url ?? jumpLink(message),
        createdAt: message.createdAt,
        score: Math.round(((scores[i] ?? 0) / top) * 1000) / 1000,
        ...(source ? { source } : {}),
      };
    });
  return { considered: considered.length, skipped, lines };
}
