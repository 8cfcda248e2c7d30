import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { markdownArticle } from './corpusFrom.ts';

const CURFEW_BODY =
  'Authorities in Almaty lifted the overnight curfew on Thursday.\n\nBanks reopened their branches the same day.\n';
const RALLY_BODY = 'Hundreds of people rallied in Zhanaozen on Sunday against a rise in the price of gas.\n';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** Every file of the test corpus: two good articles, then one file for each way a file can be bad. */
const FILES: Record<string, Buffer> = {
  'curfew-lifted.md': utf8(
    markdownArticle(
      { title: 'Almaty lifts curfew', source: 'Steppe Herald', date: '2022-01-13' },
      CURFEW_BODY,
    ),
  ),
  'zhanaozen-rally.txt': utf8(`date 2022-01-02\n${RALLY_BODY}`),
  'broken-yaml.md': utf8(
    '---\ntitle: [Almaty lifts curfew\nsource: Steppe Herald\ndate: 2022-01-14\n---\nThe curfew ended.\n',
  ),
  'unclosed.md': utf8(
    '---\ntitle: Almaty lifts curfew\nsource: Steppe Herald\ndate: 2022-01-14\nThe curfew ended.\n',
  ),
  'no-source.md': utf8(
    markdownArticle({ title: 'Protests spread', date: '2022-01-04' }, 'Protests spread.\n'),
  ),
  'february-30.md': utf8(
    markdownArticle(
      { title: 'Unrest ends', source: 'Steppe Herald', date: '2022-02-30' },
      'The unrest ended.\n',
    ),
  ),
  'day-first-date.md': utf8(
    markdownArticle(
      { title: 'Troops leave', source: 'Steppe Herald', date: '"13/01/2022"' },
      'The troops left on Thursday.\n',
    ),
  ),
  'empty-body.md': utf8(
    markdownArticle({ title: 'Placeholder', source: 'Steppe Herald', date: '2022-01-15' }, '\n   \n\n'),
  ),
  'latin1.md': Buffer.concat([
    utf8(markdownArticle({ title: 'Café closed', source: 'Steppe Herald', date: '2022-01-16' }, 'The caf')),
    Buffer.from([0xe9, 0x20, 0x63, 0x6c, 0x6f, 0x73, 0x65, 0x64, 0x2e, 0x0a]), // "é closed." in Latin-1
  ]),
  'scan.md': Buffer.from([
    0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x00, 0x01, 0x02, 0xff,
  ]),
  'wire-curfew-copy.md': utf8(
    markdownArticle({ title: 'Curfew over in Almaty', source: 'Wire copy', date: '2022-01-13' }, CURFEW_BODY),
  ),
  'zhanaozen-update.md': utf8(
    markdownArticle(
      {
        title: 'Hundreds of people rallied in Zhanaozen on Sunday against a rise in the price of gas.',
        source: 'unattributed',
        date: '2022-01-02',
      },
      'Updated: the rally went on after dark, witnesses said.\n',
    ),
  ),
  'statement.docx': utf8('PK\u0003\u0004 a word-processor file'),
};

const EXPECTED_PROBLEMS: Array<[file: string, reason: RegExp]> = [
  ['broken-yaml.md', /front matter is not valid YAML/],
  ['unclosed.md', /front matter .*never closed/],
  ['no-source.md', /front matter has no "source"/],
  ['february-30.md', /"date".*not a calendar date/],
  ['day-first-date.md', /"date".*YYYY-MM-DD/],
  ['empty-body.md', /no body text/],
  ['latin1.md', /not valid UTF-8/],
  ['scan.md', /binary/],
  ['wire-curfew-copy.md', /duplicates curfew-lifted\.md \(same text\)/],
  ['zhanaozen-update.md', /duplicates zhanaozen-rally\.txt \(same title and date\)/],
  ['statement.docx', /unsupported type \(\.docx\)/],
];

describe('a corpus with bad files', () => {
  let dir: string;
  let corpus: Corpus;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-bad-files-'));
    await Promise.all(Object.entries(FILES).map(([file, bytes]) => writeFile(join(dir, file), bytes)));
    corpus = await loadCorpus(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('still loads every good article', () => {
    expect(corpus.documents.map((document) => document.file).sort()).toEqual([
      'curfew-lifted.md',
      'zhanaozen-rally.txt',
    ]);
  });

  it('reports each bad file once, by name', () => {
    expect(corpus.problems.map((problem) => problem.file).sort()).toEqual(
      EXPECTED_PROBLEMS.map(([file]) => file).sort(),
    );
  });

  it.each(EXPECTED_PROBLEMS)('says why %s was skipped', (file, reason) => {
    const problem = corpus.problems.find((candidate) => candidate.file === file);
    expect(problem?.reason).toMatch(reason);
  });

  it('keeps the first file in name order and reports the later one as its duplicate', () => {
    expect(corpus.documents.some((document) => document.file === 'wire-curfew-copy.md')).toBe(false);
    expect(corpus.documents.find((document) => document.id === 'curfew-lifted')?.source).toBe(
      'Steppe Herald',
    );
  });

  it('keeps bad files out of the corpus version', async () => {
    const cleanDir = await mkdtemp(join(tmpdir(), 'dossier-clean-'));
    try {
      await writeFile(join(cleanDir, 'curfew-lifted.md'), FILES['curfew-lifted.md'] ?? '');
      await writeFile(join(cleanDir, 'zhanaozen-rally.txt'), FILES['zhanaozen-rally.txt'] ?? '');
      expect((await loadCorpus(cleanDir)).version).toBe(corpus.version);
    } finally {
      await rm(cleanDir, { recursive: true, force: true });
    }
  });
});

describe('files a corpus folder holds besides articles', () => {
  it('skips hidden files such as .DS_Store without reporting them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-hidden-'));
    try {
      await writeFile(join(dir, 'curfew-lifted.md'), FILES['curfew-lifted.md'] ?? '');
      await writeFile(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
      const corpus = await loadCorpus(dir);
      expect(corpus.documents).toHaveLength(1);
      expect(corpus.problems).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('an unusable corpus directory', () => {
  it('is a CorpusError naming the missing path', async () => {
    const missing = join(tmpdir(), 'dossier-no-such-corpus', 'articles');
    await expect(loadCorpus(missing)).rejects.toThrow(CorpusError);
    await expect(loadCorpus(missing)).rejects.toThrow(`${missing} does not exist`);
  });

  it('is a CorpusError when the path is a file, not a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-file-'));
    const file = join(dir, 'article.md');
    try {
      await writeFile(file, FILES['curfew-lifted.md'] ?? '');
      await expect(loadCorpus(file)).rejects.toThrow(new CorpusError(`${file} is not a directory`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
