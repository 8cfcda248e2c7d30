import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTempFiles, unlinkDurably } from '../corpus/durableFiles.ts';
import { listCorpusFiles } from '../corpus/loadCorpus.ts';
import { documentIdFor, sha256 } from '../corpus/parseDocument.ts';
import type { AuditLog, AuditRecord } from './AuditLog.ts';
import type { ChangeJournal } from './ChangeJournal.ts';
import type { CorpusHistory } from './CorpusHistory.ts';

/** What recovery did, for the log. */
export interface Recovery {
  removedTempFiles: string[];
  /** Old files of replacements that had been written but whose old file was still in place. */
  finishedReplacements: string[];
  /** Changes a stopped process made on disk without recording them: their audit lines, written now. */
  recoveredAuditLines: AuditRecord[];
  /** Changes a stopped process had begun but not made; what they had kept in history is gone again. */
  abandonedChanges: AuditRecord[];
}

/** Where recovery looks: the corpus, and the store's own files in the data directory. */
export interface RecoveryPlaces {
  corpusDir: string;
  dataDir: string;
  history: CorpusHistory;
  audit: AuditLog;
  journal: ChangeJournal;
}

async function bytesOf(path: string): Promise<Uint8Array | undefined> {
  return readFile(path).catch(() => undefined);
}

/** Whether the corpus holds what a change left: its new version in place, and its old one gone. */
async function changeMade(corpusDir: string, record: AuditRecord): Promise<boolean> {
  const { before, after } = record;
  if (before && before.file !== after?.file && (await bytesOf(join(corpusDir, before.file)))) return false;
  if (!after) return before !== undefined && before !== null;
  const bytes = await bytesOf(join(corpusDir, after.file));
  return bytes !== undefined && sha256(bytes) === after.sha256;
}

/**
 * A replacement in a new format that was written while its old file was still in place is finished by
 * removing the old file, but only when the old file's exact bytes are already in history.
 */
async function finishReplacements(corpusDir: string, history: CorpusHistory): Promise<string[]> {
  const finished: string[] = [];
  let files: string[];
  try {
    files = await listCorpusFiles(corpusDir);
  } catch {
    return finished;
  }
  const filesById = new Map<string, string[]>();
  for (const file of files) {
    const id = documentIdFor(file);
    filesById.set(id, [...(filesById.get(id) ?? []), file]);
  }
  for (const [docId, sameId] of filesById) {
    if (sameId.length < 2) continue;
    const newest = (await history.entries(docId)).find((entry) => entry.kind === 'replaced');
    if (!newest || !sameId.includes(newest.file)) continue;
    const bytes = await readFile(join(corpusDir, newest.file));
    if (sha256(bytes) !== newest.sha256) continue;
    await unlinkDurably(join(corpusDir, newest.file));
    finished.push(newest.file);
  }
  return finished;
}

/**
 * Tidies what a process killed mid-change left behind. Temporary files go: they never hold the only copy
 * of anything. Half-finished replacements are finished. Then each change the journal says was under way
 * is settled from what the disk holds: made, it gets the audit line it lacked, marked as recovered; not
 * made, the history entry it had begun to keep goes, since the live file still holds the same bytes.
 */
export async function recoverInterruptedChanges(places: RecoveryPlaces): Promise<Recovery> {
  const { corpusDir, dataDir, history, audit, journal } = places;
  const removedTempFiles = [...(await removeTempFiles(corpusDir)), ...(await removeTempFiles(dataDir, true))];
  const finishedReplacements = await finishReplacements(corpusDir, history);
  const recoveredAuditLines: AuditRecord[] = [];
  const abandonedChanges: AuditRecord[] = [];
  for (const pending of await journal.interrupted()) {
    const { record, archived } = pending;
    if (await changeMade(corpusDir, record)) {
      if (!(await audit.holds(record))) {
        const recovered: AuditRecord = { ...record, recovered: true };
        await audit.append(recovered);
        recoveredAuditLines.push(recovered);
      }
    } else {
      const live = record.before && (await bytesOf(join(corpusDir, record.before.file)));
      if (archived && live) await history.discard(archived, live);
      abandonedChanges.push(record);
    }
    await journal.end(pending);
  }
  return { removedTempFiles, finishedReplacements, recoveredAuditLines, abandonedChanges };
}
