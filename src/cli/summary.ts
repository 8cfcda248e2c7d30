import { loadCoreConfig } from '../config.ts';
import { formatEventDate } from '../summary/eventDates.ts';
import { summarizeCorpus } from '../summary/summarizeCorpus.ts';
import { summaryCacheDir, withSummaryCache } from '../summary/summaryCache.ts';
import { LINES_FOR_LENGTH } from '../summary/summaryOptions.ts';
import type { Briefing, SummaryLength } from '../summary/types.ts';
import { DIRECTORY_OPTIONS, fail, openCorpusIndex, parseCommandLine, runCli } from './openCorpusIndex.ts';
import { citationLine, quotedLine } from './renderText.ts';

const COMMAND_LINE = {
  allowPositionals: false,
  options: {
    ...DIRECTORY_OPTIONS,
    topic: { type: 'string' },
    length: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
} as const;

const USAGE = `Usage:
  npm run --silent summary -- [--topic T] [--length short|medium|long] [--json]
A briefing: about 3, 6 or 12 quoted lines (default medium), in the order of events; --topic keeps
only sentences about a topic.`;

function isLength(value: string): value is SummaryLength {
  return Object.hasOwn(LINES_FOR_LENGTH, value);
}

/** A readable briefing: each line's quote, its citation, and when its event happened when the line says. */
function renderBriefing(briefing: Briefing): string {
  const about = briefing.topic ? ` about “${briefing.topic}”` : '';
  if (!briefing.found) return briefing.reason ?? `Nothing to summarise${about}.`;
  const header = `Briefing${about} · ${briefing.length} · ${briefing.lines.length} lines, in the order of events`;
  const lines = briefing.lines.map((line, i) => {
    const when = line.event ? [`   when: ${formatEventDate(line.event)} (“${line.event.text}”)`] : [];
    return [`${i + 1}. ${quotedLine(line.quote)}`, `   — ${citationLine(line.citation)}`, ...when].join('\n');
  });
  return [header, '', lines.join('\n\n')].join('\n');
}

runCli(async () => {
  const { values } = parseCommandLine(COMMAND_LINE, USAGE);
  const length = values.length ?? 'medium';
  if (!isLength(length)) fail(`--length must be short, medium or long, not “${length}”\n${USAGE}`);
  const index = await openCorpusIndex(values);
  const briefing = await withSummaryCache(
    index,
    summaryCacheDir(values.data ?? loadCoreConfig().DATA_DIR),
    () => summarizeCorpus(index, { length, ...(values.topic ? { topic: values.topic } : {}) }),
  );
  process.stdout.write(values.json ? `${JSON.stringify(briefing)}\n` : `${renderBriefing(briefing)}\n`);
});
