import type { Span } from '../../corpus/types.ts';
import { formatEventDate } from '../../summary/eventDates.ts';
import type { EventDate, Timeline, TimelineEvent } from '../../summary/types.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { pagingRow } from './pagingRow.ts';
import { compactCitation, quotedExcerpt } from './quotedLines.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/** Events per page at most: a page should read at a glance. */
const EVENTS_PER_PAGE = 8;
/** Room for one quote; the core keeps lines under 480 characters, so nothing is cut in practice. */
const MAX_QUOTE_CHARS = 600;
/** Room for a page's events, well within a description's 4096. */
const PAGE_CHARS = 3800;

export interface TimelineView {
  timeline: Timeline;
  /** 0-based; clamped to the pages there are. */
  page: number;
  /** Builds the custom id of the button that opens another page; no buttons without it. */
  pageId?: (page: number) => string;
}

/**
 * When an event happened, as a reader should see it: `2022-01-13`, `≈ week of 2022-01-06` when the sentence
 * only says "last week", and `(still ahead)` when the article reported a plan or a deadline.
 */
function eventDateLabel(event: EventDate): string {
  const label = `${event.approximate ? '≈ ' : ''}${formatEventDate(event)}`;
  return event.upcoming ? `${label} (still ahead)` : label;
}

/** The words that date the event, where they stand in the quote, to show them in bold. */
function datingWords(event: TimelineEvent): Span[] {
  const at = event.quote.indexOf(event.event.text);
  return at < 0 || !event.event.text ? [] : [{ start: at, end: at + event.event.text.length }];
}

function eventBlock(event: TimelineEvent): string {
  const quote = quotedExcerpt(event.quote, MAX_QUOTE_CHARS, datingWords(event));
  return `**${eventDateLabel(event.event)}** · ${quote}\n— ${compactCitation(event.citation)}`;
}

/** The events of each page, as indices: as many whole events as fit, and at most `EVENTS_PER_PAGE`. */
export function timelinePages(timeline: Timeline): number[][] {
  const pages: number[][] = [];
  let current: number[] = [];
  let length = 0;
  timeline.events.forEach((event, i) => {
    const size = eventBlock(event).length + 2;
    if (current.length > 0 && (current.length >= EVENTS_PER_PAGE || length + size > PAGE_CHARS)) {
      pages.push(current);
      current = [];
      length = 0;
    }
    current.push(i);
    length += size;
  });
  if (current.length > 0) pages.push(current);
  return pages;
}

/**
 * One page of a timeline: each event's resolved date (approximate ones marked ≈), the sentence that reports
 * it quoted word for word with its dating words in bold, and its citation; buttons page through the rest.
 */
export function renderTimeline(view: TimelineView): ReplyMessage {
  const { timeline } = view;
  const pages = timelinePages(timeline);
  const page = Math.min(Math.max(0, view.page), Math.max(0, pages.length - 1));
  const shown = (pages[page] ?? []).map((i) => timeline.events[i] as TimelineEvent);
  const approximate = timeline.events.some((event) => event.event.approximate);
  const footer = [
    ...(pages.length > 1 ? [`Page ${page + 1} of ${pages.length}`] : []),
    `${timeline.events.length} dated ${timeline.events.length === 1 ? 'event' : 'events'}, in the order they happened`,
    'dates resolved against each article’s date',
    ...(approximate ? ['≈ approximate'] : []),
  ].join(' · ');
  const row = view.pageId ? pagingRow({ pageId: view.pageId, page, pages: pages.length }) : undefined;
  return {
    embeds: [
      {
        color: EMBED_COLORS.answer,
        title: markdownExcerpt(timeline.topic ? `Timeline: “${timeline.topic}”` : 'Timeline of the event', {
          max: DISCORD_LIMITS.embedTitle,
        }),
        description: shown.map(eventBlock).join('\n\n'),
        footer: { text: footer },
      },
    ],
    components: row ? [row] : [],
  };
}
