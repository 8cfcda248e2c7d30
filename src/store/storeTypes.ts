import type { CorpusProblem, DocumentMeta } from '../corpus/types.ts';
import type { AuditAction, AuditRecord } from './AuditLog.ts';
import type { ChangeReport, DocumentSummary } from './ChangeReport.ts';
import type { Actor, HistoryEntry } from './CorpusHistory.ts';

// What the corpus store is given and gives back: results of its changes, its status, and the interface of the
// shared store (PostgreSQL) it commits changes to when replicas share one corpus.

/** A validated change as a shared store records it: the files it writes and removes, and why. */
export interface SharedChange {
  record: AuditRecord;
  /** Paths relative to the corpus directory. */
  written: Array<{ file: string; bytes: Uint8Array }>;
  removed: string[];
  /** The version that left the corpus (replace, remove), kept in history. */
  archived?: { entry: HistoryEntry; bytes: Uint8Array };
}

/** Which shared version this replica serves, for `status`. */
export interface SharedCorpusStatus {
  /** The version in the corpus folder; `live` when this replica is up to date. */
  version: number;
  live: number;
  /** Why the newest version could not be loaded here, while the previous one keeps answering. */
  failure?: string;
}

/**
 * The corpus every replica shares (PostgreSQL). A change is committed there after it is validated here and
 * before anything is written here; other replicas then bring their folders up to date and re-index.
 */
export interface SharedCorpus {
  /** Commits a change; throws `CorpusStoreError` ('moved') when the shared corpus changed since this replica last read it. */
  commit(change: SharedChange): Promise<void>;
  /**
   * Commits the corpus folder as it is after a reload (files edited by hand, or by the watcher's copy).
   * Returns false when it already is the shared version: another replica's change, not a new one.
   */
  publishFolder(record: AuditRecord): Promise<boolean>;
  status(): Promise<SharedCorpusStatus>;
}

/** What the store is doing right now, for "a reload is already running" replies. */
export interface StoreActivity {
  action: AuditAction;
  actor: Actor;
  since: Date;
  /** Operations waiting behind this one. */
  waiting: number;
}

export interface AddResult {
  document: DocumentSummary;
  /** The new document's first paragraph, verbatim. */
  firstParagraph: string;
  /** Options the file overrode because its own metadata already has them. */
  ignoredOptions: Array<keyof DocumentMeta>;
  report: ChangeReport;
}

export interface ReplaceResult extends AddResult {
  /** Where the version it replaced is kept. */
  previous: HistoryEntry;
}

export interface RemoveResult {
  /** Where the removed document is kept; `restore` accepts its id or the document id. */
  entry: HistoryEntry;
  report: ChangeReport;
}

export interface RestoreResult {
  document: DocumentSummary;
  firstParagraph: string;
  /** The history entry it came back from (it stays in history). */
  entry: HistoryEntry;
  report: ChangeReport;
}

/** What `status` shows moderators. */
export interface CorpusStatus {
  corpusDir: string;
  version: string;
  documents: number;
  passages: number;
  /** Article dates, earliest and latest. */
  dateRange?: { first: string; last: string };
  invalid: CorpusProblem[];
  /** When the live index was last swapped in, and who triggered it. */
  lastRefresh: { at: string; by: string };
  /** The newest audit record: the last change anyone made. */
  lastChange?: AuditRecord;
  index: {
    terms: number;
    passages: number;
    snapshotBytes?: number;
    /** Whether the live index was restored from a saved snapshot rather than built. */
    fromSnapshot?: boolean;
  };
  history: { entries: number; removedDocuments: number };
  activity?: StoreActivity;
  /** With a shared store: the shared version this replica serves. */
  shared?: SharedCorpusStatus;
}
