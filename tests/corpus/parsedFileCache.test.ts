import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { DocumentError } from '../../src/corpus/parseDocument.ts';
import {
  type ParsedFile,
  parsedFilesPath,
  readParsedFiles,
  writeParsedFiles,
} from '../../src/corpus/parsedFileCache.ts';
import { indexDirectory } from '../../src/search/indexDirectory.ts';
import { KAZAKHSTAN_DIR } from './corpusFrom.ts';

describe('the parse results saved between starts', () => {
  let dir: string;
  let path: string;
  let saved: Map<string, ParsedFile>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-parsed-'));
    path = parsedFilesPath(dir);
    const corpus = await loadCorpus(KAZAKHSTAN_DIR);
    saved = new Map(
      corpus.documents.map((document) => [
        document.file,
        { sha256: `hash-of-${document.file}`, stamp: `stamp-of-${document.file}`, outcome: document },
      ]),
    );
    saved.set('notes.docx', {
      sha256: 'hash-of-notes',
      outcome: new DocumentError('has an unsupported type (.docx)'),
    });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('come back as they were saved: every document with its passages and sentence offsets, and every problem', async () => {
    await writeParsedFiles(path, KAZAKHSTAN_DIR, saved);
    const read = await readParsedFiles(path, KAZAKHSTAN_DIR);
    expect([...read.keys()]).toEqual([...saved.keys()]);
    for (const [file, parsed] of saved) {
      const back = read.get(file);
      expect(back?.sha256).toBe(parsed.sha256);
      expect(back?.stamp).toBe(parsed.stamp);
      if (parsed.outcome instanceof DocumentError) {
        expect(back?.outcome).toBeInstanceOf(DocumentError);
        expect(back?.outcome).toMatchObject({ message: parsed.outcome.message });
      } else {
        expect(back?.outcome).toEqual(parsed.outcome);
      }
    }
  });

  it('are not used for another corpus folder', async () => {
    await writeParsedFiles(path, KAZAKHSTAN_DIR, saved);
    expect((await readParsedFiles(path, join(dir, 'other-corpus'))).size).toBe(0);
  });

  it('are all dropped when the file is cut short, so every article is parsed again', async () => {
    await writeParsedFiles(path, KAZAKHSTAN_DIR, saved);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, Math.floor(text.length * 0.6)));
    expect((await readParsedFiles(path, KAZAKHSTAN_DIR)).size).toBe(0);
  });

  it('are all dropped when a saved passage points outside its article, never quoted from', async () => {
    const [file, first] = [...saved][0] ?? [];
    if (!file || !first || first.outcome instanceof DocumentError) throw new Error('fixture has no document');
    const passages = first.outcome.passages.map((passage) => ({ ...passage, end: passage.end + 100_000 }));
    saved.set(file, { ...first, outcome: { ...first.outcome, passages } });
    await writeParsedFiles(path, KAZAKHSTAN_DIR, saved);
    expect((await readParsedFiles(path, KAZAKHSTAN_DIR)).size).toBe(0);
  });

  it('are empty when nothing was saved yet', async () => {
    expect((await readParsedFiles(path, KAZAKHSTAN_DIR)).size).toBe(0);
  });
});

describe('a start over a corpus folder with a snapshot and saved parse results', () => {
  let workDir: string;
  let corpusDir: string;
  let snapshotDir: string;
  const start = async () => {
    const outcome = await indexDirectory({ dir: corpusDir, snapshotDir });
    if (outcome.kind !== 'loaded') throw new Error(`the corpus did not load (${outcome.kind})`);
    return outcome;
  };
  const transportPlanes = async (index: Awaited<ReturnType<typeof start>>['index']) =>
    answerQuestion(index, 'How many transport planes took off from Almaty?').answers[0]?.quote;
  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'dossier-start-'));
    corpusDir = join(workDir, 'corpus');
    snapshotDir = join(workDir, 'index');
    await cp(KAZAKHSTAN_DIR, corpusDir, { recursive: true });
    // Articles written an hour ago, as a corpus folder usually is: their size and times stand for their content.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const file of await readdir(corpusDir)) await utimes(join(corpusDir, file), anHourAgo, anHourAgo);
  });
  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('loads the same corpus and index from the snapshot when no article changed', async () => {
    const first = await start();
    const second = await start();
    expect(first.fromSnapshot).toBe(false);
    expect(second.fromSnapshot).toBe(true);
    expect(second.corpus.version).toBe(first.corpus.version);
    expect(second.corpus.documents).toEqual(first.corpus.documents);
    expect(await transportPlanes(second.index)).toContain('Four Russian military transport planes');
  });

  it('reads an article edited while the bot was down, even rewritten to the same size with its modification time put back', async () => {
    await start();
    await start();
    const file = join(corpusDir, 'last-troops-leave.txt');
    const before = await stat(file);
    await writeFile(file, (await readFile(file, 'utf8')).replace('Four Russian', 'Nine Russian'));
    await utimes(file, before.atime, before.mtime);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);

    const restarted = await start();
    expect(restarted.fromSnapshot).toBe(false);
    expect(await transportPlanes(restarted.index)).toContain('Nine Russian military transport planes');
  });
});
