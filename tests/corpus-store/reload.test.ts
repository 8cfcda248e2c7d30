import { copyFile, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { snapshotPath } from '../../src/search/openIndex.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/search/snapshotFile.ts';
import type { AuditAction } from '../../src/store/AuditLog.ts';
import { renderChangeReport } from '../../src/store/ChangeReport.ts';
import type { CorpusStore, StoreStep } from '../../src/store/CorpusStore.ts';
import {
  bestQuote,
  MODERATOR,
  makeStoreDirs,
  openStore,
  STORE_UPLOADS,
  type StoreDirs,
  uploadOf,
} from './storeFixture.ts';

const CURFEW_QUESTION = 'How long was the curfew?';
const DETAINED_QUESTION = 'How many people were detained?';

describe('reloading the corpus', () => {
  let dirs: StoreDirs;
  let store: CorpusStore;
  let pauses: Map<string, Promise<void>>;

  beforeEach(async () => {
    dirs = await makeStoreDirs();
    pauses = new Map();
    store = await openStore(dirs, {
      // A test can hold an operation at a step until it releases it.
      onStep: (action: AuditAction, step: StoreStep) => pauses.get(`${action}:${step}`),
    });
  });
  afterEach(async () => {
    await store.close();
    await dirs.remove();
  });

  it('reports documents added, removed and changed, passages before and after, and every invalid file', async () => {
    await copyFile(join(STORE_UPLOADS, 'detention-figures.md'), join(dirs.corpusDir, 'detention-figures.md'));
    await unlink(join(dirs.corpusDir, 'airport-reopens.txt'));
    const emergency = join(dirs.corpusDir, 'state-of-emergency.md');
    await writeFile(
      emergency,
      (await readFile(emergency, 'utf8')).replace('from 11 p.m. to 7 a.m.', 'from 11 p.m. to 6 a.m.'),
    );
    await copyFile(join(STORE_UPLOADS, 'cafe-losses-latin1.md'), join(dirs.corpusDir, 'cafe-losses.md'));

    const report = await store.reload(MODERATOR);

    expect(report).toMatchObject({
      ok: true,
      unchanged: false,
      trigger: 'reload',
      actor: MODERATOR,
      documentsBefore: 3,
      documentsAfter: 3,
      passagesBefore: 9,
      passagesAfter: 9,
    });
    expect(report.added.map((document) => document.id)).toEqual(['detention-figures']);
    expect(report.removed.map((document) => document.id)).toEqual(['airport-reopens']);
    expect(report.changed.map((change) => [change.after.id, change.changed])).toEqual([
      ['state-of-emergency', ['text']],
    ]);
    expect(report.invalid).toEqual([
      { file: 'cafe-losses.md', reason: expect.stringMatching(/not valid UTF-8/) },
    ]);
    expect(report.versionBefore).not.toBe(report.versionAfter);
    expect(bestQuote(store, DETAINED_QUESTION)).toContain('7,939');
    expect(bestQuote(store, CURFEW_QUESTION)).toContain('from 11 p.m. to 6 a.m.');

    const text = renderChangeReport(report);
    expect(text).toContain('Reload by aigerim: version');
    expect(text).toContain('passages 9 → 9');
    expect(text).toMatch(/\+ Interior ministry says thousands were detained .* \(detention-figures\.md\)/);
    expect(text).toMatch(/- Almaty airport received its first civilian flight .*\(airport-reopens\.txt\)/);
    expect(text).toMatch(/~ Government resigns .*: text changed/);
    expect(text).toMatch(/! cafe-losses\.md: is not valid UTF-8 text/);
  });

  it('says when nothing changed, and keeps the same index live', async () => {
    const index = store.live.current.index;
    const report = await store.reload(MODERATOR);
    expect(report).toMatchObject({
      ok: true,
      unchanged: true,
      added: [],
      removed: [],
      changed: [],
      invalid: [],
    });
    expect(store.live.current.index).toBe(index);
    expect(renderChangeReport(report)).toMatch(/^Reload by aigerim: no changes \(version [0-9a-f]{16}\)\.$/);
  });

  it('keeps answering from the old index when the corpus directory is gone, and says why', async () => {
    const before = store.live.current;
    await rm(dirs.corpusDir, { recursive: true });
    const report = await store.reload(MODERATOR);
    expect(report).toMatchObject({ ok: false, failure: `${dirs.corpusDir} does not exist` });
    expect(store.live.current).toBe(before);
    expect(bestQuote(store, CURFEW_QUESTION)).toContain('A curfew from 11 p.m. to 7 a.m.');
    expect(renderChangeReport(report)).toContain('The previous corpus (version');
    expect((await store.audit.records()).at(-1)).toMatchObject({ action: 'reload', ok: false });
  });

  it('keeps answering from the old index when every file is broken, and lists each with its reason', async () => {
    const before = store.live.current;
    for (const file of ['fuel-price-protests.md', 'state-of-emergency.md', 'airport-reopens.txt']) {
      // Saved in Latin-1 by an old editor: no file is UTF-8 any more.
      await writeFile(
        join(dirs.corpusDir, file),
        Buffer.from('Caf\u00e9 owners in Almaty count their losses.\n', 'latin1'),
      );
    }
    const report = await store.reload(MODERATOR);
    expect(report.ok).toBe(false);
    expect(report.failure).toMatch(/has no valid document \(3 invalid files\)$/);
    expect(report.invalid.map((problem) => problem.file).sort()).toEqual([
      'airport-reopens.txt',
      'fuel-price-protests.md',
      'state-of-emergency.md',
    ]);
    expect(store.live.current).toBe(before);
    expect(bestQuote(store, CURFEW_QUESTION)).toContain('A curfew from 11 p.m. to 7 a.m.');
  });

  it('runs two reloads asked at once one after the other; the old index answers meanwhile and the second sees the final state', async () => {
    let release = () => {};
    pauses.set('reload:indexing', new Promise<void>((resolve) => (release = resolve)));
    const first = store.reload(MODERATOR);
    await until(() => store.activity?.action === 'reload');
    const second = store.reload({ id: '1001', name: 'dana' });
    expect(store.activity).toMatchObject({ action: 'reload', actor: MODERATOR, waiting: 1 });

    await copyFile(join(STORE_UPLOADS, 'detention-figures.md'), join(dirs.corpusDir, 'detention-figures.md'));
    expect(bestQuote(store, CURFEW_QUESTION)).toContain('A curfew from 11 p.m. to 7 a.m.');
    pauses.delete('reload:indexing');
    const finished: string[] = [];
    const both = Promise.all([
      first.then((report) => {
        finished.push('first');
        return report;
      }),
      second.then((report) => {
        finished.push('second');
        return report;
      }),
    ]);
    release();
    const [firstReport, secondReport] = await both;

    expect(finished).toEqual(['first', 'second']);
    expect(firstReport.added.map((document) => document.id)).toEqual(['detention-figures']);
    expect(secondReport.versionBefore).toBe(firstReport.versionAfter);
    expect(secondReport).toMatchObject({ ok: true, unchanged: true, actor: { name: 'dana' } });
    expect(secondReport.versionAfter).toBe((await loadCorpus(dirs.corpusDir)).version);
    expect(store.activity).toBeUndefined();
  });

  it('checks an upload against files edited by hand since the last load', async () => {
    await copyFile(join(STORE_UPLOADS, 'detention-figures.md'), join(dirs.corpusDir, 'interior-ministry.md'));
    const attempt = store.add(await uploadOf('detention-figures.md'), MODERATOR);
    await expect(attempt).rejects.toMatchObject({
      code: 'duplicate',
      message: 'detention-figures.md duplicates interior-ministry.md (same text)',
    });
    expect(store.list().map((document) => document.id)).toContain('interior-ministry');
  });

  it('saves a snapshot, so a restart on the same corpus loads without re-indexing', async () => {
    expect((await store.status()).index.fromSnapshot).toBe(false);
    await store.add(await uploadOf('detention-figures.md'), MODERATOR);
    const restarted = await openStore(dirs);
    try {
      expect(restarted.live.current.corpus.version).toBe(store.live.current.corpus.version);
      expect((await restarted.status()).index.fromSnapshot).toBe(true);
      const rebuilt = await restarted.reload(MODERATOR, { rebuild: true });
      expect(rebuilt).toMatchObject({ ok: true, fromSnapshot: false });
      expect((await restarted.status()).index.fromSnapshot).toBe(false);
    } finally {
      await restarted.close();
    }
  });
});

/**
 * Opens a store on a fresh copy of the fixture, closes it, lets `whileStopped` change files as someone would
 * while the bot is down, and opens it again for `afterRestart`; returns what `beforeStop` read first.
 */
async function restartAfter<T>(
  beforeStop: (store: CorpusStore, dirs: StoreDirs) => T,
  whileStopped: (dirs: StoreDirs, before: T) => Promise<void>,
  afterRestart: (store: CorpusStore, dirs: StoreDirs, before: T) => Promise<void>,
): Promise<void> {
  const dirs = await makeStoreDirs();
  try {
    const first = await openStore(dirs);
    const before = beforeStop(first, dirs);
    await first.close();
    await whileStopped(dirs, before);
    const restarted = await openStore(dirs);
    try {
      await afterRestart(restarted, dirs, before);
    } finally {
      await restarted.close();
    }
  } finally {
    await dirs.remove();
  }
}

describe('restarting on a corpus edited while the bot was stopped', () => {
  it('answers from the edited article, with the others as before', async () => {
    await restartAfter(
      (store) => bestQuote(store, CURFEW_QUESTION),
      async (dirs) => {
        const emergency = join(dirs.corpusDir, 'state-of-emergency.md');
        await writeFile(
          emergency,
          (await readFile(emergency, 'utf8')).replace('from 11 p.m. to 7 a.m.', 'from 11 p.m. to 6 a.m.'),
        );
      },
      async (restarted, dirs, curfewBefore) => {
        const onDisk = await loadCorpus(dirs.corpusDir);
        expect(restarted.live.current.corpus.version).toBe(onDisk.version);
        expect(bestQuote(restarted, CURFEW_QUESTION)).toContain('from 11 p.m. to 6 a.m.');
        expect(curfewBefore).toContain('from 11 p.m. to 7 a.m.');
        expect(restarted.live.current.corpus.documents).toEqual(onDisk.documents);
      },
    );
  });
});

describe('restarting with a damaged index snapshot', () => {
  it('rebuilds the index instead of failing or trusting it, and answers as before', async () => {
    await restartAfter(
      (store, dirs) => ({
        curfew: bestQuote(store, CURFEW_QUESTION),
        path: snapshotPath(join(dirs.dataDir, 'index'), store.live.current.corpus),
      }),
      async (_dirs, { path }) => {
        const snapshot = decodeSnapshot(await readFile(path));
        snapshot.postings.postingPassages.reverse();
        await writeFile(path, Buffer.concat(encodeSnapshot(snapshot)));
      },
      async (restarted, _dirs, { curfew }) => {
        expect((await restarted.status()).index.fromSnapshot).toBe(false);
        expect(bestQuote(restarted, CURFEW_QUESTION)).toBe(curfew);
      },
    );
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
