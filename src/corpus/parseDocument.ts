import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { parseDocument as parseYamlDocument, type YAMLError } from 'yaml';
import { z } from 'zod';
import { ARTICLE_EXTENSIONS, MAX_DOCUMENT_BYTES, MAX_TITLE_CHARS } from '../constants.ts';
import { splitPassages } from './splitPassages.ts';
import { splitSentences } from './splitSentences.ts';
import type { CorpusDocument, DocumentMeta } from './types.ts';

/** A document could not be read; the message names the cause in words a moderator can act on. */
export class DocumentError extends Error {
  override name = 'DocumentError';
}

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value.trim()))
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
    message: 'must be a real date written YYYY-MM-DD',
    abort: true,
  })
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'is not a calendar date',
  });

const text = z.string().trim().min(1, 'must not be empty');

/** Front matter of a Markdown article. Unknown keys are kept out, so they cannot leak into citations. */
const frontMatterSchema = z.object({
  title: text,
  source: text,
  date: isoDate,
  url: z.url({ protocol: /^https?$/ }).optional(),
  author: text.optional(),
  language: text.optional(),
});

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const PLAIN_DATE_MARKER = /^\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*/i;

/** Options that fill in metadata a file lacks (used when a moderator uploads a file with slash-command options). */
export type MetadataDefaults = Partial<DocumentMeta>;

/** Turns a file name into a stable document id: `Kazakhstan Withdrawal.md` → `kazakhstan-withdrawal`. */
export function documentIdFor(file: string): string {
  const stem = basename(file, extname(file));
  const id = stem
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return id || 'document';
}

/** Hash of the normalised body: the same article saved twice, or with other whitespace, hashes the same. */
function bodyHash(body: string): string {
  return sha256(body.normalize('NFC').replace(/\s+/g, ' ').trim());
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new DocumentError('is a binary file, not text');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DocumentError('is not valid UTF-8 text; save it as UTF-8 and try again');
  }
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.join('.');
      if (issue.code === 'invalid_type' && issue.input === undefined) return `front matter has no "${field}"`;
      return `front matter "${field}" ${issue.message}`;
    })
    .join('; ');
}

function parseMarkdown(source: string, defaults: MetadataDefaults): { meta: DocumentMeta; body: string } {
  const fence = FRONT_MATTER.exec(source);
  if (!fence) {
    if (/^---[ \t]*\r?\n/.test(source))
      throw new DocumentError('front matter opens with --- but is never closed');
    return { meta: validateMeta(defaults), body: source };
  }
  const data = readFrontMatter(fence[1] ?? '');
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new DocumentError('front matter must be a list of "key: value" lines');
  }
  return {
    meta: validateMeta({ ...defaults, ...stripEmpty(data as Record<string, unknown>) }),
    body: source.slice(fence[0].length),
  };
}

/** The first line of a YAML message, without the position the library appends: "at line 1, column 8:". */
function yamlReason(problem: YAMLError): string {
  return (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Reads front matter as plain YAML values (the core schema: strings, numbers, booleans, null, lists, maps).
 * A tag asking for anything else (`!!js/function`, `!custom`) is refused, not read as a string, and nothing
 * is printed: the library's warnings are collected, not emitted.
 */
function readFrontMatter(yaml: string): unknown {
  const parsed = parseYamlDocument(yaml, { schema: 'core', logLevel: 'silent' });
  const error = parsed.errors[0];
  if (error) throw new DocumentError(`front matter is not valid YAML: ${yamlReason(error)}`);
  const warning = parsed.warnings[0];
  if (warning?.code === 'TAG_RESOLVE_FAILED') {
    const tag = yamlReason(warning).replace(/^Unresolved tag: (?:tag:yaml\.org,2002:)?/, '');
    throw new DocumentError(
      `front matter uses the YAML tag ${tag.startsWith('!') ? tag : `!!${tag}`}, which Dossier does not read; write plain "key: value" lines`,
    );
  }
  if (warning) throw new DocumentError(`front matter is not plain YAML: ${yamlReason(warning)}`);
  try {
    return parsed.toJS() ?? {};
  } catch (problem) {
    // An alias expanding past the library's limit ("billion laughs") ends here.
    throw new DocumentError(
      `front matter is not valid YAML: ${problem instanceof Error ? problem.message : problem}`,
    );
  }
}

function stripEmpty(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null && value !== ''));
}

const REQUIRED_FIELDS = ['title', 'source', 'date'] as const;

function validateMeta(
  data: Record<string, unknown>,
  schema: z.ZodType<DocumentMeta> = frontMatterSchema,
): DocumentMeta {
  const missing = REQUIRED_FIELDS.filter(
    (field) => schema === frontMatterSchema && data[field] === undefined,
  );
  if (missing.length > 0)
    throw new DocumentError(missing.map((field) => `front matter has no "${field}"`).join('; '));
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new DocumentError(formatIssues(parsed.error));
  return parsed.data;
}

/** A plain-text article may carry no date: it is then cited as undated rather than refused. */
const plainTextSchema = frontMatterSchema.extend({
  date: isoDate.optional().transform((date) => date ?? ''),
});

function titleFromFirstSentence(body: string): string | undefined {
  const first = splitSentences(body)[0];
  if (!first) return undefined;
  const sentence = body.slice(first.start, first.end).replace(/\s+/g, ' ');
  if (sentence.length <= MAX_TITLE_CHARS) return sentence;
  const cut = sentence.slice(0, MAX_TITLE_CHARS);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;:]$/, '')}…`;
}

function parsePlainText(
  file: string,
  source: string,
  defaults: MetadataDefaults,
): { meta: DocumentMeta; body: string } {
  const marker = PLAIN_DATE_MARKER.exec(source);
  const body = marker ? source.slice(marker[0].length) : source;
  const title = defaults.title ?? titleFromFirstSentence(body) ?? basename(file, extname(file));
  const meta = validateMeta(
    { source: 'unattributed', ...defaults, title, date: defaults.date ?? marker?.[1] },
    plainTextSchema,
  );
  return { meta, body };
}

/**
 * Parses one article file into a document with passages and sentence offsets.
 * Throws a `DocumentError` whose message explains what is wrong with the file.
 */
export function parseDocument(
  file: string,
  bytes: Uint8Array,
  defaults: MetadataDefaults = {},
): CorpusDocument {
  const extension = extname(file).toLowerCase();
  if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new DocumentError(
      `has an unsupported type (${extension || 'no extension'}); Dossier reads ${ARTICLE_EXTENSIONS.join(', ')}`,
    );
  }
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw new DocumentError(
      `is ${bytes.byteLength} bytes, over the ${MAX_DOCUMENT_BYTES}-byte limit for one article`,
    );
  }
  const source = decodeUtf8(bytes).replace(/^\uFEFF/, '');
  if (!source.trim())
    throw new DocumentError(bytes.byteLength === 0 ? 'is empty (0 bytes)' : 'is empty (only blank space)');
  const { meta, body } =
    extension === '.txt' ? parsePlainText(file, source, defaults) : parseMarkdown(source, defaults);
  const id = documentIdFor(file);
  const passages = splitPassages(id, body);
  if (passages.length === 0) throw new DocumentError('has no body text');
  return { ...meta, id, file, text: body, contentHash: bodyHash(body), passages };
}
