import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CorpusHistory } from '../../src/corpus/CorpusHistory.ts';
import { CorpusStore } from '../../src/corpus/CorpusStore.ts';
import { TEMP_PREFIX } from '../../src/corpus/durableFiles.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { sha256 } from '../../src/corpus/parseDocument.ts';
import { CRASH_SEQUENCE } from './crashSequence.ts';
import { makeStoreDirs, STORE_CORPUS, STORE_UPLOADS, type StoreDirs } from './storeFixture.ts';

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The durable steps of CRASH_SEQUENCE, in order. The crash-safety argument rests on this order: history copy
 * before the live file changes, the new file before the old one goes, the audit line after the disk change.
 */
const EXPECTED_STEPS = [
  ...['add:validated', 'add:written', 'add:audited', 'add:indexing'],
  ...['replace:validated', 'replace:archived', 'replace:written', 'replace:audited', 'replace:indexing'],
  ...['replace:validated', 'replace:archived', 'replace:written', 'replace:unlinked', 'replace:audited'],
  'replace:indexing',
  ...['remove:validated', 'remove:archived', 'remove:unlinked', 'remove:audited', 'remove:indexing'],
  ...['restore:validated', 'restore:written', 'restore:audited', 'restore:indexing'],
  'reload:indexing',
];

/** Points where something has been written: nothing is written before "validated" returns. */
const KILL_POINTS = EXPECTED_STEPS.map((step, i) => ({ step, n: i + 1 })).filter(
  ({ step, n }) =>
    !step.endsWith(':validated') && !(step.endsWith(':indexing') && n !== EXPECTED_STEPS.length),
);

interface ChildRun {
  steps: string[];
  done: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the moderator session in a child process and kills it with SIGKILL at a step or after a delay. */
function runChild(dirs: StoreDirs, kill: { atStep?: number; afterMs?: number } = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // node --import tsx rather than the tsx CLI, so the process killed is the one doing the work.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, dirs.corpusDir, dirs.dataDir, String(kill.atStep ?? '')],
      { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const run: ChildRun = { steps: [], done: false, signal: null, stderr: '' };
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [kind, , step] = line.split(' ');
        if (kind === 'STEP' && step) run.steps.push(step);
        if (kind === 'PAUSED') child.kill('SIGKILL');
        if (kind === 'DONE') run.done = true;
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      run.stderr += chunk;
    });
    const timer =
      kill.afterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
    child.on('error', reject);
    // 'close' rather than 'exit', so every line the child wrote has been read.
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      run.signal = signal;
      resolve(run);
    });
  });
}

async function sha256sOfFiles(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return new Set(await Promise.all(files.map(async (file) => sha256(await readFile(file)))));
}

/** sha256 of every version that was in the corpus before the kill: the originals, and each upload written. */
async function versionsWritten(reached: readonly string[]): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (const file of await readdir(STORE_CORPUS)) {
    versions.set(sha256(await readFile(join(STORE_CORPUS, file))), `original ${file}`);
  }
  const written = reached.filter((step) => step.endsWith(':written'));
  const uploads = CRASH_SEQUENCE.filter((operation) => operation.upload);
  for (const [i, operation] of uploads.entries()) {
    if (i >= written.length || !operation.upload) continue;
    versions.set(sha256(await readFile(join(STORE_UPLOADS, operation.upload))), `upload ${operation.upload}`);
  }
  return versions;
}

/** Every version is in the corpus or in history, with its bytes intact. */
async function missingVersions(dirs: StoreDirs, versions: Map<string, string>): Promise<string[]> {
  const live = await sha256sOfFiles(dirs.corpusDir);
  const history = new CorpusHistory(join(dirs.dataDir, 'history'));
  const kept = new Set<string>();
  for (const entry of await history.entries()) kept.add(sha256(await history.read(entry)));
  return [...versions].filter(([hash]) => !live.has(hash) && !kept.has(hash)).map(([, name]) => name);
}

async function checkNothingLost(dirs: StoreDirs, run: ChildRun): Promise<void> {
  const versions = await versionsWritten(run.steps);
  // As the killed process left it: the corpus loads and holds or keeps every version.
  const raw = await loadCorpus(dirs.corpusDir);
  expect(raw.documents.length).toBeGreaterThanOrEqual(3);
  expect(await missingVersions(dirs, versions)).toEqual([]);

  // Opening the store again tidies up: no leftovers, no invalid file, and still nothing lost.
  const store = await CorpusStore.open({
    corpusDir: dirs.corpusDir,
    dataDir: dirs.dataDir,
    maxUploadBytes: 1 << 20,
  });
  try {
    expect(store.live.current.corpus.problems).toEqual([]);
    expect(store.live.current.corpus.documents.length).toBe(raw.documents.length);
    const leftovers = (await readdir(dirs.root, { recursive: true })).filter((path) =>
      path.includes(TEMP_PREFIX),
    );
    expect(leftovers).toEqual([]);
    expect(await missingVersions(dirs, versions)).toEqual([]);
    for (const record of await store.audit.records()) expect(record.actor.name).toBe('aigerim');
    expect((await store.reload({ id: 'check', name: 'check' })).ok).toBe(true);
  } finally {
    await store.close();
  }
}

describe('a process killed in the middle of a change', () => {
  let dryRunMs = 0;

  beforeAll(async () => {
    const dirs = await makeStoreDirs();
    try {
      const started = performance.now();
      const run = await runChild(dirs);
      dryRunMs = performance.now() - started;
      expect(run.stderr).toBe('');
      expect(run.done).toBe(true);
      expect(run.steps).toEqual(EXPECTED_STEPS);
    } finally {
      await dirs.remove();
    }
  });

  it.concurrent.each(KILL_POINTS)(
    'leaves a corpus that loads with nothing lost when killed after $step (step $n)',
    async ({ n }) => {
      const dirs = await makeStoreDirs();
      try {
        const run = await runChild(dirs, { atStep: n });
        expect(run.signal).toBe('SIGKILL');
        expect(run.steps).toEqual(EXPECTED_STEPS.slice(0, n));
        await checkNothingLost(dirs, run);
      } finally {
        await dirs.remove();
      }
    },
    60_000,
  );

  it.concurrent.each([0.3, 0.55, 0.8])(
    'leaves a corpus that loads with nothing lost when killed at an arbitrary moment (%s of a session)',
    async (fraction) => {
      const dirs = await makeStoreDirs();
      try {
        const run = await runChild(dirs, { afterMs: Math.round(dryRunMs * fraction) });
        await checkNothingLost(dirs, run);
      } finally {
        await dirs.remove();
      }
    },
    60_000,
  );
});
