import type { Quote } from '../answer/types.ts';

export type SummaryLength = 'short' | 'medium' | 'long';

/** How finely a sentence dates its event: "on January 6" to the day, "last week" to the week, "in 1991" to the year. */
export type DatePrecision = 'day' | 'week' | 'month' | 'year';

/** When the event a sentence reports happened, resolved against its article's date. */
export interface EventDate {
  /** ISO `YYYY-MM-DD`: the day itself, or the first day of the month or year when only those are known. */
  date: string;
  precision: DatePrecision;
  /** True unless the sentence names the day: "last week", "in December", "in 2019". */
  approximate: boolean;
  /** True when the date was still ahead when the article was published: a plan or a forecast, not a report. */
  upcoming: boolean;
  /** The words that date the event, verbatim from the sentence ("On Thursday", "last week"). */
  text: string;
}

/** One line of a briefing: a verbatim quote in the shape of an answer, and when its event happened if it says. */
export interface SummaryLine extends Quote {
  event?: EventDate;
}

/** A briefing of the corpus, or of what it says about one topic. */
export interface Briefing {
  topic?: string;
  length: SummaryLength;
  /** False when a topic was asked for and no passage is about it; `reason` then says so. */
  found: boolean;
  lines: SummaryLine[];
  reason?: string;
  /** How many candidate sentences the lines were chosen from. */
  candidates: number;
}

/** A dated event of the timeline: the sentence that reports it, verbatim, and when it happened. */
export interface TimelineEvent extends Quote {
  event: EventDate;
}

export interface Timeline {
  topic?: string;
  found: boolean;
  /** In the order the events happened; ties by article date, then by position in the article. */
  events: TimelineEvent[];
  reason?: string;
}

/**
 * A message of a Discord channel, as plain data. `content` is the user's text exactly as posted: mentions
 * such as `@everyone` or `<@123>` stay in it and in every line quoted from it. Whoever renders a digest must
 * neutralise them; the core never alters what a user wrote.
 */
export interface ChannelMessage {
  id: string;
  channelId: string;
  /** `null` for a direct message. */
  guildId: string | null;
  authorId: string;
  /** The name members see: nickname in the server, else global display name, else username. */
  authorName: string;
  /** True for bots and webhooks: their posts are not the channel's discussion. */
  isBot: boolean;
  content: string;
  /** ISO timestamp. */
  createdAt: string;
  /** The message's jump link when the caller has it; otherwise it is built from the ids. */
  url?: string;
}

/** A corpus sentence that bears on a message, and how much of the message's content it shares. */
export interface SourceMatch extends Quote {
  /** Share (0–1) of the message's corpus words, by rarity, that the sentence contains. */
  overlap: number;
  /** The words both share, as they appear in the sentence. */
  sharedWords: string[];
}

/** The corpus passages that bear on one message, or an honest statement that none does. */
export interface SourceCheck {
  text: string;
  found: boolean;
  matches: SourceMatch[];
  reason?: string;
}

/** One key message of a channel's discussion. Mentions in `quote` are as posted (see `ChannelMessage`). */
export interface DigestLine {
  messageId: string;
  authorId: string;
  authorName: string;
  /** The message's words from its start, cut between words when long. */
  quote: string;
  /** True when `quote` was cut; it then ends with an ellipsis. */
  truncated: boolean;
  url: string;
  createdAt: string;
  score: number;
  /** The corpus sentence the message's claim matches, when one does. */
  source?: SourceMatch;
}

export interface Digest {
  /** Messages considered, after skipping bots, commands and chatter too short to summarise. */
  considered: number;
  skipped: { bots: number; commands: number; short: number };
  lines: DigestLine[];
  reason?: string;
}
