import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { markdownArticle } from './corpusFrom.ts';

/** More files than a process may usually keep open at once (1,024, or 20,000 on some machines). */
const FILE_COUNT = 30_000;
const CITIES = ['Almaty', 'Aktau', 'Zhanaozen', 'Taldykorgan', 'Shymkent', 'Nur-Sultan'];

/** A short wire report: each file has its own title, day and figure, so none duplicates another. */
function report(n: number): string {
  const city = CITIES[n % CITIES.length] as string;
  const day = String((n % 28) + 1).padStart(2, '0');
  return markdownArticle(
    { title: `Bulletin ${n} from ${city} after the protests`, source: 'Wire Digest', date: `2022-01-${day}` },
    `Police in ${city} reported ${n} detentions on January ${(n % 28) + 1}. Shops reopened by noon.\n`,
  );
}

describe('a corpus of many small files', () => {
  let dir: string;
  let corpus: Corpus;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-many-files-'));
    for (let first = 0; first < FILE_COUNT; first += 1_000) {
      await Promise.all(
        Array.from({ length: 1_000 }, (_, offset) =>
          writeFile(join(dir, `bulletin-${first + offset}.md`), report(first + offset)),
        ),
      );
    }
    corpus = await loadCorpus(dir);
  }, 300_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every one of 30,000 article files, whatever the open-file limit', () => {
    expect(corpus.problems).toEqual([]);
    expect(corpus.documents).toHaveLength(FILE_COUNT);
  });

  it('keeps each file its own text and metadata', () => {
    const last = corpus.documents.find((document) => document.file === `bulletin-${FILE_COUNT - 1}.md`);
    expect(last).toMatchObject({
      title: `Bulletin ${FILE_COUNT - 1} from Nur-Sultan after the protests`,
      date: '2022-01-12',
    });
    expect(last?.text).toContain(`reported ${FILE_COUNT - 1} detentions`);
  });
});
