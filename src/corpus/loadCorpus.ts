import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DocumentError, parseDocument, sha256 } from './parseDocument.ts';
import type { Corpus, CorpusDocument, CorpusProblem } from './types.ts';

/**
 * Files a load keeps open at once. Opening every file together fails past the open-file limit (often 1,024,
 * or some tens of thousands); libuv reads with four threads by default, so more in flight gains nothing.
 */
const FILES_READ_AT_ONCE = 32;

/** Nothing usable could be loaded from the corpus directory. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

/** Files under `dir` that a load reads, relative to it and sorted; hidden files and folders are skipped. */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(/[\\/]/).some((part) => part.startsWith('.')))
    .sort();
}

/** Finds what a set of accepted documents already holds: the same text, the same id, or the same title and date. */
export class DuplicateFinder {
  private readonly byText = new Map<string, CorpusDocument>();
  private readonly byId = new Map<string, CorpusDocument>();
  private readonly byTitleAndDate = new Map<string, CorpusDocument>();

  constructor(accepted: Iterable<CorpusDocument> = []) {
    for (const document of accepted) this.accept(document);
  }

  accept(document: CorpusDocument): void {
    if (!this.byText.has(document.contentHash)) this.byText.set(document.contentHash, document);
    if (!this.byId.has(document.id)) this.byId.set(document.id, document);
    const titleAndDate = `${document.title}\n${document.date}`;
    if (!this.byTitleAndDate.has(titleAndDate)) this.byTitleAndDate.set(titleAndDate, document);
  }

  /** Why `document` cannot join the accepted ones, if it cannot. */
  reasonFor(document: CorpusDocument): string | undefined {
    const sameText = this.byText.get(document.contentHash);
    if (sameText) return `duplicates ${sameText.file} (same text)`;
    const sameId = this.byId.get(document.id);
    if (sameId) return `has the same document id "${document.id}" as ${sameId.file}`;
    const sameTitle = this.byTitleAndDate.get(`${document.title}\n${document.date}`);
    if (sameTitle) return `duplicates ${sameTitle.file} (same title and date)`;
    return undefined;
  }
}

/** Why `document` cannot join a corpus that already holds `accepted`, if it cannot. */
export function duplicateReason(
  document: CorpusDocument,
  accepted: Iterable<CorpusDocument>,
): string | undefined {
  return new DuplicateFinder(accepted).reasonFor(document);
}

/** A corpus version: changes whenever any document's content or metadata changes, or one is added or removed. */
export function corpusVersion(documents: readonly CorpusDocument[]): string {
  const parts = documents.map(
    (doc) => `${doc.id}\t${sha256(doc.text)}\t${doc.title}\t${doc.source}\t${doc.date}\t${doc.url ?? ''}`,
  );
  return sha256(parts.sort().join('\n')).slice(0, 16);
}

/** Turns one file into a document or throws a `DocumentError`; a cache can stand in for `parseDocument`. */
export type ParseFile = (file: string, bytes: Uint8Array) => CorpusDocument;

/** A file of the corpus directory as read: its path relative to the directory, and its bytes. */
export interface CorpusFile {
  file: string;
  bytes: Uint8Array;
}

/** Parses already-read files into a corpus; bad files become problems, never exceptions. */
export function buildCorpus(
  dir: string,
  files: readonly CorpusFile[],
  parse: ParseFile = parseDocument,
): Corpus {
  const documents: CorpusDocument[] = [];
  const problems: CorpusProblem[] = [];
  const duplicates = new DuplicateFinder();
  for (const { file, bytes } of files) {
    try {
      const document = parse(file, bytes);
      const duplicate = duplicates.reasonFor(document);
      if (duplicate) {
        problems.push({ file, reason: duplicate });
      } else {
        documents.push(document);
        duplicates.accept(document);
      }
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      problems.push({ file, reason: error.message });
    }
  }
  return { dir, documents, problems, version: corpusVersion(documents) };
}

/**
 * Reads every article under `dir`. Bad files are reported in `problems` and skipped; the load fails only
 * when the directory itself cannot be read.
 */
export async function loadCorpus(dir: string, parse: ParseFile = parseDocument): Promise<Corpus> {
  let files: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new CorpusError(`${dir} is not a directory`);
    files = await listCorpusFiles(dir);
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CorpusError(
      code === 'ENOENT' ? `${dir} does not exist` : `${dir} cannot be read (${code ?? error})`,
    );
  }
  return buildCorpus(dir, await readFiles(dir, files), parse);
}

/**
 * Reads `files` under `dir`, at most `FILES_READ_AT_ONCE` open at a time: a corpus of any size stays within
 * the process's open-file limit, and libuv's few I/O threads are kept busy all the same.
 */
async function readFiles(dir: string, files: readonly string[]): Promise<CorpusFile[]> {
  const read: CorpusFile[] = new Array(files.length);
  let next = 0;
  const reader = async () => {
    while (next < files.length) {
      const position = next++;
      const file = files[position] as string;
      read[position] = { file, bytes: await readFile(join(dir, file)) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(FILES_READ_AT_ONCE, files.length) }, reader));
  return read;
}
