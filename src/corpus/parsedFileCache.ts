import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeChunksDurably } from './durableFiles.ts';
import type { ParseFile } from './loadCorpus.ts';
import { DocumentError, parseDocument, sha256 } from './parseDocument.ts';
import type { CorpusDocument } from './types.ts';

/** What a file parsed to last time, keyed by its exact bytes: a document, or why it is not one. */
export interface ParsedFile {
  sha256: string;
  outcome: CorpusDocument | DocumentError;
}

/**
 * Changes whenever parsing would give another result, so a cache written by older code is never read: bump
 * the revision when parsing changes in a way the sample below does not show.
 */
const CACHE_FORMAT = sha256(
  JSON.stringify({
    revision: 1,
    sample: parseDocument(
      'sample.md',
      new TextEncoder().encode(
        '---\ntitle: A sample\nsource: AFP\ndate: 2022-01-13\n---\n# Heading\n\nGen. Serdyukov said 2,030 troops left. Others did not.\n\nA second paragraph.\n',
      ),
    ),
  }),
).slice(0, 12);

/** Where parse results are kept between starts: beside the index snapshots, in their folder. */
export function parsedFilesPath(snapshotDir: string): string {
  return join(snapshotDir, 'parsed-files.jsonl');
}

/** Lines are gathered into writes of about this many characters. */
const WRITE_CHUNK_CHARS = 1 << 20;

type CacheLine =
  | { file: string; sha256: string; document: CorpusDocument }
  | { file: string; sha256: string; problem: string };

const within = (start: number, end: number, from: number, to: number) =>
  Number.isInteger(start) && Number.isInteger(end) && from <= start && start <= end && end <= to;

/** Whether a cached document holds together: every passage and sentence is a range of its text. */
function isWholeDocument(document: CorpusDocument, file: string): boolean {
  return (
    document.file === file &&
    typeof document.text === 'string' &&
    Array.isArray(document.passages) &&
    document.passages.length > 0 &&
    document.passages.every(
      (passage) =>
        passage.docId === document.id &&
        within(passage.start, passage.end, 0, document.text.length) &&
        Array.isArray(passage.sentences) &&
        passage.sentences.every((sentence) =>
          within(sentence.start, sentence.end, passage.start, passage.end),
        ),
    )
  );
}

/**
 * Reads the parse results saved for corpus directory `dir`. Anything wrong with the file (missing, written
 * for another directory or by other parsing code, damaged) gives an empty cache: parsing again is always right.
 */
export async function readParsedFiles(path: string, dir: string): Promise<Map<string, ParsedFile>> {
  const parsed = new Map<string, ParsedFile>();
  const lines = createInterface({
    input: createReadStream(path, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  try {
    let header = true;
    for await (const line of lines) {
      const entry = JSON.parse(line) as CacheLine & { format?: string; dir?: string };
      if (header) {
        if (entry.format !== CACHE_FORMAT || entry.dir !== dir) return new Map();
        header = false;
        continue;
      }
      if ('problem' in entry && typeof entry.problem === 'string') {
        parsed.set(entry.file, { sha256: entry.sha256, outcome: new DocumentError(entry.problem) });
      } else if ('document' in entry && isWholeDocument(entry.document, entry.file)) {
        parsed.set(entry.file, { sha256: entry.sha256, outcome: entry.document });
      } else {
        return new Map();
      }
    }
    return parsed;
  } catch {
    return new Map();
  } finally {
    lines.close();
  }
}

function* cacheChunks(dir: string, parsed: ReadonlyMap<string, ParsedFile>): Generator<string> {
  let chunk = `${JSON.stringify({ format: CACHE_FORMAT, dir })}\n`;
  for (const [file, { sha256: hash, outcome }] of parsed) {
    const line: CacheLine =
      outcome instanceof DocumentError
        ? { file, sha256: hash, problem: outcome.message }
        : { file, sha256: hash, document: outcome };
    chunk += `${JSON.stringify(line)}\n`;
    if (chunk.length >= WRITE_CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** Saves parse results, one JSON line a file, so the next start of the indexing thread splits no unchanged article. */
export async function writeParsedFiles(
  path: string,
  dir: string,
  parsed: ReadonlyMap<string, ParsedFile>,
): Promise<void> {
  await writeChunksDurably(path, cacheChunks(dir, parsed));
}

/** Parse results kept between jobs when there is no snapshot folder to keep them in. */
const parsedByDir = new Map<string, Map<string, ParsedFile>>();

/**
 * A parser for one load of `job.dir` that reuses earlier results, since parsing is most of a load and a reload
 * after one moderator change finds all but one file unchanged. With a snapshot folder the results are kept
 * on disk, not in this thread: a restart splits no unchanged article, and the thread answering questions holds the
 * only in-memory copy of the corpus text. Only files read in this load stay cached.
 */
export async function cachingParser(job: {
  dir: string;
  snapshotDir?: string;
  rebuild?: boolean;
}): Promise<{ parse: ParseFile; finish: () => Promise<void> }> {
  const cachePath = job.snapshotDir && parsedFilesPath(job.snapshotDir);
  const previous = job.rebuild
    ? new Map<string, ParsedFile>()
    : cachePath
      ? await readParsedFiles(cachePath, job.dir)
      : (parsedByDir.get(job.dir) ?? new Map<string, ParsedFile>());
  const current = new Map<string, ParsedFile>();
  let parsedAnew = 0;
  const parse: ParseFile = (file, bytes) => {
    const hash = sha256(bytes);
    let parsed = previous.get(file);
    if (parsed?.sha256 !== hash) {
      parsedAnew++;
      try {
        parsed = { sha256: hash, outcome: parseDocument(file, bytes) };
      } catch (error) {
        if (!(error instanceof DocumentError)) throw error;
        parsed = { sha256: hash, outcome: error };
      }
    }
    current.set(file, parsed);
    if (parsed.outcome instanceof DocumentError) throw parsed.outcome;
    return parsed.outcome;
  };
  const finish = async () => {
    if (!cachePath) {
      parsedByDir.set(job.dir, current);
    } else if (parsedAnew > 0 || current.size !== previous.size) {
      // A read-only data folder only costs the next start a parse.
      await writeParsedFiles(cachePath, job.dir, current).catch(() => undefined);
    }
  };
  return { parse, finish };
}
