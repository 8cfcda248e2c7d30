import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDirectory } from './durableFiles.ts';
import { DocumentError, parseDocument, sha256 } from './parseDocument.ts';
import type { Corpus, CorpusDocument, CorpusProblem } from './types.ts';

/** Nothing usable could be loaded from the corpus directory. */
export class CorpusError extends Error {
  override name = 'CorpusError';
}

/** Why a file or folder could not be opened, in words a moderator can act on. */
function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'disappeared while the corpus was being read';
    case 'ENAMETOOLONG':
      return 'cannot be opened: its path is longer than the system allows';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be opened: permission denied';
    case 'ELOOP':
      return 'cannot be opened: its symbolic links form a loop';
    default:
      return `cannot be opened (${code ?? String(error)})`;
  }
}

/** What a walk of the corpus directory found: the article files, and folders it could not open. */
interface CorpusListing {
  files: string[];
  problems: CorpusProblem[];
}

/**
 * Files under `dir` that a load reads, relative to it and sorted; hidden files and folders are skipped. A
 * folder inside that cannot be opened is a problem of its own; only `dir` itself failing throws.
 */
async function listCorpus(dir: string): Promise<CorpusListing> {
  const files: string[] = [];
  const problems: CorpusProblem[] = [];
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(join(dir, folder), { withFileTypes: true });
    } catch (error) {
      if (folder === '') throw error;
      problems.push({ file: folder, reason: `is a folder that ${unreadable(error)}` });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = folder ? join(folder, entry.name) : entry.name;
      if (entry.isDirectory()) folders.push(path);
      else if (entry.isFile()) files.push(path);
    }
  }
  return { files: files.sort(), problems };
}

/** Files under `dir` that a load reads, relative to it and sorted; hidden files and folders are skipped. */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  return (await listCorpus(dir)).files;
}

/** Finds what a set of accepted documents already holds: the same text, the same id, or the same title and date. */
class DuplicateFinder {
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

/**
 * sha256 of each document's exact text, beside the text it was taken of. A version is worked out at every
 * load and for every change, and the text hashes are most of its cost.
 */
const textHashes = new WeakMap<CorpusDocument, { text: string; hash: string }>();

/** sha256 of a document's exact text, worked out once for each document. */
export function textHashOf(document: CorpusDocument): string {
  const known = textHashes.get(document);
  if (known?.text === document.text) return known.hash;
  const hash = sha256(document.text);
  textHashes.set(document, { text: document.text, hash });
  return hash;
}

/** Records the sha256 of a document's text, taken when it was parsed and saved with the parse result. */
export function rememberTextHash(document: CorpusDocument, hash: string): void {
  textHashes.set(document, { text: document.text, hash });
}

/** A corpus version: changes whenever any document's content or metadata changes, or one is added or removed. */
export function corpusVersion(documents: readonly CorpusDocument[]): string {
  const parts = documents.map(
    (doc) => `${doc.id}\t${textHashOf(doc)}\t${doc.title}\t${doc.source}\t${doc.date}\t${doc.url ?? ''}`,
  );
  return sha256(parts.sort().join('\n')).slice(0, 16);
}

/** Turns one file into a document or throws a `DocumentError`; a cache can stand in for `parseDocument`. */
export type ParseFile = (file: string, bytes: Uint8Array) => CorpusDocument;

/**
 * What a file holds without reading it, when a cache can prove it unchanged: a document, or why the file is
 * not one; `undefined` when the file must be read.
 */
export type ReuseFile = (file: string) => CorpusDocument | DocumentError | undefined;

/** Collects documents one file at a time, turning bad files into problems, never exceptions. */
class CorpusBuilder {
  readonly documents: CorpusDocument[] = [];
  readonly problems: CorpusProblem[] = [];
  private readonly duplicates = new DuplicateFinder();

  constructor(private readonly parse: ParseFile) {}

  add(file: string, bytes: Uint8Array): void {
    let outcome: CorpusDocument | DocumentError;
    try {
      outcome = this.parse(file, bytes);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      outcome = error;
    }
    this.addOutcome(file, outcome);
  }

  addOutcome(file: string, outcome: CorpusDocument | DocumentError): void {
    if (outcome instanceof DocumentError) {
      this.problems.push({ file, reason: outcome.message });
      return;
    }
    const duplicate = this.duplicates.reasonFor(outcome);
    if (duplicate) {
      this.problems.push({ file, reason: duplicate });
    } else {
      this.documents.push(outcome);
      this.duplicates.accept(outcome);
    }
  }

  corpus(dir: string): Corpus {
    const problems = this.problems.sort((a, b) => a.file.localeCompare(b.file));
    return { dir, documents: this.documents, problems, version: corpusVersion(this.documents) };
  }
}

/** Parses already-read files into a corpus; bad files become problems, never exceptions. */
export function buildCorpus(
  dir: string,
  files: ReadonlyArray<{ file: string; bytes: Uint8Array }>,
  parse: ParseFile = parseDocument,
): Corpus {
  const builder = new CorpusBuilder(parse);
  for (const { file, bytes } of files) builder.add(file, bytes);
  return builder.corpus(dir);
}

/**
 * Reads every article under `dir`, one file at a time, so a folder of any size holds one file in memory and
 * one file open; a file `reuse` vouches for is not read at all. Bad files, and files or folders that cannot be
 * opened, are reported in `problems` and skipped; the load fails only when the directory itself cannot be
 * read, or disappears while it is read.
 */
export async function loadCorpus(
  dir: string,
  parse: ParseFile = parseDocument,
  reuse?: ReuseFile,
): Promise<Corpus> {
  let listing: CorpusListing;
  try {
    if (!(await stat(dir)).isDirectory()) throw new CorpusError(`${dir} is not a directory`);
    listing = await listCorpus(dir);
  } catch (error) {
    if (error instanceof CorpusError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new CorpusError(
      code === 'ENOENT' ? `${dir} does not exist` : `${dir} cannot be read (${code ?? error})`,
    );
  }
  const builder = new CorpusBuilder(parse);
  builder.problems.push(...listing.problems);
  for (const file of listing.files) {
    const known = reuse?.(file);
    if (known) {
      builder.addOutcome(file, known);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, file));
    } catch (error) {
      // Half a corpus must never go live in place of the whole one.
      if (!(await isDirectory(dir))) throw new CorpusError(`${dir} disappeared while it was being read`);
      builder.problems.push({ file, reason: unreadable(error) });
      continue;
    }
    builder.add(file, bytes);
  }
  if (!(await isDirectory(dir))) throw new CorpusError(`${dir} disappeared while it was being read`);
  return builder.corpus(dir);
}
