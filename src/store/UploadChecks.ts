import { extname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { stringify as toYaml } from 'yaml';
import { ARTICLE_EXTENSIONS } from '../constants.ts';
import { duplicateReason } from '../corpus/loadCorpus.ts';
import type { OffThreadParser } from '../corpus/OffThreadParser.ts';
import { DocumentError, documentIdFor, type MetadataDefaults } from '../corpus/parseDocument.ts';
import type { CorpusDocument, DocumentMeta } from '../corpus/types.ts';
import { summarize } from './ChangeReport.ts';
import { CorpusStoreError, fileSays } from './CorpusStoreError.ts';

/** A file as a moderator supplied it. */
export interface Upload {
  /** The file name: its extension picks the format, its stem the document id (for `add`). */
  name: string;
  bytes: Uint8Array;
  /** Metadata used where the file has none: slash-command options or CLI flags. */
  defaults?: MetadataDefaults;
}

/** An upload that passed its checks, as it will be stored. */
export interface Validated {
  document: CorpusDocument;
  /** What goes on disk: the upload itself, or a Markdown file carrying the metadata the options supplied. */
  bytes: Uint8Array;
  ignoredOptions: Array<keyof DocumentMeta>;
}

function describeBytes(bytes: number): string {
  if (bytes < 10 * 1024) return `${bytes} bytes`;
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Refuses a name that is not a bare file name of a readable type; returns its extension (".md"). */
export function checkUploadName(name: string): string {
  // A name with folders in it could point outside the corpus; uploads and CLI paths come as bare names.
  if (!name.trim() || name.startsWith('.') || /[\\/]/.test(name)) {
    throw new CorpusStoreError('bad-name', `"${name}" is not a usable file name`);
  }
  const extension = extname(name).toLowerCase();
  if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new CorpusStoreError(
      'unsupported-type',
      `${name} has an unsupported type (${extension || 'no extension'}); Dossier reads ${ARTICLE_EXTENSIONS.join(', ')}`,
    );
  }
  return extension;
}

/** Refuses a document that repeats another already in the corpus. */
export function refuseDuplicate(
  name: string,
  document: CorpusDocument,
  others: readonly CorpusDocument[],
): void {
  const reason = duplicateReason(document, others);
  if (reason) throw new CorpusStoreError('duplicate', fileSays(name, reason));
}

/**
 * The checks an upload passes before the store changes anything: a usable name and type, a size within the
 * limit, and a document that parses, with any metadata given beside the file written into it.
 */
export class UploadChecks {
  constructor(
    /** Shared with the store, so that uploads are parsed off the thread that answers questions. */
    private readonly parser: OffThreadParser,
    private readonly maxUploadBytes: number,
  ) {}

  /** The file an added upload is stored as: its document id and its own extension. */
  fileNameFor(upload: Upload): string {
    const extension = checkUploadName(upload.name);
    return `${documentIdFor(upload.name)}${extension}`;
  }

  /** Parses an upload as it would be stored at `file`, and works out the bytes that go on disk. */
  async validate(upload: Upload, file: string): Promise<Validated> {
    if (upload.bytes.byteLength > this.maxUploadBytes) {
      throw new CorpusStoreError(
        'too-large',
        `${upload.name} is ${describeBytes(upload.bytes.byteLength)}, over the ${describeBytes(this.maxUploadBytes)} upload limit`,
      );
    }
    const defaults = Object.fromEntries(
      Object.entries(upload.defaults ?? {}).filter(([, value]) => typeof value === 'string' && value.trim()),
    ) as MetadataDefaults;
    let document: CorpusDocument;
    try {
      document = await this.parser.parse(file, upload.bytes, defaults);
    } catch (error) {
      if (!(error instanceof DocumentError)) throw error;
      throw new CorpusStoreError('invalid', fileSays(upload.name, error.message));
    }
    const ignoredOptions = (Object.keys(defaults) as Array<keyof DocumentMeta>).filter(
      (key) => document[key] !== defaults[key],
    );
    if (Object.keys(defaults).length === 0 || (await this.selfDescribing(file, upload.bytes, document))) {
      return { document, bytes: upload.bytes, ignoredOptions };
    }
    // The options supplied metadata the file lacks: store it as Markdown whose front matter carries it.
    if (!document.date) {
      throw new CorpusStoreError(
        'invalid',
        `${upload.name} has no date: Dossier keeps the title and source you gave in Markdown front matter, which needs one; give the date too`,
      );
    }
    const markdownFile = `${file.slice(0, file.length - extname(file).length)}.md`;
    const meta = Object.fromEntries(
      (['title', 'source', 'date', 'url', 'author', 'language'] as const).flatMap((key) =>
        document[key] ? [[key, document[key]]] : [],
      ),
    );
    const bytes = Buffer.from(`---\n${toYaml(meta, { lineWidth: 0 })}---\n${document.text}`, 'utf8');
    const stored = await this.parser.parse(markdownFile, bytes);
    if (!isDeepStrictEqual(summarize(stored), summarize({ ...document, file: markdownFile }))) {
      throw new Error(`corpus: ${upload.name}: could not write its metadata into front matter faithfully`);
    }
    return { document: stored, bytes, ignoredOptions };
  }

  /** Whether a file, read on its own as a reload will read it, yields the same document. */
  private async selfDescribing(file: string, bytes: Uint8Array, document: CorpusDocument): Promise<boolean> {
    try {
      const alone = await this.parser.parse(file, bytes);
      return isDeepStrictEqual(alone, document);
    } catch {
      return false;
    }
  }
}
