import { type FileHandle, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeChunksDurably } from './durableFiles.ts';
import { type ParseFile, type ReuseFile, rememberTextHash, textHashOf } from './loadCorpus.ts';
import { DocumentError, parseDocument, sha256 } from './parseDocument.ts';
import type { CorpusDocument, Passage, Span } from './types.ts';

/** What a file parsed to last time, keyed by its exact bytes: a document, or why it is not one. */
export interface ParsedFile {
  sha256: string;
  /** The file's `statCorpus` stamp when it was read: while it is the same, the file need not be read. */
  stamp?: string;
  outcome: CorpusDocument | DocumentError;
}

/**
 * Changes whenever parsing would give another result, so a cache written by older code is never read: bump
 * the revision when parsing or the layout of the file changes in a way the sample below does not show.
 */
const CACHE_FORMAT = sha256(
  JSON.stringify({
    revision: 3,
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
  return join(snapshotDir, 'parsed-files.cache');
}

/** The file earlier versions of Dossier kept parse results in, as JSON lines: removed once replaced. */
const OLD_PARSED_FILES = 'parsed-files.jsonl';

/** Lines are gathered into writes of about this many characters, and the file is read this many bytes at a time. */
const CHUNK_SIZE = 1 << 22;

/** A passage as saved: start, end, paragraph, section, then each sentence's start and end. */
type SavedPassage = [number, number, number, string | null, number[]];

/**
 * One line per file, saying what it parsed to. A document's text follows its line as `textBytes` bytes of
 * UTF-8 and a line break: text that is read back as it is, never scanned for JSON escapes.
 */
type CacheLine = { file: string; sha256: string; stamp?: string } & (
  | { problem: string }
  | {
      document: Omit<CorpusDocument, 'text' | 'passages'>;
      passages: SavedPassage[];
      textBytes: number;
      /** sha256 of the text, which the corpus version is made of. */
      textSha256: string;
    }
);

const SHA256_HEX = /^[0-9a-f]{64}$/;

const within = (start: number, end: number, from: number, to: number) =>
  Number.isInteger(start) && Number.isInteger(end) && from <= start && start <= end && end <= to;

function savedPassage(passage: Passage): SavedPassage {
  const sentences = passage.sentences.flatMap((sentence) => [sentence.start, sentence.end]);
  return [passage.start, passage.end, passage.paragraph, passage.section ?? null, sentences];
}

/**
 * The document a cache line and its text stand for, if it holds together: every passage and sentence is a
 * range of its text, so nothing quoted from it can fall outside.
 */
function documentOf(line: CacheLine, text: string): CorpusDocument | undefined {
  if (!('document' in line) || line.document.file !== line.file || !Array.isArray(line.passages)) {
    return undefined;
  }
  const docId = line.document.id;
  // Arrays of their final length: grown one push at a time, they would keep spare room for the life of the corpus.
  const passages = new Array<Passage>(line.passages.length);
  for (const [p, saved] of line.passages.entries()) {
    const [start, end, paragraph, section, bounds] = saved;
    if (!within(start, end, 0, text.length) || !Array.isArray(bounds) || bounds.length % 2 !== 0) {
      return undefined;
    }
    const sentences = new Array<Span>(bounds.length / 2);
    for (let i = 0; i < sentences.length; i++) {
      const sentence = { start: bounds[2 * i] as number, end: bounds[2 * i + 1] as number };
      if (!within(sentence.start, sentence.end, start, end)) return undefined;
      sentences[i] = sentence;
    }
    passages[p] = {
      id: `${docId}#${paragraph}`,
      docId,
      paragraph,
      start,
      end,
      section: section ?? undefined,
      sentences,
    };
  }
  if (passages.length === 0) return undefined;
  return { ...line.document, text, passages };
}

/** Damaged text fails to decode, rather than turning into replacement characters; a leading U+FEFF is kept. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Reads a file front to back in large chunks, a line or a given number of bytes at a time. */
class ChunkedReader {
  private buffer = Buffer.alloc(0);
  private offset = 0;
  private ended = false;

  constructor(private readonly handle: FileHandle) {}

  /** Buffers at least `bytes` unread bytes, unless the file ends first; returns whether it could. */
  private async fill(bytes: number): Promise<boolean> {
    while (this.buffer.length - this.offset < bytes && !this.ended) {
      const rest = this.buffer.subarray(this.offset);
      const size = Math.max(CHUNK_SIZE, bytes - rest.length);
      const next = Buffer.allocUnsafe(rest.length + size);
      rest.copy(next);
      const { bytesRead } = await this.handle.read(next, rest.length, size, null);
      this.ended = bytesRead === 0;
      this.buffer = next.subarray(0, rest.length + bytesRead);
      this.offset = 0;
    }
    return this.buffer.length - this.offset >= bytes;
  }

  /** The next line, without its line break; `undefined` at the end of the file. */
  async line(): Promise<string | undefined> {
    let searched = 0;
    for (;;) {
      const end = this.buffer.indexOf(10, this.offset + searched);
      if (end >= 0) {
        const line = this.buffer.toString('utf8', this.offset, end);
        this.offset = end + 1;
        return line;
      }
      searched = this.buffer.length - this.offset;
      if (!(await this.fill(searched + 1))) return undefined;
    }
  }

  /** The next `bytes` bytes as UTF-8 text, which a line break must follow; `undefined` if it does not. */
  async text(bytes: number): Promise<string | undefined> {
    if (!Number.isInteger(bytes) || bytes < 0 || !(await this.fill(bytes + 1))) return undefined;
    const end = this.offset + bytes;
    if (this.buffer[end] !== 10) return undefined;
    const text = UTF8.decode(this.buffer.subarray(this.offset, end));
    this.offset = end + 1;
    return text;
  }

  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }
}

async function readEntries(reader: ChunkedReader, dir: string): Promise<Map<string, ParsedFile> | undefined> {
  const header = JSON.parse((await reader.line()) ?? 'null') as {
    format?: string;
    dir?: string;
    entries?: number;
  };
  if (header?.format !== CACHE_FORMAT || header.dir !== dir || !Number.isInteger(header.entries))
    return undefined;
  const parsed = new Map<string, ParsedFile>();
  for (let i = 0; i < (header.entries as number); i++) {
    const line = JSON.parse((await reader.line()) ?? 'null') as CacheLine | null;
    if (typeof line?.file !== 'string' || typeof line.sha256 !== 'string') return undefined;
    const { file, sha256: hash, stamp } = line;
    if ('problem' in line && typeof line.problem === 'string') {
      parsed.set(file, { sha256: hash, stamp, outcome: new DocumentError(line.problem) });
      continue;
    }
    const text = 'textBytes' in line ? await reader.text(line.textBytes) : undefined;
    const document = text === undefined ? undefined : documentOf(line, text);
    if (!document || !('textSha256' in line) || !SHA256_HEX.test(line.textSha256)) return undefined;
    rememberTextHash(document, line.textSha256);
    parsed.set(file, { sha256: hash, stamp, outcome: document });
  }
  return (await reader.atEnd()) ? parsed : undefined;
}

/**
 * Reads the parse results saved for corpus directory `dir`. Anything wrong with the file (missing, written
 * for another directory or by other parsing code, cut short, damaged) gives an empty cache: parsing again is
 * always right.
 */
export async function readParsedFiles(path: string, dir: string): Promise<Map<string, ParsedFile>> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    return (await readEntries(new ChunkedReader(handle), dir)) ?? new Map();
  } catch {
    return new Map();
  } finally {
    await handle?.close();
  }
}

function* cacheChunks(dir: string, parsed: ReadonlyMap<string, ParsedFile>): Generator<string> {
  let chunk = `${JSON.stringify({ format: CACHE_FORMAT, dir, entries: parsed.size })}\n`;
  for (const [file, { sha256: hash, stamp, outcome }] of parsed) {
    if (outcome instanceof DocumentError) {
      chunk += `${JSON.stringify({ file, sha256: hash, stamp, problem: outcome.message } satisfies CacheLine)}\n`;
    } else {
      const { text, passages, ...document } = outcome;
      const line: CacheLine = {
        file,
        sha256: hash,
        stamp,
        document,
        passages: passages.map(savedPassage),
        textBytes: Buffer.byteLength(text),
        textSha256: textHashOf(outcome),
      };
      chunk += `${JSON.stringify(line)}\n${text}\n`;
    }
    if (chunk.length >= CHUNK_SIZE) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/** Saves parse results, so the next start of the indexing thread splits no unchanged article. */
export async function writeParsedFiles(
  path: string,
  dir: string,
  parsed: ReadonlyMap<string, ParsedFile>,
): Promise<void> {
  await writeChunksDurably(path, cacheChunks(dir, parsed));
}

/**
 * New stamps alone are saved once more than this share of the files (one in so many) needed them: saving
 * costs a write of every result, while a file without a current stamp only costs each start a read and a hash.
 */
const RESTAMPED_SHARE_SAVED = 16;

/** Parse results kept between jobs when there is no snapshot folder to keep them in. */
const parsedByDir = new Map<string, Map<string, ParsedFile>>();

/**
 * A parser for one load of `job.dir` that reuses earlier results, since parsing is most of a load and a reload
 * after one moderator change finds all but one file unchanged. A file whose `stamps` entry (from `statCorpus`,
 * taken before the load) is the one saved with its result is not even read; any other file is read and hashed,
 * and parsed only when its bytes changed. With a snapshot folder the results are kept on disk, not in this
 * thread: a restart splits no unchanged article, and the thread answering questions holds the only in-memory
 * copy of the corpus text. Only files seen in this load stay cached.
 */
export async function cachingParser(
  job: { dir: string; snapshotDir?: string; rebuild?: boolean },
  stamps: ReadonlyMap<string, string> = new Map(),
): Promise<{ parse: ParseFile; reuse: ReuseFile; finish: () => Promise<void> }> {
  const cachePath = job.snapshotDir && parsedFilesPath(job.snapshotDir);
  const previous = job.rebuild
    ? new Map<string, ParsedFile>()
    : cachePath
      ? await readParsedFiles(cachePath, job.dir)
      : (parsedByDir.get(job.dir) ?? new Map<string, ParsedFile>());
  const current = new Map<string, ParsedFile>();
  let parsedAnew = 0;
  /** Files read although unchanged, because their stamps moved (a copied or restored folder) or were missing. */
  let restamped = 0;
  const reuse: ReuseFile = (file) => {
    const stamp = stamps.get(file);
    const parsed = previous.get(file);
    if (stamp === undefined || parsed?.stamp !== stamp) return undefined;
    current.set(file, parsed);
    return parsed.outcome;
  };
  const parse: ParseFile = (file, bytes) => {
    const hash = sha256(bytes);
    const stamp = stamps.get(file);
    let parsed = previous.get(file);
    if (parsed?.sha256 !== hash) {
      try {
        parsed = { sha256: hash, stamp, outcome: parseDocument(file, bytes) };
      } catch (error) {
        if (!(error instanceof DocumentError)) throw error;
        parsed = { sha256: hash, stamp, outcome: error };
      }
      parsedAnew++;
    } else if (parsed.stamp !== stamp) {
      parsed = { ...parsed, stamp };
      restamped++;
    }
    current.set(file, parsed);
    if (parsed.outcome instanceof DocumentError) throw parsed.outcome;
    return parsed.outcome;
  };
  const finish = async () => {
    if (!cachePath) {
      parsedByDir.set(job.dir, current);
    } else if (
      parsedAnew > 0 ||
      current.size !== previous.size ||
      restamped > current.size / RESTAMPED_SHARE_SAVED
    ) {
      // A read-only data folder only costs the next start a parse.
      await writeParsedFiles(cachePath, job.dir, current)
        .then(() => rm(join(cachePath, '..', OLD_PARSED_FILES), { force: true }))
        .catch(() => undefined);
    }
  };
  return { parse, reuse, finish };
}
