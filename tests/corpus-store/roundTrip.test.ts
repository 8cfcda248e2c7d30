import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { sha256 } from '../../src/corpus/parseDocument.ts';
import type { CorpusStore } from '../../src/store/CorpusStore.ts';
import type { AddResult, RemoveResult, ReplaceResult } from '../../src/store/storeTypes.ts';
import {
  bestQuote,
  MODERATOR,
  makeStoreDirs,
  openStore,
  STORE_UPLOADS,
  type StoreDirs,
  uploadOf,
} from './storeFixture.ts';

const QUESTION = 'How many people were detained after the unrest?';

describe('a moderator adds, replaces, removes and restores an article', () => {
  let dirs: StoreDirs;
  let store: CorpusStore;
  let added: AddResult;
  let replaced: ReplaceResult;
  let removed: RemoveResult;

  beforeAll(async () => {
    dirs = await makeStoreDirs();
    store = await openStore(dirs);
  });
  afterAll(async () => {
    await store.close();
    await dirs.remove();
  });

  it('does not know the detention figures before the article is added', () => {
    expect(bestQuote(store, QUESTION) ?? '').not.toMatch(/7,939|10,000/);
  });

  it('adds the article: it is listed, answers the question, and the reply shows its passages and first paragraph', async () => {
    added = await store.add(await uploadOf('detention-figures.md'), MODERATOR);
    expect(added.document).toMatchObject({
      id: 'detention-figures',
      file: 'detention-figures.md',
      title: 'Interior ministry says thousands were detained after the unrest',
      source: 'Nur Daily',
      date: '2022-01-10',
      passages: 3,
    });
    expect(added.firstParagraph).toBe(
      "Kazakhstan's interior ministry said on Monday that 7,939 people had been detained across the country in connection with the unrest.",
    );
    expect(added.report).toMatchObject({ ok: true, trigger: 'add', passagesBefore: 9, passagesAfter: 12 });
    expect(added.report.added.map((document) => document.id)).toEqual(['detention-figures']);
    expect(store.list().map((document) => document.id)).toContain('detention-figures');
    expect(bestQuote(store, QUESTION)).toContain('7,939 people had been detained');
  });

  it('writes the uploaded bytes unchanged into the corpus directory', async () => {
    const stored = await readFile(join(dirs.corpusDir, 'detention-figures.md'));
    expect(stored.equals(await readFile(join(STORE_UPLOADS, 'detention-figures.md')))).toBe(true);
  });

  it('replaces it with a corrected version that answers with the new figure, keeping the old bytes in history', async () => {
    replaced = await store.replace(
      'detention-figures',
      await uploadOf('detention-figures-corrected.md'),
      MODERATOR,
    );
    expect(bestQuote(store, QUESTION)).toContain('nearly 10,000 people had been detained');
    expect(bestQuote(store, QUESTION)).not.toContain('7,939');
    expect(replaced.report.changed).toHaveLength(1);
    expect(replaced.report.changed[0]?.changed).toEqual(['text']);
    expect(replaced.previous).toMatchObject({
      docId: 'detention-figures',
      kind: 'replaced',
      actor: MODERATOR,
    });
    const kept = await store.history.read(replaced.previous);
    expect(Buffer.from(kept).equals(await readFile(join(STORE_UPLOADS, 'detention-figures.md')))).toBe(true);
    expect(store.list().filter((document) => document.id === 'detention-figures')).toHaveLength(1);
  });

  it('removes it: the question is no longer answered from it, and the document waits in history', async () => {
    removed = await store.remove('detention-figures', MODERATOR);
    expect(bestQuote(store, QUESTION) ?? '').not.toMatch(/7,939|10,000/);
    expect(store.list().map((document) => document.id)).not.toContain('detention-figures');
    expect(await readdir(dirs.corpusDir)).not.toContain('detention-figures.md');
    expect(removed.report.removed.map((document) => document.id)).toEqual(['detention-figures']);
    expect(removed.entry).toMatchObject({ kind: 'removed', title: replaced.document.title, passages: 3 });
    expect((await store.removedDocuments()).map((entry) => entry.docId)).toEqual(['detention-figures']);
  });

  it('restores it: the corrected text answers again, and history still holds both versions', async () => {
    const restored = await store.restore('detention-figures', MODERATOR);
    expect(restored.entry.id).toBe(removed.entry.id);
    expect(bestQuote(store, QUESTION)).toContain('nearly 10,000 people had been detained');
    expect(restored.report.added.map((document) => document.id)).toEqual(['detention-figures']);
    expect(await store.removedDocuments()).toEqual([]);
    expect((await store.history.entries('detention-figures')).map((entry) => entry.kind)).toEqual([
      'removed',
      'replaced',
    ]);
  });

  it('leaves a corpus that loads from disk alone, with the restored document in it', async () => {
    const corpus = await loadCorpus(dirs.corpusDir);
    expect(corpus.problems).toEqual([]);
    expect(corpus.version).toBe(store.live.current.corpus.version);
    expect(corpus.documents.map((document) => document.id).sort()).toEqual([
      'airport-reopens',
      'detention-figures',
      'fuel-price-protests',
      'state-of-emergency',
    ]);
  });

  it('records every change in the audit log: who, when, what, hashes and versions before and after', async () => {
    const records = await store.audit.records();
    expect(records.map((record) => record.action)).toEqual(['add', 'replace', 'remove', 'restore']);
    for (const record of records) {
      expect(record.actor).toEqual(MODERATOR);
      expect(record.docId).toBe('detention-figures');
      expect(Number.isNaN(Date.parse(record.at))).toBe(false);
      expect(record.versionBefore).not.toBe(record.versionAfter);
    }
    const [add, replace, remove, restore] = records;
    const original = sha256(await readFile(join(STORE_UPLOADS, 'detention-figures.md')));
    const corrected = sha256(await readFile(join(STORE_UPLOADS, 'detention-figures-corrected.md')));
    expect(add?.after?.sha256).toBe(original);
    expect(add?.after?.contentHash).toBe(added.document.contentHash);
    expect(replace?.before?.sha256).toBe(original);
    expect(replace?.after?.sha256).toBe(corrected);
    expect(replace?.historyEntry).toBe(replaced.previous.id);
    expect(remove?.before?.sha256).toBe(corrected);
    expect(remove?.after).toBeNull();
    expect(restore?.after?.sha256).toBe(corrected);
    // Each record's "after" version is the version the next change started from.
    expect(add?.versionAfter).toBe(replace?.versionBefore);
    expect(replace?.versionAfter).toBe(remove?.versionBefore);
    expect(remove?.versionAfter).toBe(restore?.versionBefore);
    expect(restore?.versionAfter).toBe(store.live.current.corpus.version);
  });

  it('reports status: version, counts, date range, who refreshed last, index and snapshot size', async () => {
    const status = await store.status();
    expect(status).toMatchObject({
      version: store.live.current.corpus.version,
      documents: 4,
      passages: 12,
      dateRange: { first: '2022-01-04', last: '2022-01-13' },
      lastRefresh: { by: MODERATOR.name },
      lastChange: { action: 'restore', docId: 'detention-figures' },
      history: { entries: 2, removedDocuments: 0 },
      invalid: [],
    });
    expect(status.index.passages).toBe(12);
    expect(status.index.terms).toBeGreaterThan(50);
    expect(status.index.snapshotBytes).toBeGreaterThan(1000);
  });
});
