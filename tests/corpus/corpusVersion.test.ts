import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { KAZAKHSTAN_DIR } from './corpusFrom.ts';

type CorpusFiles = Array<{ file: string; bytes: Uint8Array }>;

let files: CorpusFiles;
let version: string;
beforeAll(async () => {
  const names = (await readdir(KAZAKHSTAN_DIR)).sort();
  files = await Promise.all(
    names.map(async (file) => ({ file, bytes: new Uint8Array(await readFile(join(KAZAKHSTAN_DIR, file))) })),
  );
  version = buildCorpus(KAZAKHSTAN_DIR, files).version;
});

/** The fixture files with one of them rewritten. */
function withFile(file: string, edit: (text: string) => string): CorpusFiles {
  return files.map((entry) =>
    entry.file === file
      ? { file, bytes: new TextEncoder().encode(edit(new TextDecoder().decode(entry.bytes))) }
      : entry,
  );
}

describe('the corpus version', () => {
  it('is the same every time the same files are loaded, in any order', async () => {
    expect((await loadCorpus(KAZAKHSTAN_DIR)).version).toBe(version);
    expect(buildCorpus('/elsewhere', [...files].reverse()).version).toBe(version);
  });

  it('changes when a word of an article changes', () => {
    const edited = withFile('csto-withdrawal-begins.md', (text) =>
      text.replace('at least 12,000', 'at least 10,000'),
    );
    expect(buildCorpus(KAZAKHSTAN_DIR, edited).version).not.toBe(version);
  });

  it('changes when an article is corrected in its metadata only', () => {
    const edited = withFile('security-council-shakeup.md', (text) =>
      text.replace('date: 2022-01-08', 'date: 2022-01-09'),
    );
    expect(buildCorpus(KAZAKHSTAN_DIR, edited).version).not.toBe(version);
  });

  it('changes when an article is added or removed', () => {
    const removed = files.filter((entry) => entry.file !== 'last-troops-leave.txt');
    expect(buildCorpus(KAZAKHSTAN_DIR, removed).version).not.toBe(version);
    const added: CorpusFiles = [
      ...files,
      {
        file: 'airport-reopens.md',
        bytes: new TextEncoder().encode(
          '---\ntitle: Almaty airport reopens\nsource: Steppe Herald\ndate: 2022-01-13\n---\nThe first civilian flight landed in Almaty on Thursday.\n',
        ),
      },
    ];
    expect(buildCorpus(KAZAKHSTAN_DIR, added).version).not.toBe(version);
  });

  it('stays the same when a file that cannot be loaded is added', () => {
    const withBadFile: CorpusFiles = [
      ...files,
      { file: 'notes.md', bytes: new TextEncoder().encode('---\ntitle: x\n') },
    ];
    const corpus = buildCorpus(KAZAKHSTAN_DIR, withBadFile);
    expect(corpus.problems.map((problem) => problem.file)).toEqual(['notes.md']);
    expect(corpus.version).toBe(version);
  });
});

describe('the corpus version and paragraph breaks', () => {
  it('changes when a paragraph is split in two, since paragraph numbers and the index change with it', () => {
    const edited = withFile('csto-withdrawal-begins.md', (text) =>
      text.replace('in 1991. It left dozens dead', 'in 1991.\n\nIt left dozens dead'),
    );
    const corpus = buildCorpus(KAZAKHSTAN_DIR, edited);
    const afp = corpus.documents.find((document) => document.id === 'csto-withdrawal-begins');
    expect(afp?.passages).toHaveLength(19);
    expect(corpus.version).not.toBe(version);
  });
});
