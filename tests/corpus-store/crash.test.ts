import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMP_PREFIX } from '../../src/corpus/durableFiles.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { sha256 } from '../../src/corpus/parseDocument.ts';
import type { AuditRecord } from '../../src/store/AuditLog.ts';
import { CorpusHistory } from '../../src/store/CorpusHistory.ts';
import { CorpusStore } from './compiledStore.ts';
import { CRASH_SEQUENCE } from './crashSequence.ts';
import { MODERATOR, makeStoreDirs, STORE_CORPUS, STORE_UPLOADS, type StoreDirs } from './storeFixture.ts';

const CHILD = fileURLToPath(new URL('./crashChild.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface ChildRun {
  /** Every point the store reported, `<point>#<n>`, in order. */
  points: string[];
  /** How many operations of CRASH_SEQUENCE had returned to the moderator. */
  acknowledged: number;
  signal: NodeJS.Signals | null;
  /** stderr besides the points. */
  errors: string;
}

/** Runs the moderator session in a child process; the store kills it with SIGKILL at `crashAt`. */
function runChild(dirs: StoreDirs, crashAt: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // node --import tsx rather than the tsx CLI, so the process killed is the one doing the work.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dirs.corpusDir, dirs.dataDir], {
      cwd: REPO,
      env: { ...process.env, DOSSIER_CRASH_AT: crashAt },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    // 'close' rather than 'exit', so every line the child wrote has been read.
    child.on('close', (_code, signal) => {
      const lines = stderr.split('\n').filter(Boolean);
      resolve({
        points: lines.filter((line) => line.startsWith('at ')).map((line) => line.slice(3)),
        acknowledged: stdout.split('\n').filter((line) => line.startsWith('acknowledged ')).length,
        signal,
        errors: lines.filter((line) => !line.startsWith('at ')).join('\n'),
      });
    });
  });
}

async function filesWithHashes(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const hashes = await Promise.all(
    files.map(
      async (file): Promise<[string, string]> => [file.slice(dir.length + 1), sha256(await readFile(file))],
    ),
  );
  return new Map(hashes);
}

/** The corpus the audit log describes: the fixture with every recorded change applied in order. */
async function corpusByAudit(records: readonly AuditRecord[]): Promise<Map<string, string>> {
  const files = await filesWithHashes(STORE_CORPUS);
  for (const record of records) {
    if (record.before) files.delete(record.before.file);
    if (record.after) files.set(record.after.file, record.after.sha256);
  }
  return files;
}

/** Every version the session could have put in the corpus: the originals and every upload. */
async function everyVersion(): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (const [file, hash] of await filesWithHashes(STORE_CORPUS)) versions.set(hash, `original ${file}`);
  for (const operation of CRASH_SEQUENCE) {
    if (!operation.upload) continue;
    versions.set(sha256(await readFile(join(STORE_UPLOADS, operation.upload))), `upload ${operation.upload}`);
  }
  return versions;
}

/** Versions that reached the corpus at some point (per the audit log) but are neither live nor in history. */
async function lostVersions(dirs: StoreDirs, records: readonly AuditRecord[]): Promise<string[]> {
  const everSeen = new Set([...(await filesWithHashes(STORE_CORPUS)).values()]);
  for (const record of records) if (record.after) everSeen.add(record.after.sha256);
  const live = new Set((await filesWithHashes(dirs.corpusDir)).values());
  const history = new CorpusHistory(join(dirs.dataDir, 'history'));
  const kept = new Set<string>();
  for (const entry of await history.entries()) kept.add(sha256(await history.read(entry)));
  const names = await everyVersion();
  return [...everSeen]
    .filter((hash) => !live.has(hash) && !kept.has(hash))
    .map((hash) => names.get(hash) ?? hash);
}

/** What a restart after the kill must find. */
async function checkAfterRestart(dirs: StoreDirs, run: ChildRun): Promise<void> {
  const store = await CorpusStore.open({
    corpusDir: dirs.corpusDir,
    dataDir: dirs.dataDir,
    maxUploadBytes: 1 << 20,
  });
  try {
    // The corpus loads, every file in it.
    expect(store.live.current.corpus.problems).toEqual([]);
    expect(store.live.current.corpus.documents.length).toBeGreaterThanOrEqual(3);
    const records = (await store.audit.records()).filter((record) => record.action !== 'reload');
    for (const record of records) expect(record.actor).toEqual(MODERATOR);

    // Nothing acknowledged is lost: each operation that returned has its line, written before it returned.
    const written = records.filter((record) => !record.recovered).map((record) => record.action);
    expect(written.slice(0, run.acknowledged)).toEqual(
      CRASH_SEQUENCE.slice(0, run.acknowledged)
        .map((operation) => operation.action)
        .filter((action) => action !== 'reload'),
    );
    expect(await lostVersions(dirs, records)).toEqual([]);

    // Every change on disk has its audit line, and every line its change: replaying the log gives the corpus.
    expect(await filesWithHashes(dirs.corpusDir)).toEqual(await corpusByAudit(records));

    // History holds only entries whose bytes are there, each kept by a recorded change.
    const history = new CorpusHistory(join(dirs.dataDir, 'history'));
    const entries = await history.entries();
    for (const entry of entries) await expect(history.read(entry)).resolves.toBeDefined();
    const recorded = new Set(records.map((record) => record.historyEntry));
    expect(entries.filter((entry) => !recorded.has(entry.id)).map((entry) => entry.id)).toEqual([]);
    const historyFiles = [...(await filesWithHashes(history.dir)).keys()];
    expect(historyFiles.length).toBe(entries.length * 2);

    // No temporary file of any kind, and no change left in progress.
    const leftovers = (await readdir(dirs.root, { recursive: true })).filter(
      (path) =>
        path.includes(TEMP_PREFIX) ||
        /\.json\.\d+$/.test(path) ||
        path.startsWith(`${join('data', 'changes')}/`),
    );
    expect(leftovers).toEqual([]);
    expect((await store.reload({ id: 'check', name: 'check' })).ok).toBe(true);
  } finally {
    await store.close();
  }
}

/** Every point the session passes, found by running it once without a crash. */
async function reportedPoints(): Promise<string[]> {
  const dirs = await makeStoreDirs();
  try {
    const run = await runChild(dirs, 'none');
    expect(run.errors).toBe('');
    expect(run.acknowledged).toBe(CRASH_SEQUENCE.length);
    return run.points;
  } finally {
    await dirs.remove();
  }
}

const POINTS = await reportedPoints();

describe('a process killed in the middle of a change', () => {
  it('passes every durable step of every kind of change, in the order the crash-safety argument rests on', () => {
    const steps = POINTS.filter((point) => /^[a-z]+:[a-z-]+#/.test(point) && !point.startsWith('indexer:'));
    expect(steps.map((point) => point.replace(/#\d+$/, ''))).toEqual([
      ...['add:validated', 'journal:begun', 'add:written', 'add:audited', 'add:indexing'],
      ...[
        'replace:validated',
        'journal:begun',
        'history:bytes-written',
        'replace:archived',
        'replace:written',
      ],
      ...['replace:audited', 'replace:indexing'],
      ...[
        'replace:validated',
        'journal:begun',
        'history:bytes-written',
        'replace:archived',
        'replace:written',
      ],
      ...['replace:unlinked', 'replace:audited', 'replace:indexing'],
      ...['remove:validated', 'journal:begun', 'history:bytes-written', 'remove:archived', 'remove:unlinked'],
      ...['remove:audited', 'remove:indexing'],
      ...['restore:validated', 'journal:begun', 'restore:written', 'restore:audited', 'restore:indexing'],
      'reload:indexing',
    ]);
    // Temporary files are written in both threads: corpus, history and journal files, and index snapshots.
    expect(POINTS.some((point) => point.startsWith('temp-written#'))).toBe(true);
    expect(POINTS.some((point) => point.startsWith('indexer:temp-written#'))).toBe(true);
  });

  // One at a time: each run is a whole session, and nothing in it waits on a clock.
  it.each(POINTS)(
    'restarts with a corpus that loads, nothing acknowledged lost, every change audited and no temporary file, when killed at %s',
    async (point) => {
      const dirs = await makeStoreDirs();
      try {
        const run = await runChild(dirs, point);
        expect(run.signal).toBe('SIGKILL');
        expect(run.points.at(-1)).toBe(point);
        await checkAfterRestart(dirs, run);
        // A raw load of what the restart left: the folder stands on its own.
        expect((await loadCorpus(dirs.corpusDir)).problems).toEqual([]);
      } finally {
        await dirs.remove();
      }
    },
    120_000,
  );
});
