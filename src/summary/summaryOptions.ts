import type { SummaryLength } from './types.ts';

/** Every tunable of briefings, timelines and digests, in one place. */

/** About how many lines each briefing length holds. */
export const LINES_FOR_LENGTH: Record<SummaryLength, number> = { short: 3, medium: 6, long: 12 };
export const DEFAULT_LENGTH: SummaryLength = 'medium';

/** Sentences with fewer content words are fragments ("Until then, Kazakhstan prided itself on its stability."). */
export const MIN_LINE_TERMS = 5;
/** A two-sentence line longer than this is cut back to its own sentence; quotes stay readable in an embed. */
export const MAX_LINE_CHARS = 480;
/** A quotation needs this many content words around it to say who said it and about what. */
export const MIN_TERMS_OUTSIDE_QUOTES = 2;

/** The similarity graph is built over at most this many sentences, chosen by closeness to the corpus centroid. */
export const MAX_GRAPH_CANDIDATES = 300;
/** Similarities below this are noise, not an edge of the graph (LexRank's threshold, kept low). */
export const MIN_EDGE_SIMILARITY = 0.05;
export const DAMPING = 0.85;
export const RANK_ITERATIONS = 60;

/**
 * News writes its main facts first: a sentence's prior weight falls with its paragraph number as
 * 1 / paragraph^LEAD_DECAY, so the lead counts most without silencing the rest of the article.
 */
export const LEAD_DECAY = 0.5;
/**
 * Extra prior weight for the facts a sentence carries: a dated event and a figure are what a briefing is
 * made of; a name counts least, since most news sentences hold one.
 */
export const FACT_WEIGHTS = { date: 0.75, figure: 0.75, name: 0.25 };
/**
 * How much two lines about the same moment (same event date at the same precision) count as repeating each
 * other in MMR, whatever their words: a briefing told in order of events should span them, not dwell on one day.
 */
export const TEMPORAL_REDUNDANCY = 0.5;

/** MMR's balance between centrality (1) and novelty (0). */
export const MMR_LAMBDA = 0.7;
/** Two lines at least this similar (cosine over idf-weighted terms) say the same thing; only one is kept. */
export const NEAR_DUPLICATE_COSINE = 0.5;
/** Two lines are also the same when this share of the lighter one's weight is in the other. */
export const NEAR_DUPLICATE_CONTAINMENT = 0.75;

/** A topic line must cover this share of the topic's words, weighted by rarity. */
export const MIN_TOPIC_COVERAGE = 0.5;
/** A related word below this similarity does not make a sentence about the topic word. */
export const MIN_TOPIC_RELATED_SIMILARITY = 0.75;
/** How many passages a topic search may bring back. */
export const MAX_TOPIC_PASSAGES = 200;

/** A timeline lists at most this many events by default, and never more than the maximum. */
export const DEFAULT_TIMELINE_EVENTS = 50;
export const MAX_TIMELINE_EVENTS = 200;
/** Copies of one report are found among sentences sharing one of their this many rarest terms. */
export const REPEAT_KEY_TERMS = 3;

/** A digest quotes at most this many characters of a message, cut between words. */
export const DIGEST_QUOTE_CHARS = 200;
/** Messages with fewer content words are chatter ("lol", "+1", "same"). */
export const MIN_MESSAGE_TERMS = 3;
export const DEFAULT_DIGEST_LINES = 8;
/** Every message's prior weight starts here, before connectedness (0–1) and bearing on the sources (0–1). */
export const DIGEST_BASE_PRIOR = 0.1;
/** Only this many times the digest's length of the most central messages are checked against the sources. */
export const DIGEST_SHORTLIST_FACTOR = 3;

/** A message's claim matches a sentence only when the sentence holds this share of the message's corpus words. */
export const MIN_SOURCE_OVERLAP = 0.5;
/** ...and at least this many of them. */
export const MIN_SHARED_TERMS = 2;
/** A message's word the corpus lacks is matched through a relative only this close ("troops" → "soldiers"). */
export const MIN_MESSAGE_RELATED_SIMILARITY = 0.88;
/** How many passages a source check reads, and how many matching sentences it returns. */
export const SOURCE_CHECK_PASSAGES = 20;
export const SOURCE_CHECK_MATCHES = 3;
