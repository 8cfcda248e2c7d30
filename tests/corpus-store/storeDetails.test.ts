import { spawnSync } from 'node:child_process';
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEMP_PREFIX } from '../../src/corpus/durableFiles.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { parseDocument } from '../../src/corpus/parseDocument.ts';
import { AuditLog } from '../../src/store/AuditLog.ts';
import { archivedVersionOf, CorpusHistory } from '../../src/store/CorpusHistory.ts';
import type { CorpusStore } from '../../src/store/CorpusStore.ts';
import { bestQuote, MODERATOR, makeStoreDirs, openStore, type StoreDirs, uploadOf } from './storeFixture.ts';

describe('the corpus store', () => {
  let dirs: StoreDirs;
  let store: CorpusStore;

  beforeEach(async () => {
    dirs = await makeStoreDirs();
    store = await openStore(dirs);
  });
  afterEach(async () => {
    await store.close();
    await dirs.remove();
  });

  it('writes metadata given as options into front matter, so the next load keeps it', async () => {
    const result = await store.add(
      await uploadOf('massimov-arrest.txt', {
        title: 'Former security chief Karim Massimov detained on treason charge',
        source: 'Nur Daily',
        date: '2022-01-08',
      }),
      MODERATOR,
    );
    expect(result.document).toMatchObject({
      id: 'massimov-arrest',
      file: 'massimov-arrest.md',
      title: 'Former security chief Karim Massimov detained on treason charge',
      source: 'Nur Daily',
      date: '2022-01-08',
    });
    expect(result.ignoredOptions).toEqual([]);
    const stored = await readFile(join(dirs.corpusDir, 'massimov-arrest.md'), 'utf8');
    expect(stored).toMatch(/^---\ntitle: Former security chief Karim Massimov detained on treason charge\n/);
    expect(stored).toContain('Karim Massimov, the former head of the National Security Committee');
    const reloaded = (await loadCorpus(dirs.corpusDir)).documents.find((doc) => doc.id === 'massimov-arrest');
    expect(reloaded).toMatchObject({ title: result.document.title, source: 'Nur Daily', date: '2022-01-08' });
    expect(bestQuote(store, 'Who is Karim Massimov?')).toContain(
      'former head of the National Security Committee',
    );
  });

  it('keeps a file that describes itself byte for byte, and names the options its front matter overrode', async () => {
    const upload = await uploadOf('detention-figures.md', {
      title: 'Thousands detained',
      source: 'Nur Daily',
    });
    const result = await store.add(upload, MODERATOR);
    expect(result.ignoredOptions).toEqual(['title']);
    expect(result.document.title).toBe('Interior ministry says thousands were detained after the unrest');
    expect((await readFile(join(dirs.corpusDir, 'detention-figures.md'))).equals(upload.bytes)).toBe(true);
  });

  it('takes a replacement in another format in place of the old file, keeping the old one in history', async () => {
    const corrected = Buffer.from(
      [
        '---',
        'title: Almaty airport reopens to civilian flights',
        'source: Steppe Herald',
        'date: 2022-01-13',
        '---',
        'Almaty airport received its first civilian flight in more than a week on Thursday, a plane from Nur-Sultan.',
        '',
        'The airport had been closed since January 5, when it was seized by protesters and looted.',
        '',
      ].join('\n'),
    );
    const result = await store.replace(
      'airport-reopens',
      { name: 'airport.md', bytes: corrected },
      MODERATOR,
    );
    expect(result.document).toMatchObject({ id: 'airport-reopens', file: 'airport-reopens.md' });
    expect(result.report.changed[0]?.changed).toEqual(['text', 'title', 'source', 'file']);
    expect((await readdir(dirs.corpusDir)).sort()).toEqual([
      'airport-reopens.md',
      'fuel-price-protests.md',
      'state-of-emergency.md',
    ]);
    expect(result.previous).toMatchObject({ file: 'airport-reopens.txt', kind: 'replaced' });
    expect(Buffer.from(await store.history.read(result.previous)).toString()).toMatch(/^date 2022-01-13\n/);
    expect(bestQuote(store, 'When did the first civilian flight land in Almaty?')).toContain(
      'a plane from Nur-Sultan',
    );
  });

  it('fixes a file that does not load when a corrected version replaces it', async () => {
    await writeFile(
      join(dirs.corpusDir, 'curfew-lifted.md'),
      '---\ntitle: Curfew lifted in Almaty\nsource: Steppe Herald\n---\nThe curfew was lifted on Friday.\n',
    );
    await store.reload(MODERATOR);
    expect(store.invalidFiles()).toEqual([
      { id: 'curfew-lifted', file: 'curfew-lifted.md', reason: 'front matter has no "date"' },
    ]);
    const fixed = Buffer.from(
      '---\ntitle: Curfew lifted in Almaty\nsource: Steppe Herald\ndate: 2022-01-14\n---\nThe curfew was lifted on Friday.\n',
    );
    const result = await store.replace(
      'curfew-lifted',
      { name: 'curfew-lifted.md', bytes: fixed },
      MODERATOR,
    );
    expect(result.report.added.map((document) => document.id)).toEqual(['curfew-lifted']);
    expect(result.report.invalid).toEqual([]);
    expect(result.previous).toMatchObject({
      file: 'curfew-lifted.md',
      title: 'curfew-lifted.md',
      passages: 0,
    });
  });

  it('restores the exact version a history entry names, not only the newest', async () => {
    await store.add(await uploadOf('detention-figures.md'), MODERATOR);
    const { previous: first } = await store.replace(
      'detention-figures',
      await uploadOf('detention-figures-corrected.md'),
      MODERATOR,
    );
    await store.remove('detention-figures', MODERATOR);
    const restored = await store.restore(first.id, MODERATOR);
    expect(restored.entry.id).toBe(first.id);
    expect(bestQuote(store, 'How many people were detained?')).toContain('7,939');
  });

  it('moves a file that does not load into history when it is removed', async () => {
    const broken = join(dirs.corpusDir, 'cafe-losses.md');
    await writeFile(broken, Buffer.from('Caf\u00e9 owners in Almaty count their losses.\n', 'latin1'));
    const { entry } = await store.remove('cafe-losses', MODERATOR);
    expect(await readdir(dirs.corpusDir)).not.toContain('cafe-losses.md');
    expect(Buffer.from(await store.history.read(entry)).toString('latin1')).toContain('Café owners');
  });

  it('lists documents with title, source, date and passage count, oldest article first', () => {
    expect(store.list().map(({ id, source, date, passages }) => [id, source, date, passages])).toEqual([
      ['fuel-price-protests', 'Steppe Herald', '2022-01-04', 3],
      ['state-of-emergency', 'Central Asia Wire', '2022-01-05', 3],
      ['airport-reopens', 'unattributed', '2022-01-13', 3],
    ]);
  });
});

describe('opening the store after a crash', () => {
  it('sweeps temporary files of processes that are gone, and leaves those of running ones', async () => {
    const dirs = await makeStoreDirs();
    try {
      const gone = spawnSync(process.execPath, ['-e', '0']).pid;
      const orphan = join(dirs.corpusDir, `${TEMP_PREFIX}${gone}-a1b2c3`);
      const inUse = join(dirs.corpusDir, `${TEMP_PREFIX}${process.pid}-d4e5f6`);
      await writeFile(orphan, 'Half-written article about the curfew');
      await writeFile(inUse, 'An article another process is writing');
      const store = await openStore(dirs);
      await store.close();
      expect(store.recovery.removedTempFiles).toEqual([orphan]);
      expect((await readdir(dirs.corpusDir)).filter((name) => name.startsWith(TEMP_PREFIX))).toEqual([
        `${TEMP_PREFIX}${process.pid}-d4e5f6`,
      ]);
    } finally {
      await dirs.remove();
    }
  });
});

describe('the audit log', () => {
  it('skips a line cut short by a crash, and starts the next record on a line of its own', async () => {
    const dirs = await makeStoreDirs();
    try {
      const log = new AuditLog(join(dirs.dataDir, 'audit.jsonl'));
      const record = {
        at: '2022-01-14T09:00:00.000Z',
        actor: MODERATOR,
        action: 'remove' as const,
        docId: 'airport-reopens',
        versionBefore: 'a'.repeat(16),
        versionAfter: 'b'.repeat(16),
      };
      await log.append(record);
      await appendFile(log.path, '{"at":"2022-01-14T09:05:00.000Z","actor":{"id":"24');
      await log.append({ ...record, action: 'restore' });
      expect((await log.records()).map((entry) => entry.action)).toEqual(['remove', 'restore']);
    } finally {
      await dirs.remove();
    }
  });
});

describe('the history', () => {
  it('finds nothing for an id that points outside it', async () => {
    const dirs = await makeStoreDirs();
    try {
      const history = new CorpusHistory(join(dirs.dataDir, 'history'));
      await mkdir(join(dirs.dataDir, 'elsewhere'), { recursive: true });
      const record = { id: '../elsewhere@x', docId: '../elsewhere', file: '../../notes.md', kind: 'removed' };
      await writeFile(join(dirs.dataDir, 'elsewhere', 'x.md.json'), JSON.stringify(record));
      expect(await history.entries('../elsewhere')).toEqual([]);
      expect(await history.find('../elsewhere@x')).toBeUndefined();
    } finally {
      await dirs.remove();
    }
  });

  it('keeps two versions archived in the same millisecond apart', async () => {
    const dirs = await makeStoreDirs();
    try {
      const history = new CorpusHistory(join(dirs.dataDir, 'history'));
      const bytes = await readFile(join(dirs.corpusDir, 'fuel-price-protests.md'));
      const document = parseDocument('fuel-price-protests.md', bytes);
      const now = new Date('2022-01-14T09:00:00.000Z');
      const first = await history.write(
        await history.plan(archivedVersionOf(document), bytes, 'replaced', MODERATOR, now),
        bytes,
      );
      const edited = Buffer.from(bytes.toString().replace('Monday', 'Tuesday'));
      const second = await history.write(
        await history.plan(archivedVersionOf(document), edited, 'removed', MODERATOR, now),
        edited,
      );
      expect(first.id).not.toBe(second.id);
      expect(Buffer.from(await history.read(first)).equals(bytes)).toBe(true);
      expect(Buffer.from(await history.read(second)).equals(edited)).toBe(true);
      expect(await history.find(second.id)).toEqual(second);
    } finally {
      await dirs.remove();
    }
  });
});
