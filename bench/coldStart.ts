import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Corpus } from '../src/corpus/types.ts';
import type { IndexedPassage } from '../src/search/indexOptions.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import { decodeSnapshot } from '../src/search/snapshotFile.ts';
import { buildBaseline, loadBaseline, type Peer } from './baseline.ts';
import { elapsedMs } from './measure.ts';

/** What a restarted process does first: build its index, or load the snapshot of it. */
export type ColdStartTask = 'dossier-build' | 'dossier-load' | `${Peer}-build` | `${Peer}-load`;

/** The files a cold-start task reads, written once by the parent process. */
export const COLD_START_FILES = {
  corpus: 'corpus.json',
  documents: 'documents.json',
  dossierSnapshot: 'dossier-snapshot.idx',
  peerSnapshot: (peer: Peer) => `${peer}-snapshot.json`,
} as const;

/** Restores a Dossier snapshot, failing loudly if it is rejected: a rejected snapshot has no load time. */
export async function loadDossierSnapshot(corpus: Corpus, bytes: Uint8Array): Promise<PassageIndex> {
  const index = await PassageIndex.fromSnapshot(corpus, decodeSnapshot(bytes));
  if (!index) throw new Error('bench: the snapshot was rejected as stale for its own corpus');
  return index;
}

async function readJson<T>(dir: string, file: string): Promise<T> {
  return JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
}

/** Runs one task and returns its time in milliseconds; reading the input files is not timed. */
async function runTask(task: ColdStartTask, dir: string): Promise<number> {
  switch (task) {
    case 'dossier-build': {
      const corpus = await readJson<Corpus>(dir, COLD_START_FILES.corpus);
      const start = process.hrtime.bigint();
      PassageIndex.build(corpus);
      return elapsedMs(start);
    }
    case 'dossier-load': {
      const corpus = await readJson<Corpus>(dir, COLD_START_FILES.corpus);
      const bytes = await readFile(join(dir, COLD_START_FILES.dossierSnapshot));
      const start = process.hrtime.bigint();
      await loadDossierSnapshot(corpus, bytes);
      return elapsedMs(start);
    }
    default: {
      const [peer, step] = task.split('-') as [Peer, 'build' | 'load'];
      if (step === 'build') {
        const documents = await readJson<IndexedPassage[]>(dir, COLD_START_FILES.documents);
        const start = process.hrtime.bigint();
        buildBaseline(documents, peer);
        return elapsedMs(start);
      }
      const json = await readFile(join(dir, COLD_START_FILES.peerSnapshot(peer)), 'utf8');
      const start = process.hrtime.bigint();
      await loadBaseline(json, peer);
      return elapsedMs(start);
    }
  }
}

const SELF = fileURLToPath(import.meta.url);

/**
 * Times `task` in a new Node process, as a restart would run it: nothing compiled, nothing cached (the
 * term-normalisation memo starts empty). The child runs with the parent's loader flags, so TypeScript works.
 */
export async function timeColdStart(task: ColdStartTask, dir: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, SELF, task, dir], {
    maxBuffer: 1024 * 1024,
  });
  const ms = Number(stdout.trim());
  if (!Number.isFinite(ms)) throw new Error(`bench: cold start "${task}" printed no time`);
  return ms;
}

if (process.argv[1] === SELF) {
  const [task, dir] = process.argv.slice(2) as [ColdStartTask, string];
  runTask(task, dir).then(
    (ms) => process.stdout.write(`${ms}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    },
  );
}
