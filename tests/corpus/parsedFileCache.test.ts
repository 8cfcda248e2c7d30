import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { DocumentError } from '../../src/corpus/parseDocument.ts';
import { type ParsedFile, readParsedFiles, writeParsedFiles } from '../../src/corpus/parsedFileCache.ts';
import { KAZAKHSTAN_DIR } from './corpusFrom.ts';

describe('the parse results saved between starts', () => {
  let dir: string;
  let path: string;
  let saved: Map<string, ParsedFile>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-parsed-'));
    path = join(dir, 'parsed-files.jsonl');
    const corpus = await loadCorpus(KAZAKHSTAN_DIR);
    saved = new Map(
      corpus.documents.map((document) => [
        document.file,
        { sha256: `hash-of-${document.file}`, outcome: document },
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
