import { readFile } from 'node:fs/promises';
import { appendLineDurably } from '../corpus/durableFiles.ts';
import type { Actor } from './CorpusHistory.ts';

export type AuditAction = 'add' | 'replace' | 'remove' | 'restore' | 'reload';

/** A document version as the audit log identifies it. */
export interface AuditVersion {
  file: string;
  /** The document's content hash (body), as in `CorpusDocument.contentHash`. */
  contentHash: string;
  /** sha256 of the file's exact bytes. */
  sha256: string;
}

/** One line of the audit log: who did what, when, and the content before and after. */
export interface AuditRecord {
  at: string;
  actor: Actor;
  action: AuditAction;
  /** Absent for reloads, which concern the whole corpus. */
  docId?: string;
  /** The version that left the corpus (replace, remove), or `null` when there was none (add, restore). */
  before?: AuditVersion | null;
  /** The version that entered the corpus (add, replace, restore), or `null` (remove). */
  after?: AuditVersion | null;
  /** The history entry the change wrote (replace, remove) or read (restore). */
  historyEntry?: string;
  versionBefore: string;
  versionAfter: string;
  /** Reloads: whether the new corpus went live, and if not, why. */
  ok?: boolean;
  failure?: string;
  documents?: number;
  passages?: number;
  /**
   * Written when the store next opened, for a change a stopped process made on disk but could not record;
   * the rest of the record is what that process had set down before it began the change.
   */
  recovered?: true;
}

/**
 * The append-only audit log, one JSON object a line (`DATA_DIR/audit.jsonl`). Each line is written with one
 * append and synced, so a crash can cut short only the last line, which reading skips.
 */
export class AuditLog {
  constructor(readonly path: string) {}

  async append(record: AuditRecord): Promise<void> {
    await appendLineDurably(this.path, JSON.stringify(record));
  }

  /** Whether a record of this change (same time, action and document) is already in the log. */
  async holds(record: AuditRecord): Promise<boolean> {
    return (await this.records()).some(
      (other) => other.at === record.at && other.action === record.action && other.docId === record.docId,
    );
  }

  /** Every complete record, oldest first. */
  async records(): Promise<AuditRecord[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text.split('\n').flatMap((line) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as AuditRecord];
      } catch {
        return [];
      }
    });
  }
}
