import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { parseDocument } from '../../src/corpus/parseDocument.ts';
import type { Corpus, CorpusDocument } from '../../src/corpus/types.ts';
import { corpusFrom, FORMATS_DIR, KAZAKHSTAN_DIR, markdownArticle } from './corpusFrom.ts';

const encode = (text: string) => new TextEncoder().encode(text);

function documentOf(corpus: Corpus, id: string): CorpusDocument {
  const document = corpus.documents.find((candidate) => candidate.id === id);
  if (!document) throw new Error(`fixture ${id} did not load: ${JSON.stringify(corpus.problems)}`);
  return document;
}

function paragraphText(document: CorpusDocument, paragraph: number): string {
  const passage = document.passages.find((candidate) => candidate.paragraph === paragraph);
  if (!passage) throw new Error(`${document.id} has no paragraph ${paragraph}`);
  return document.text.slice(passage.start, passage.end);
}

describe('Markdown articles with front matter', () => {
  it('name each required field that is missing', () => {
    const text = '---\ntitle: Curfew lifted in Almaty\n---\nThe curfew ended on Monday.\n';
    expect(() => parseDocument('curfew.md', encode(text))).toThrow(
      'front matter has no "source"; front matter has no "date"',
    );
  });

  let formats: Corpus;
  beforeAll(async () => {
    formats = await loadCorpus(FORMATS_DIR);
  });

  it('reads title, source and date, and the optional url, author and language', () => {
    const article = documentOf(formats, 'curfew-lifted');
    expect(article).toMatchObject({
      title: 'Almaty lifts curfew as banks reopen',
      source: 'Kazinform Digest',
      date: '2022-01-13',
      url: 'https://kazinform-digest.example/almaty-curfew-lifted',
      author: 'Marat Ospanov',
      language: 'en',
      file: 'curfew-lifted.markdown',
    });
  });

  it('keeps the front matter out of the article text, so it is never quoted', () => {
    const article = documentOf(formats, 'curfew-lifted');
    expect(article.text).not.toContain('---');
    expect(article.text).not.toContain('Kazinform Digest');
    expect(paragraphText(article, 1)).toMatch(/^Authorities in Almaty lifted the overnight curfew/);
  });

  it('loads an article that has only the required fields', () => {
    const article = parseDocument(
      'curfew.md',
      encode(
        markdownArticle(
          { title: 'Curfew lifted in Almaty', source: 'Steppe Herald', date: '2022-01-13' },
          'The curfew in Almaty was lifted on Thursday.\n',
        ),
      ),
    );
    expect(article).toMatchObject({
      title: 'Curfew lifted in Almaty',
      source: 'Steppe Herald',
      date: '2022-01-13',
    });
    expect(article.url).toBeUndefined();
    expect(article.author).toBeUndefined();
  });

  it('ignores front matter keys it does not know, so they never reach a citation', () => {
    const article = parseDocument(
      'curfew.md',
      encode(
        '---\ntitle: Curfew lifted in Almaty\nsource: Steppe Herald\ndate: 2022-01-13\ntags: [curfew, almaty]\neditor_note: check figures\n---\nThe curfew in Almaty was lifted on Thursday.\n',
      ),
    );
    expect(article.title).toBe('Curfew lifted in Almaty');
    expect(article).not.toHaveProperty('tags');
    expect(article).not.toHaveProperty('editor_note');
  });

  it.each([
    ['a link without its scheme', 'www.example.com/curfew'],
    ['a script link', 'javascript:alert(1)'],
  ])('refuses %s as the url, naming the field', (_case, url) => {
    const text = markdownArticle(
      { title: 'Curfew lifted in Almaty', source: 'Steppe Herald', date: '2022-01-13', url },
      'The curfew in Almaty was lifted on Thursday.\n',
    );
    expect(() => parseDocument('curfew.md', encode(text))).toThrow(/front matter "url"/);
  });

  it('reads an article saved with Windows line endings', () => {
    const text = markdownArticle(
      { title: 'Curfew lifted in Almaty', source: 'Steppe Herald', date: '2022-01-13' },
      'The curfew in Almaty was lifted on Thursday.\n\nBanks reopened their branches the same day.\n',
    ).replace(/\n/g, '\r\n');
    const article = parseDocument('curfew.md', encode(text));
    expect(article.title).toBe('Curfew lifted in Almaty');
    expect(article.passages.map((passage) => article.text.slice(passage.start, passage.end))).toEqual([
      'The curfew in Almaty was lifted on Thursday.',
      'Banks reopened their branches the same day.',
    ]);
  });

  it('takes the document id from the file name', () => {
    const article = parseDocument(
      'Reports/Almaty Curfew – Lifted.md',
      encode(
        markdownArticle({ title: 'Curfew lifted', source: 'Steppe Herald', date: '2022-01-13' }, 'Text.\n'),
      ),
    );
    expect(article.id).toBe('almaty-curfew-lifted');
  });
});

describe('plain-text articles', () => {
  it('load without a date marker, cited as undated and titled by their first sentence', () => {
    const article = parseDocument(
      'rally.txt',
      encode('Hundreds of people rallied in Zhanaozen on Sunday.\n\nThe crowd stayed after dark.\n'),
    );
    expect(article.date).toBe('');
    expect(article.title).toBe('Hundreds of people rallied in Zhanaozen on Sunday.');
    expect(article.passages).toHaveLength(2);
  });

  it('take the date from a leading "date YYYY-MM-DD" marker and the title from the first sentence', async () => {
    const formats = await loadCorpus(FORMATS_DIR);
    const article = documentOf(formats, 'zhanaozen-rally');
    expect(article.date).toBe('2022-01-02');
    expect(article.title).toBe(
      'Hundreds of people rallied in Zhanaozen on Sunday against a sharp rise in the price of liquefied gas.',
    );
    expect(article.source.length).toBeGreaterThan(0);
  });

  it('leave the date marker out of the text and the first paragraph', async () => {
    const kazakhstan = await loadCorpus(KAZAKHSTAN_DIR);
    const article = documentOf(kazakhstan, 'last-troops-leave');
    expect(article.date).toBe('2022-01-19');
    expect(article.text).not.toContain('2022-01-19');
    expect(paragraphText(article, 1)).toBe('The last alliance soldiers left Kazakhstan on Wednesday.');
  });

  it('accept the marker on the same line as the first sentence, as the seed file has it', () => {
    const article = parseDocument(
      'seed.txt',
      encode(' date 2022-01-13 On Thursday, the contingent began its withdrawal.\n\nIt took a week.\n'),
    );
    expect(article.date).toBe('2022-01-13');
    expect(article.title).toBe('On Thursday, the contingent began its withdrawal.');
    expect(paragraphText(article, 1)).toBe('On Thursday, the contingent began its withdrawal.');
  });

  it('cut a long first sentence to a readable title at a word boundary', () => {
    const first =
      'Hundreds of people rallied in Zhanaozen on Sunday against a sharp rise in the price of liquefied gas, which most cars in the oil-producing region of Mangystau run on.';
    const article = parseDocument('rally.txt', encode(`date 2022-01-02\n${first}\n`));
    expect(article.title.length).toBeLessThan(first.length);
    expect(article.title).toMatch(/…$/);
    expect(first.startsWith(article.title.slice(0, -1))).toBe(true);
  });
});

describe('headings and paragraph numbers', () => {
  let kazakhstan: Corpus;
  beforeAll(async () => {
    kazakhstan = await loadCorpus(KAZAKHSTAN_DIR);
  });

  it('never turns a "# Heading" or a dash-framed heading into a passage', () => {
    for (const document of kazakhstan.documents) {
      for (const passage of document.passages) {
        const text = document.text.slice(passage.start, passage.end);
        expect(text).not.toMatch(/^#/);
        expect(text).not.toMatch(/^[–—-].*[–—-]$/);
      }
    }
  });

  it('gives each paragraph the heading above it as its section', () => {
    const article = documentOf(kazakhstan, 'alliance-troops-land');
    expect(article.passages.map((passage) => passage.section)).toEqual([
      'Troops arrive',
      'Troops arrive',
      'Troops arrive',
      'Guarding strategic sites',
      'Guarding strategic sites',
      'Guarding strategic sites',
    ]);
    const afp = documentOf(kazakhstan, 'csto-withdrawal-begins');
    expect(afp.passages[0]?.section).toBeUndefined();
    expect(afp.passages.at(-1)?.section).toBe('Power struggle');
  });

  it('reads Markdown headings of any level, with or without closing hashes', async () => {
    const formats = await loadCorpus(FORMATS_DIR);
    const article = documentOf(formats, 'curfew-lifted');
    expect(article.passages.map((passage) => passage.section)).toEqual([
      'City life resumes',
      'City life resumes',
      'What the mayor said',
    ]);
  });

  it('numbers body paragraphs as a reader counts them, skipping headings', () => {
    const afp = documentOf(kazakhstan, 'csto-withdrawal-begins');
    expect(afp.passages.map((passage) => passage.paragraph)).toEqual(
      Array.from({ length: 18 }, (_, i) => i + 1),
    );
    // The dash-framed "Power struggle" heading sits between the eighth and ninth paragraphs.
    expect(paragraphText(afp, 8)).toMatch(/^Kazakhstan was rocked last week/);
    expect(paragraphText(afp, 9)).toMatch(/^The most serious episodes of violence/);

    const alliance = documentOf(kazakhstan, 'alliance-troops-land');
    expect(paragraphText(alliance, 1)).toMatch(/^Transport aircraft carrying the first units/);
    expect(paragraphText(alliance, 4)).toMatch(/^The soldiers were deployed to guard the airport/);
  });

  it('gives each passage an id made of its document id and paragraph number', () => {
    const alliance = documentOf(kazakhstan, 'alliance-troops-land');
    expect(alliance.passages[3]?.id).toBe('alliance-troops-land#4');
  });

  it('treats a line of prose that merely contains dashes as a paragraph', () => {
    const corpus = corpusFrom({
      'ceremony.md': markdownArticle(
        { title: 'Departure ceremony', source: 'Steppe Herald', date: '2022-01-13' },
        'A ceremony – brief and solemn – was held in Almaty.\n\nThe soldiers then boarded their planes.\n',
      ),
    });
    const article = documentOf(corpus, 'ceremony');
    expect(article.passages).toHaveLength(2);
    expect(paragraphText(article, 1)).toBe('A ceremony – brief and solemn – was held in Almaty.');
  });
});
