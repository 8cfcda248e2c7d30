import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generateCorpus.ts';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { corpusVersion, loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { openIndex, snapshotPath } from '../../src/search/openIndex.ts';
import { type IndexSnapshot, PassageIndex } from '../../src/search/PassageIndex.ts';
import { searchPassages } from '../../src/search/searchPassages.ts';
import { decodeSnapshot, encodeSnapshot } from '../../src/search/snapshotFile.ts';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';

/** A snapshot as it comes back from disk: written as bytes and read back. */
const throughBytes = (index: PassageIndex): IndexSnapshot =>
  decodeSnapshot(Buffer.concat(encodeSnapshot(index.snapshot())));

const QUESTIONS = [
  'Which general was in charge of the peacekeepers?',
  'How many people were killed in the unrest?',
  'Where did the protests begin?',
  'What post did Nursultan Nazarbaev give up?',
  'What does the CSTO do?',
  'Who won the Eurovision song contest?',
];

// A running bot restores an index in slices between questions (`yielding`); the CLI, in one go.
describe.each([
  { loading: 'in one go', yielding: false },
  { loading: 'in slices between other work', yielding: true },
])('an index restored from a snapshot $loading', ({ yielding }) => {
  let corpus: Corpus;
  let built: PassageIndex;
  let restored: PassageIndex | undefined;
  beforeAll(async () => {
    corpus = await loadCorpus(KAZAKHSTAN_DIR);
    built = PassageIndex.build(corpus);
    restored = await PassageIndex.fromSnapshot(corpus, throughBytes(built), { yielding });
  });

  it('answers every question exactly as the index it was saved from', () => {
    expect(restored).toBeDefined();
    if (!restored) return;
    for (const question of QUESTIONS) {
      expect(answerQuestion(restored, question)).toEqual(answerQuestion(built, question));
    }
  });

  it('finds the same passages with the same scores, aliases and typo tolerance included', () => {
    if (!restored) throw new Error('snapshot was refused');
    for (const query of ['Collective Security Treaty Organization', 'Serdyukov', 'arrested 12,000']) {
      expect(searchPassages(restored, query, 10)).toEqual(searchPassages(built, query, 10));
    }
    expect(restored.passageCount).toBe(built.passageCount);
    expect(restored.termCount).toBe(built.termCount);
  });

  it('is refused when the corpus has changed since the snapshot was saved', async () => {
    const documents = corpus.documents.slice(1);
    const changed: Corpus = { ...corpus, documents, version: corpusVersion(documents) };
    expect(await PassageIndex.fromSnapshot(changed, throughBytes(built))).toBeUndefined();
  });

  it('is keyed by corpus content, so a different corpus never shares a snapshot file', async () => {
    const other = { ...corpus, version: 'another-version' };
    expect(PassageIndex.snapshotKey(other)).not.toBe(PassageIndex.snapshotKey(corpus));
    expect(PassageIndex.snapshotKey(await loadCorpus(KAZAKHSTAN_DIR))).toBe(PassageIndex.snapshotKey(corpus));
  });
});

describe('opening the index with a snapshot folder', () => {
  let workDir: string;
  let corpusDir: string;
  let snapshotDir: string;
  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'dossier-snapshots-'));
    corpusDir = join(workDir, 'corpus');
    snapshotDir = join(workDir, 'index');
    await cp(KAZAKHSTAN_DIR, corpusDir, { recursive: true });
  });
  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('builds and saves a snapshot the first time, and loads it the second time', async () => {
    const first = await openIndex(await loadCorpus(corpusDir), snapshotDir);
    expect(first.fromSnapshot).toBe(false);
    expect(await readdir(snapshotDir)).toHaveLength(1);

    const second = await openIndex(await loadCorpus(corpusDir), snapshotDir);
    expect(second.fromSnapshot).toBe(true);
    expect(second.snapshotBytes).toBeGreaterThan(0);
    for (const question of QUESTIONS) {
      expect(answerQuestion(second.index, question)).toEqual(answerQuestion(first.index, question));
    }
  });

  it('rebuilds after an article changes, and answers from the new text', async () => {
    await openIndex(await loadCorpus(corpusDir), snapshotDir);
    const file = join(corpusDir, 'last-troops-leave.txt');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'Four Russian military transport planes',
        'Five Russian military transport planes',
      ),
    );

    const reopened = await openIndex(await loadCorpus(corpusDir), snapshotDir);
    expect(reopened.fromSnapshot).toBe(false);
    const [answer] = answerQuestion(
      reopened.index,
      'How many transport planes took off from Almaty?',
    ).answers;
    expect(answer?.quote).toContain('Five Russian military transport planes');
  });

  it('rebuilds instead of failing when the snapshot file is damaged', async () => {
    const corpus = await loadCorpus(corpusDir);
    await openIndex(corpus, snapshotDir);
    const path = snapshotPath(snapshotDir, corpus);
    await writeFile(path, (await readFile(path)).subarray(0, 5_000));

    const reopened = await openIndex(corpus, snapshotDir);
    expect(reopened.fromSnapshot).toBe(false);
    expect(answerQuestion(reopened.index, 'Where did the protests begin?').answered).toBe(true);
  });

  it('rebuilds when a snapshot reads but its postings point outside the corpus', async () => {
    const corpus = await loadCorpus(corpusDir);
    const path = snapshotPath(snapshotDir, corpus);
    await openIndex(corpus, snapshotDir);
    const snapshot = decodeSnapshot(await readFile(path));
    snapshot.postings.postingPassages[0] = 1_000_000;
    await writeFile(path, Buffer.concat(encodeSnapshot(snapshot)));

    const reopened = await openIndex(corpus, snapshotDir);
    expect(reopened.fromSnapshot).toBe(false);
    expect(answerQuestion(reopened.index, 'Where did the protests begin?').answered).toBe(true);
  });

  it('rebuilds when a snapshot reads but names one term twice', async () => {
    const corpus = await loadCorpus(corpusDir);
    const path = snapshotPath(snapshotDir, corpus);
    await openIndex(corpus, snapshotDir);
    const snapshot = decodeSnapshot(await readFile(path));
    snapshot.postings.terms[1] = snapshot.postings.terms[0] ?? '';
    await writeFile(path, Buffer.concat(encodeSnapshot(snapshot)));

    const reopened = await openIndex(corpus, snapshotDir);
    expect(reopened.fromSnapshot).toBe(false);
    expect(answerQuestion(reopened.index, 'Where did the protests begin?').answered).toBe(true);
  });

  it('always builds when no snapshot folder is given', async () => {
    const corpus = await loadCorpus(corpusDir);
    expect((await openIndex(corpus)).fromSnapshot).toBe(false);
    expect((await openIndex(corpus)).fromSnapshot).toBe(false);
  });
});

describe('an index restored between questions', () => {
  it('lets other work run while it loads, and answers as the index it was saved from', async () => {
    const corpus = generateCorpus({ seed: 7, passages: 2_000 });
    const built = PassageIndex.build(corpus);
    const snapshot = throughBytes(built);
    let turnsTaken = 0;
    const otherWork = setInterval(() => turnsTaken++, 0);
    try {
      const restored = await PassageIndex.fromSnapshot(corpus, snapshot, { yielding: true });
      // A question that came in meanwhile was not kept waiting for the whole load.
      expect(turnsTaken).toBeGreaterThan(0);
      if (!restored) throw new Error('snapshot was refused');
      const question = corpus.documents[0]?.title ?? '';
      expect(answerQuestion(restored, question)).toEqual(answerQuestion(built, question));
      expect(restored.termCount).toBe(built.termCount);
    } finally {
      clearInterval(otherWork);
    }
  });
});
