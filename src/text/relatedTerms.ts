import { readFileSync } from 'node:fs';

/** A term near another in meaning, with the cosine similarity of their word vectors (0–1). */
export interface RelatedTerm {
  term: string;
  similarity: number;
}

const TABLE = new URL('./relatedTerms.txt', import.meta.url);

let table: Map<string, string> | undefined;

// Kept as raw lines and parsed per lookup: a question touches a handful of the 30,000 entries.
function relatedTable(): Map<string, string> {
  if (!table) {
    table = new Map();
    for (const line of readFileSync(TABLE, 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab > 0 && !line.startsWith('#')) table.set(line.slice(0, tab), line.slice(tab + 1));
    }
  }
  return table;
}

/** Terms related in meaning to an index term ("troop" → "soldier", "forc"), most similar first. */
export function relatedTermsOf(term: string): RelatedTerm[] {
  const entry = relatedTable().get(term);
  if (!entry) return [];
  return entry.split(' ').map((pair) => {
    const colon = pair.lastIndexOf(':');
    return { term: pair.slice(0, colon), similarity: Number(pair.slice(colon + 1)) };
  });
}
