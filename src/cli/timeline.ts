import { loadCoreConfig } from '../config.ts';
import { buildTimeline } from '../summary/buildTimeline.ts';
import { formatEventDate } from '../summary/eventDates.ts';
import { summaryCacheDir, withSummaryCache } from '../summary/summaryCache.ts';
import { MAX_TIMELINE_EVENTS } from '../summary/summaryOptions.ts';
import type { Timeline } from '../summary/types.ts';
import { DIRECTORY_OPTIONS, fail, openCorpusIndex, parseCommandLine, runCli } from './openCorpusIndex.ts';
import { citationLine, quotedLine } from './renderText.ts';

const COMMAND_LINE = {
  allowPositionals: false,
  options: {
    ...DIRECTORY_OPTIONS,
    topic: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
} as const;

const USAGE = `Usage:
  npm run --silent timeline -- [--topic T] [--limit N] [--json]
The dated events of the articles in the order they happened, each a quoted sentence with its citation;
--topic keeps only events about a topic, --limit the first N.`;

/** A readable timeline: each event's date (marked when approximate or still ahead), quote and citation. */
function renderTimeline(timeline: Timeline): string {
  const about = timeline.topic ? ` about “${timeline.topic}”` : '';
  if (!timeline.found) return timeline.reason ?? `No dated events${about}.`;
  const header = `Timeline${about} · ${timeline.events.length} events (≈ approximate date, → still ahead when reported)`;
  const events = timeline.events.map(({ event, quote, citation }) => {
    const marks = `${event.approximate ? '≈ ' : ''}${event.upcoming ? '→ ' : ''}`;
    return [
      `${marks}${formatEventDate(event)} · “${event.text}”`,
      `  ${quotedLine(quote)}`,
      `  — ${citationLine(citation)}`,
    ].join('\n');
  });
  return [header, '', events.join('\n\n')].join('\n');
}

runCli(async () => {
  const { values } = parseCommandLine(COMMAND_LINE, USAGE);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_TIMELINE_EVENTS)) {
    fail(`--limit must be a whole number from 1 to ${MAX_TIMELINE_EVENTS}\n${USAGE}`);
  }
  const index = await openCorpusIndex(values);
  const timeline = await withSummaryCache(
    index,
    summaryCacheDir(values.data ?? loadCoreConfig().DATA_DIR),
    () =>
      buildTimeline(index, {
        ...(values.topic ? { topic: values.topic } : {}),
        ...(limit ? { limit } : {}),
      }),
  );
  process.stdout.write(values.json ? `${JSON.stringify(timeline)}\n` : `${renderTimeline(timeline)}\n`);
});
