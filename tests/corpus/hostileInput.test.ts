import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import { CorpusError, loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { DocumentError, parseDocument } from '../../src/corpus/parseDocument.ts';
import type { CorpusDocument } from '../../src/corpus/types.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { buildTimeline } from '../../src/summary/buildTimeline.ts';
import { corpusFrom, markdownArticle } from './corpusFrom.ts';

// The sizes here are what an attacker can upload under the 1 MB limit. Before splitting was linear, each of
// these took minutes to hours; the generous timeout is for a busy machine, never a measure of speed.
const HOSTILE_TIMEOUT_MS = 120_000;

const META = { title: 'Troops arrive in Almaty', source: 'Steppe Herald', date: '2022-01-07' };

function article(body: string): CorpusDocument {
  return parseDocument('hostile.md', Buffer.from(markdownArticle(META, body)));
}

function sentencesOf(document: CorpusDocument): string[] {
  return document.passages.flatMap((passage) =>
    passage.sentences.map((sentence) => document.text.slice(sentence.start, sentence.end)),
  );
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempCorpus(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-hostile-'));
  // rm(1) rather than fs.rm, which cannot go below the path-length limit.
  cleanups.push(async () => execFileSync('rm', ['-rf', dir]));
  return dir;
}

describe('an article built to stall the parser', () => {
  it(
    'splits a paragraph holding 500,000 spaces into its two sentences, quoted verbatim',
    () => {
      const document = article(
        `Russian troops arrived in Almaty.${' '.repeat(500_000)}They guarded the airport.`,
      );
      expect(document.passages).toHaveLength(1);
      expect(sentencesOf(document)).toEqual([
        'Russian troops arrived in Almaty.',
        'They guarded the airport.',
      ]);
    },
    HOSTILE_TIMEOUT_MS,
  );

  it(
    'reads a heading line padded with 200,000 spaces as a heading, and a dash line as a paragraph',
    () => {
      const document = article(
        `# Arrival${' '.repeat(200_000)}#\n\nTroops landed.\n\n-${' '.repeat(200_000)}x\n\nThey left.`,
      );
      expect(document.passages.map((passage) => passage.section)).toEqual(['Arrival', 'Arrival', 'Arrival']);
      expect(sentencesOf(document).at(-1)).toBe('They left.');
    },
    HOSTILE_TIMEOUT_MS,
  );

  it(
    'splits a one-paragraph article of 40,000 sentences into every one of them',
    () => {
      const document = article('Troops patrolled Almaty. '.repeat(40_000));
      const sentences = sentencesOf(document);
      expect(sentences).toHaveLength(40_000);
      expect(new Set(sentences)).toEqual(new Set(['Troops patrolled Almaty.']));
    },
    HOSTILE_TIMEOUT_MS,
  );

  it(
    'keeps 50,000 abbreviations in a row in one sentence, as a title before a name is',
    () => {
      const document = article(`${'Gen. '.repeat(50_000)}Serdiukov arrived.`);
      expect(sentencesOf(document)).toHaveLength(1);
    },
    HOSTILE_TIMEOUT_MS,
  );

  it(
    'dates a sentence of 20,000 dates, and answers a question about the article',
    () => {
      const body = `Troops arrived in Almaty on ${'January 6, '.repeat(20_000)}officials said.`;
      const index = PassageIndex.build(corpusFrom({ 'dates.md': markdownArticle(META, body) }));
      expect(buildTimeline(index).events.map((event) => event.event.date)).toEqual(['2022-01-06']);
      expect(answerQuestion(index, 'When did troops arrive in Almaty?').answered).toBe(true);
    },
    HOSTILE_TIMEOUT_MS,
  );
});

describe('front matter', () => {
  it.each([
    ['!!js/function "function () { return process.exit(1) }"', '!!js/function'],
    ['!custom Steppe Herald', '!custom'],
  ])('refuses a value tagged %s, naming the tag', (value, tag) => {
    const text = `---\ntitle: Troops arrive\nsource: ${value}\ndate: 2022-01-07\n---\nTroops arrived.\n`;
    expect(() => parseDocument('tagged.md', Buffer.from(text))).toThrow(
      new DocumentError(
        `front matter uses the YAML tag ${tag}, which Dossier does not read; write plain "key: value" lines`,
      ),
    );
  });
});

describe('a corpus folder that fights back', () => {
  it(
    'reports each empty file as empty, one by one, among 10,000 of them',
    async () => {
      const dir = await tempCorpus();
      await writeFile(join(dir, 'troops.md'), markdownArticle(META, 'Troops arrived in Almaty.\n'));
      const names = Array.from({ length: 10_000 }, (_, i) => `empty-${String(i).padStart(5, '0')}.md`);
      for (const name of names) await writeFile(join(dir, name), '');
      const corpus = await loadCorpus(dir);
      expect(corpus.documents.map((document) => document.file)).toEqual(['troops.md']);
      expect(corpus.problems).toEqual(names.map((file) => ({ file, reason: 'is empty (0 bytes)' })));
    },
    HOSTILE_TIMEOUT_MS,
  );

  it(
    'reports a folder nested past the path-length limit, and loads the rest',
    async () => {
      const dir = await tempCorpus();
      await writeFile(join(dir, 'troops.md'), markdownArticle(META, 'Troops arrived in Almaty.\n'));
      // Created one relative step at a time, as only a shell can go deeper than the system's path limit.
      const step = 'd'.repeat(200);
      execFileSync('bash', [
        '-c',
        `cd "$1" && for i in $(seq 25); do mkdir ${step} && cd ${step}; done && echo x > deep.md`,
        '_',
        dir,
      ]);
      const corpus = await loadCorpus(dir);
      expect(corpus.documents.map((document) => document.file)).toEqual(['troops.md']);
      expect(corpus.problems).toHaveLength(1);
      expect(corpus.problems[0]?.file.startsWith(join(step, step))).toBe(true);
      expect(corpus.problems[0]?.reason).toBe(
        'is a folder that cannot be opened: its path is longer than the system allows',
      );
    },
    HOSTILE_TIMEOUT_MS,
  );

  it('fails with a reason, instead of loading half of it, when the folder vanishes while it is read', async () => {
    const dir = await tempCorpus();
    for (const name of ['a.md', 'b.md', 'c.md']) {
      await writeFile(
        join(dir, name),
        markdownArticle({ ...META, title: name }, 'Troops arrived in Almaty.\n'),
      );
    }
    await mkdir(join(dir, 'more'));
    let parsed = 0;
    const load = loadCorpus(dir, (file, bytes) => {
      // The folder goes after the first file is read, as when an operator deletes it mid-reload.
      if (++parsed === 1) execFileSync('rm', ['-rf', dir]);
      return parseDocument(file, bytes);
    });
    await expect(load).rejects.toThrow(new CorpusError(`${dir} disappeared while it was being read`));
  });
});
