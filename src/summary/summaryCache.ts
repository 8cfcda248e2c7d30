import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../corpus/durableFiles.ts';
import { pruneSnapshots } from '../search/openIndex.ts';
import { PassageIndex } from '../search/PassageIndex.ts';
import type { SearchIndex } from '../search/SearchIndex.ts';
import {
  eventsReadOf,
  restoreSentenceUnits,
  type SavedSentenceUnits,
  saveSentenceUnits,
} from './sentenceUnits.ts';

/** Changes whenever what a summary saves changes shape or meaning; older files are then ignored. */
const SUMMARY_CACHE_FORMAT = 's2';

/** Where briefings and timelines keep what they read from every sentence, beside the index snapshots. */
export function summaryCacheDir(dataDir: string): string {
  return join(dataDir, 'summary');
}

/** What was on disk when a summary cache was opened, so only new work is written back. */
export interface OpenedSummaryCache {
  path: string;
  /** Sentences whose event date had been read when the cache was saved; -1 when there was no cache. */
  eventsRead: number;
}

/**
 * Takes what an earlier briefing or timeline of this corpus version saved under `dir` (every quotable
 * sentence, its terms and typicality, the event dates read), so the next one starts where it left off. A
 * missing, damaged or stale file is ignored: computing afresh is always correct.
 */
export async function openSummaryCache(index: SearchIndex, dir: string): Promise<OpenedSummaryCache> {
  const path = join(dir, `${PassageIndex.snapshotKey(index.corpus)}-${SUMMARY_CACHE_FORMAT}.json`);
  // This index has read its sentences already (a running bot's second briefing): nothing to take.
  if (eventsReadOf(index) >= 0) return { path, eventsRead: eventsReadOf(index) };
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as SavedSentenceUnits;
    if (restoreSentenceUnits(index, saved)) return { path, eventsRead: eventsReadOf(index) };
  } catch {
    // No cache yet, or a damaged one.
  }
  return { path, eventsRead: -1 };
}

/** Saves what summaries of the index have computed, when it is more than the cache held; never throws. */
export async function saveSummaryCache(index: SearchIndex, opened: OpenedSummaryCache): Promise<void> {
  if (eventsReadOf(index) <= opened.eventsRead) return;
  const saved = saveSentenceUnits(index);
  if (!saved) return;
  try {
    const dir = join(opened.path, '..');
    await mkdir(dir, { recursive: true });
    await writeFileDurably(opened.path, Buffer.from(JSON.stringify(saved)));
    await pruneSnapshots(dir);
  } catch {
    // A read-only data directory only costs the next run the work again.
  }
}

/**
 * Runs `summarize` over the index, starting from what earlier briefings and timelines of the same corpus
 * version saved in `dir`, and saving what this one adds for the next run or the next start.
 */
export async function withSummaryCache<T>(index: SearchIndex, dir: string, summarize: () => T): Promise<T> {
  const cache = await openSummaryCache(index, dir);
  const result = summarize();
  await saveSummaryCache(index, cache);
  return result;
}
