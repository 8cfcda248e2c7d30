import { z } from 'zod';
import { MalformedPostingsError } from './InvertedIndex.ts';
import type { IndexSnapshot } from './PassageIndex.ts';

/**
 * The first bytes of a snapshot file. Then: the header's length (uint32, little-endian), the header (JSON),
 * and the sections it lists, each starting on an 8-byte boundary so typed arrays can view the file in place.
 */
const MAGIC = new TextEncoder().encode('DOSSIER-INDEX\n\0\0');
const ALIGNMENT = 8;
/** Headers hold the acronym aliases and section sizes: kilobytes, never more than this. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

const SECTIONS = ['terms', 'termStarts', 'postingPassages', 'postingFrequencies', 'lengths'] as const;
type SectionName = (typeof SECTIONS)[number];

const HEADER = z.object({
  format: z.string(),
  corpusVersion: z.string(),
  aliases: z.array(z.tuple([z.string(), z.array(z.string())])),
  averageLength: z.number().nonnegative(),
  sections: z.array(z.object({ name: z.enum(SECTIONS), bytes: z.number().int().nonnegative() })),
});

const padding = (length: number) => (ALIGNMENT - (length % ALIGNMENT)) % ALIGNMENT;

function bytesOf(array: Uint8Array | Uint16Array | Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * A snapshot as a list of byte chunks to write one after another: the postings are written straight from the
 * index's typed arrays, never gathered into one string or buffer, so a snapshot of any size can be saved.
 */
export function encodeSnapshot(snapshot: IndexSnapshot): Uint8Array[] {
  const { postings } = snapshot;
  const sections: Record<SectionName, Uint8Array> = {
    terms: new TextEncoder().encode(postings.terms.join('\n')),
    termStarts: bytesOf(postings.termStarts),
    postingPassages: bytesOf(postings.postingPassages),
    postingFrequencies: bytesOf(postings.postingFrequencies),
    lengths: bytesOf(postings.lengths),
  };
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: snapshot.format,
      corpusVersion: snapshot.corpusVersion,
      aliases: snapshot.aliases,
      averageLength: postings.averageLength,
      sections: SECTIONS.map((name) => ({ name, bytes: sections[name].byteLength })),
    } satisfies z.infer<typeof HEADER>),
  );
  const headerLength = new Uint8Array(4);
  new DataView(headerLength.buffer).setUint32(0, header.byteLength, true);
  const chunks: Uint8Array[] = [
    MAGIC,
    headerLength,
    header,
    new Uint8Array(padding(MAGIC.length + 4 + header.byteLength)),
  ];
  for (const name of SECTIONS)
    chunks.push(sections[name], new Uint8Array(padding(sections[name].byteLength)));
  return chunks.filter((chunk) => chunk.byteLength > 0);
}

/** Total size of a snapshot's chunks, in bytes. */
export function snapshotBytes(chunks: readonly Uint8Array[]): number {
  return chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
}

/** A typed array over `bytes` in place when it is aligned, or over a copy when it is not. */
function view<T>(
  bytes: Uint8Array,
  make: (buffer: ArrayBuffer, offset: number, length: number) => T,
  width: number,
): T {
  if (bytes.byteLength % width !== 0)
    throw new MalformedPostingsError('index snapshot: a section is cut short');
  const aligned = bytes.byteOffset % width === 0 ? bytes : bytes.slice();
  return make(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / width);
}

/**
 * Reads a snapshot written by `encodeSnapshot`. The postings view `bytes` without copying; throws
 * `MalformedPostingsError` for anything else (a truncated file, another format, a damaged header).
 */
export function decodeSnapshot(bytes: Uint8Array): IndexSnapshot {
  const malformed = (what: string) => new MalformedPostingsError(`index snapshot: ${what}`);
  if (bytes.byteLength < MAGIC.length + 4 || !MAGIC.every((byte, i) => bytes[i] === byte)) {
    throw malformed('not a Dossier index snapshot');
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset + MAGIC.length, 4).getUint32(0, true);
  let offset = MAGIC.length + 4;
  if (headerLength > MAX_HEADER_BYTES || offset + headerLength > bytes.byteLength)
    throw malformed('header cut short');
  let header: z.infer<typeof HEADER>;
  try {
    header = HEADER.parse(
      JSON.parse(new TextDecoder().decode(bytes.subarray(offset, offset + headerLength))),
    );
  } catch {
    throw malformed('damaged header');
  }
  offset += headerLength + padding(offset + headerLength);
  const sections = new Map<SectionName, Uint8Array>();
  for (const { name, bytes: length } of header.sections) {
    if (offset + length > bytes.byteLength || sections.has(name))
      throw malformed(`section ${name} cut short or repeated`);
    sections.set(name, bytes.subarray(offset, offset + length));
    offset += length + padding(length);
  }
  const section = (name: SectionName) => {
    const found = sections.get(name);
    if (!found) throw malformed(`no ${name} section`);
    return found;
  };
  const terms = new TextDecoder().decode(section('terms'));
  return {
    format: header.format,
    corpusVersion: header.corpusVersion,
    aliases: header.aliases,
    postings: {
      terms: terms === '' ? [] : terms.split('\n'),
      termStarts: view(section('termStarts'), (b, o, l) => new Uint32Array(b, o, l), 4),
      postingPassages: view(section('postingPassages'), (b, o, l) => new Uint32Array(b, o, l), 4),
      postingFrequencies: view(section('postingFrequencies'), (b, o, l) => new Uint16Array(b, o, l), 2),
      lengths: view(section('lengths'), (b, o, l) => new Uint32Array(b, o, l), 4),
      averageLength: header.averageLength,
    },
  };
}
