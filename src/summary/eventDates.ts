import * as chrono from 'chrono-node';
import type { DatePrecision, EventDate } from './types.ts';

/** A date a sentence mentions, resolved, with where it stands and whether it is only a backdrop. */
export interface DateMention extends EventDate {
  /** Offset of `text` in the sentence. */
  index: number;
  /** "since 1991", "closed since last week": the backdrop of the event, not when it happened. */
  background: boolean;
}

const DAY_MS = 86_400_000;
// Every date chrono or the year rule can read holds one of these; a sentence without any is not parsed.
const DATE_HINT =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b(sun|mon|tue|wed|thu|fri|sat)[a-z]*day\b|\b(yesterday|today|tonight|tomorrow|ago|day|week|weekend|month|year|fortnight|decade)s?\b|\b(1[89]|20)\d\d\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/i;
const WEEKDAY_NAMES = /\b(sun|mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?)(day)?\b/i;
// "last Saturday", "next Monday", "this Thursday": the writer chose the direction; chrono follows it.
const EXPLICIT_DIRECTION = /\b(last|next|this|past|previous|coming|following)\b/i;
// Words that make a clause look ahead: "will leave on Saturday", "would run from Monday".
const FORWARD_CUE =
  /\b(will|would|shall|expected|expects?|scheduled|due|plan(s|ned)?|intends?|going to|set to|to be held|upcoming)\b|['’]ll\b/i;
// A clause ends at these; a cue beyond one does not govern the date.
const CLAUSE_BREAK = /[,;:–—()]|\b(and|but|while|after|before|when)\b/gi;
// "since its independence in 1991", "until Monday": the date bounds a state, it does not date the event.
const BACKGROUND_CUE = /\b(since|until|till)\b(?:\W+\w+){0,4}\W*$/i;
/**
 * How far before a date its cues are looked for. A clause is read back only this far, so a sentence with many
 * dates costs time in proportion to its length, not to its length times its dates.
 */
const CUE_REACH = 300;
/**
 * Dates are read in this much of a sentence. A news sentence is far shorter; a "sentence" of thousands of
 * dates without a full stop is a list or an attack, and reading all of it would hold up every other request.
 */
const DATED_SENTENCE_CHARS = 2000;
// Spans of time, not points: "for several days", "within hours", "in two weeks", "over the weekend".
const DURATION =
  /^(for|within|over|during|in\s+(a|an|the|\d+|few|several|two|three|four|five|six|seven|ten)\b)/i;
// A year standing alone after a preposition, which chrono leaves alone: "in 1991", "since 2019".
const BARE_YEAR = /\b(?:in|since|by|until|from|of|before|after)\s+((?:1[89]|20)\d\d)\b(?![-–/,.]\d)/gi;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Noon UTC of the article's day, so day arithmetic never crosses a date line. */
function referenceOf(articleDate: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(articleDate)) return undefined;
  const reference = new Date(`${articleDate}T12:00:00Z`);
  return Number.isNaN(reference.getTime()) ? undefined : reference;
}

/** The text just before `index`, as far back as a cue can govern a date. */
function textBefore(sentence: string, index: number): string {
  return sentence.slice(Math.max(0, index - CUE_REACH), index);
}

function clauseBefore(sentence: string, index: number): string {
  const before = textBefore(sentence, index);
  let start = 0;
  for (const match of before.matchAll(CLAUSE_BREAK)) start = match.index + match[0].length;
  return before.slice(start);
}

/**
 * A bare weekday in news copy is the most recent one, the article's own day included ("on Saturday" in a
 * Thursday article is two days before), unless its clause looks ahead ("will leave on Saturday").
 */
function resolveWeekday(weekday: number, reference: Date, forward: boolean): Date {
  const daysAhead = (weekday - reference.getUTCDay() + 7) % 7;
  const offset = forward || daysAhead === 0 ? daysAhead : daysAhead - 7;
  return new Date(reference.getTime() + offset * DAY_MS);
}

function precisionOf(result: chrono.ParsedResult): DatePrecision | undefined {
  const { start, text } = result;
  if (/\bweeks?\b|\bweekend\b/i.test(text)) return 'week';
  if (/\bmonths?\b/i.test(text)) return 'month';
  if (/\byears?\b/i.test(text) && !start.isCertain('day')) return 'year';
  if (start.isCertain('day') || start.isCertain('weekday')) return 'day';
  if (/\b(yesterday|today|tonight|tomorrow|days?)\b/i.test(text)) return 'day';
  if (start.isCertain('month')) return 'month';
  if (start.isCertain('year')) return 'year';
  return undefined;
}

function startOf(date: Date, precision: DatePrecision): string {
  const day = isoDay(date);
  if (precision === 'month') return `${day.slice(0, 7)}-01`;
  if (precision === 'year') return `${day.slice(0, 4)}-01-01`;
  return day;
}

function chronoMentions(sentence: string, reference: Date | undefined): DateMention[] {
  const instant = reference ?? new Date(Date.UTC(2000, 0, 1, 12));
  const mentions: DateMention[] = [];
  for (const result of chrono.en.casual.parse(sentence, { instant, timezone: 0 })) {
    const text = result.text.replace(/[\s,.;:]+$/, '');
    if (DURATION.test(text)) continue;
    const precision = precisionOf(result);
    // Times of day ("in the morning") carry no date of their own.
    if (!precision) continue;
    // Without the article's date only a mention with its own year can be placed.
    if (!reference && !result.start.isCertain('year')) continue;
    let date = result.start.date();
    const bareWeekday =
      result.start.isCertain('weekday') && !result.start.isCertain('day') && !EXPLICIT_DIRECTION.test(text);
    if (bareWeekday && reference && WEEKDAY_NAMES.test(text)) {
      const forward = FORWARD_CUE.test(clauseBefore(sentence, result.index));
      date = resolveWeekday(result.start.get('weekday') ?? 0, reference, forward);
    }
    mentions.push({
      date: startOf(date, precision),
      precision,
      approximate: precision !== 'day',
      upcoming: isUpcoming(date, precision, reference),
      text,
      index: result.index,
      background: BACKGROUND_CUE.test(textBefore(sentence, result.index)),
    });
  }
  return mentions;
}

/** Whether a date at its precision lies wholly after the article's day ("next week", "by January 22"). */
function isUpcoming(date: Date, precision: DatePrecision, reference: Date | undefined): boolean {
  if (!reference) return false;
  const length = { day: 10, week: 10, month: 7, year: 4 }[precision];
  return isoDay(date).slice(0, length) > isoDay(reference).slice(0, length);
}

function bareYearMentions(
  sentence: string,
  taken: readonly DateMention[],
  reference: Date | undefined,
): DateMention[] {
  const mentions: DateMention[] = [];
  for (const match of sentence.matchAll(BARE_YEAR)) {
    const year = match[1] ?? '';
    const index = match.index + match[0].length - year.length;
    if (taken.some((mention) => index >= mention.index && index < mention.index + mention.text.length))
      continue;
    mentions.push({
      date: `${year}-01-01`,
      precision: 'year',
      approximate: true,
      upcoming: isUpcoming(new Date(`${year}-07-01T12:00:00Z`), 'year', reference),
      text: year,
      index,
      background: BACKGROUND_CUE.test(textBefore(sentence, index)),
    });
  }
  return mentions;
}

/** Whether a sentence holds a word any date is written with: a cheap test before parsing. */
export function mayMentionDate(sentence: string): boolean {
  return DATE_HINT.test(sentence);
}

/**
 * Every date a sentence mentions, resolved against its article's date (`YYYY-MM-DD`, or empty when the
 * article is undated: then only dates that name their year are kept), in order of appearance.
 */
export function eventDatesIn(text: string, articleDate: string): DateMention[] {
  const sentence = text.slice(0, DATED_SENTENCE_CHARS);
  if (!mayMentionDate(sentence)) return [];
  const reference = referenceOf(articleDate);
  const mentions = chronoMentions(sentence, reference);
  return [...mentions, ...bareYearMentions(sentence, mentions, reference)].sort((a, b) => a.index - b.index);
}

const PRECISION_RANK: Record<DatePrecision, number> = { day: 0, week: 1, month: 2, year: 3 };

/**
 * The date of the event a sentence reports: a date that is not a backdrop, one already past when the
 * article appeared before one still ahead ("will leave by January 19, the alliance said on Friday" is dated
 * Friday), then the most precise, then the first ("sent on January 6 and expected to leave by January 22"
 * is dated January 6). None when every date is a backdrop ("not seen since 1991").
 */
export function eventDateOf(sentence: string, articleDate: string): EventDate | undefined {
  const best = eventMentionOf(sentence, articleDate);
  if (!best) return undefined;
  const { date, precision, approximate, upcoming, text } = best;
  return { date, precision, approximate, upcoming, text };
}

/** The mention `eventDateOf` dates the sentence by, with where it stands in the sentence. */
export function eventMentionOf(sentence: string, articleDate: string): DateMention | undefined {
  const candidates = eventDatesIn(sentence, articleDate).filter((mention) => !mention.background);
  return candidates.sort(
    (a, b) =>
      Number(a.upcoming) - Number(b.upcoming) ||
      PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision] ||
      a.index - b.index,
  )[0];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date as a reader should see it: "2022-01-13", "week of 2022-01-06", "December 2021", "1991". */
export function formatEventDate(event: EventDate): string {
  const [year, month] = event.date.split('-');
  switch (event.precision) {
    case 'day':
      return event.date;
    case 'week':
      return `week of ${event.date}`;
    case 'month':
      return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
    case 'year':
      return year ?? event.date;
  }
}
