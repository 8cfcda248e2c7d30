import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { buildTimeline } from '../../src/summary/buildTimeline.ts';
import { eventsReadOf } from '../../src/summary/sentenceUnits.ts';
import { summarizeCorpus } from '../../src/summary/summarizeCorpus.ts';
import { openSummaryCache, saveSummaryCache } from '../../src/summary/summaryCache.ts';
import { runScript } from '../cli/runScript.ts';
import { UNREST_DIR } from './summaryFixtures.ts';

let workDir: string;
let corpus: Corpus;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dossier-summary-cache-'));
  corpus = await loadCorpus(UNREST_DIR);
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Everything a reader gets from the corpus: briefings of each kind and the timeline. */
function everythingSaidOf(index: PassageIndex) {
  return {
    medium: summarizeCorpus(index),
    long: summarizeCorpus(index, { length: 'long' }),
    topic: summarizeCorpus(index, { topic: 'internet' }),
    timeline: buildTimeline(index),
  };
}

describe('what briefings and timelines compute, kept per corpus version', () => {
  it('gives the next process the same briefings and timeline, with every date already read', async () => {
    const dir = join(workDir, 'kept');
    const first = PassageIndex.build(corpus);
    const opened = await openSummaryCache(first, dir);
    const said = everythingSaidOf(first);
    await saveSummaryCache(first, opened);

    const next = PassageIndex.build(corpus);
    await openSummaryCache(next, dir);
    expect(eventsReadOf(next)).toBe(eventsReadOf(first));
    expect(everythingSaidOf(next)).toEqual(said);
  });

  it('ignores a damaged cache file and works everything out again', async () => {
    const dir = join(workDir, 'damaged');
    const first = PassageIndex.build(corpus);
    const opened = await openSummaryCache(first, dir);
    const said = everythingSaidOf(first);
    await saveSummaryCache(first, opened);
    const [file] = await readdir(dir);
    await writeFile(join(dir, file ?? ''), '{"corpusVersion": "');

    const next = PassageIndex.build(corpus);
    await openSummaryCache(next, dir);
    expect(eventsReadOf(next)).toBe(-1);
    expect(everythingSaidOf(next)).toEqual(said);
  });

  it('npm run summary keeps its work beside the index snapshots, and a second run says the same', async () => {
    const dataDir = join(workDir, 'cli');
    const options = { dataDir };
    const firstRun = await runScript('summary', ['--corpus', UNREST_DIR, '--json'], options);
    const secondRun = await runScript('summary', ['--corpus', UNREST_DIR, '--json'], options);
    expect(firstRun.status).toBe(0);
    expect(secondRun).toEqual(firstRun);
    expect(await readdir(join(dataDir, 'summary'))).toHaveLength(1);
  });
});
