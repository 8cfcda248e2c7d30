import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { syncDirectory, writeFileDurably } from '../corpus/durableFiles.ts';
import { faultPoint } from '../corpus/faultPoints.ts';
import { sha256 } from '../corpus/parseDocument.ts';
import type { CorpusDocument } from '../corpus/types.ts';

/** Who made a change: a Discord user (snowflake id and name), or `cli:<user>`, `watch`, `startup`. */
export interface Actor {
  id: string;
  name: string;
}

/** Why a version of a document left the live corpus. */
export type HistoryKind = 'replaced' | 'removed';

/** What the history records about a version besides its bytes; invalid files carry their file name as title. */
export interface ArchivedVersion {
  docId: string;
  /** Where the file lived, relative to the corpus directory; `restore` puts it back there. */
  file: string;
  title: string;
  source: string;
  date: string;
  passages: number;
  /** The document's content hash (body), as in `CorpusDocument.contentHash`. */
  contentHash: string;
}

/** The history's description of a loaded document. */
export function archivedVersionOf(document: CorpusDocument): ArchivedVersion {
  const { id, file, title, source, date, contentHash } = document;
  return { docId: id, file, title, source, date, contentHash, passages: document.passages.length };
}

/** One retained version of a document: its original bytes sit beside this record, untouched. */
export interface HistoryEntry extends ArchivedVersion {
  /** `${docId}@${stamp}`: what `restore` accepts, besides a bare document id. */
  id: string;
  kind: HistoryKind;
  /** ISO time the version left the corpus. */
  at: string;
  actor: Actor;
  /** sha256 of the exact bytes kept. */
  sha256: string;
  bytes: number;
}

const RECORD_SUFFIX = '.json';

/** What `documentIdFor` produces; anything else, such as `../`, names no folder of the history. */
const DOCUMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function stampOf(date: Date): string {
  // Sortable and safe in file names on every platform.
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * The retained history of the corpus under `DATA_DIR/history/<docId>/`: each version that left the corpus
 * as `<stamp>-<kind><ext>` (the original bytes) and `<stamp>-<kind><ext>.json` (this record). The bytes are
 * written and synced before the record, and the record before the live file is touched, so an entry that is
 * listed always has its bytes, and a version is never only in a file being removed.
 */
export class CorpusHistory {
  constructor(readonly dir: string) {}

  /**
   * Works out the entry that keeping a version would write, without writing it, so the change can be
   * recorded as intended before anything is written.
   */
  async plan(
    version: ArchivedVersion,
    bytes: Uint8Array,
    kind: HistoryKind,
    actor: Actor,
    now = new Date(),
  ): Promise<HistoryEntry> {
    const extension = extname(version.file).toLowerCase();
    const taken = new Set(await this.names(join(this.dir, version.docId)));
    let name = `${stampOf(now)}-${kind}${extension}`;
    for (let n = 2; taken.has(name) || taken.has(`${name}${RECORD_SUFFIX}`); n++) {
      name = `${stampOf(now)}-${n}-${kind}${extension}`;
    }
    return {
      ...version,
      id: `${version.docId}@${name.slice(0, name.length - extension.length)}`,
      kind,
      at: now.toISOString(),
      actor,
      sha256: sha256(bytes),
      bytes: bytes.byteLength,
    };
  }

  /** Keeps a copy of a document's bytes as a planned entry, durably, before it leaves the live corpus. */
  async write(entry: HistoryEntry, bytes: Uint8Array): Promise<HistoryEntry> {
    const path = this.bytesPath(entry);
    await writeFileDurably(path, bytes);
    faultPoint('history:bytes-written');
    await writeFileDurably(`${path}${RECORD_SUFFIX}`, Buffer.from(JSON.stringify(entry, null, 2)));
    return entry;
  }

  /**
   * Deletes what was written of a planned entry whose change never happened, record first, so a listed
   * entry never lacks its bytes. Only when `stillLive` holds the same bytes: then nothing is lost.
   */
  async discard(entry: HistoryEntry, stillLive: Uint8Array): Promise<boolean> {
    if (sha256(stillLive) !== entry.sha256) return false;
    const path = this.bytesPath(entry);
    // Killed before its first byte was written, the entry has not even a folder to tidy.
    if ((await this.names(dirname(path))).length === 0) return true;
    await rm(`${path}${RECORD_SUFFIX}`, { force: true });
    await rm(path, { force: true });
    await syncDirectory(dirname(path));
    return true;
  }

  /** Every complete entry, newest first; for one document when `docId` is given. */
  async entries(docId?: string): Promise<HistoryEntry[]> {
    if (docId !== undefined && !DOCUMENT_ID.test(docId)) return [];
    const docIds = docId === undefined ? await this.names(this.dir) : [docId];
    const lists = await Promise.all(docIds.map((id) => this.entriesOf(id)));
    return lists.flat().sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  }

  /** An entry by its id (`docId@stamp`), or the newest entry of a document id. */
  async find(target: string): Promise<HistoryEntry | undefined> {
    const docId = target.includes('@') ? target.slice(0, target.indexOf('@')) : target;
    const entries = await this.entries(docId);
    return target.includes('@') ? entries.find((entry) => entry.id === target) : entries[0];
  }

  /** The kept bytes of an entry, checked against the hash recorded when they were archived. */
  async read(entry: HistoryEntry): Promise<Uint8Array> {
    const bytes = await readFile(this.bytesPath(entry));
    if (sha256(bytes) !== entry.sha256) {
      throw new Error(`history: ${entry.id}: the kept file does not match its recorded hash`);
    }
    return bytes;
  }

  private bytesPath(entry: HistoryEntry): string {
    const stem = entry.id.slice(entry.docId.length + 1);
    return join(this.dir, entry.docId, `${stem}${extname(entry.file).toLowerCase()}`);
  }

  private async entriesOf(docId: string): Promise<HistoryEntry[]> {
    const names = await this.names(join(this.dir, docId));
    const records = names.filter((name) => name.endsWith(RECORD_SUFFIX));
    const entries = await Promise.all(
      records.map(async (name) => {
        try {
          return JSON.parse(await readFile(join(this.dir, docId, name), 'utf8')) as HistoryEntry;
        } catch {
          return undefined;
        }
      }),
    );
    return entries.filter((entry): entry is HistoryEntry => entry?.docId === docId);
  }

  private async names(dir: string): Promise<string[]> {
    try {
      return (await readdir(dir)).filter((name) => !name.startsWith('.'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
