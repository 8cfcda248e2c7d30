import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning, syncDirectory, writeFileDurably } from '../corpus/durableFiles.ts';
import { faultPoint } from '../corpus/faultPoints.ts';
import type { AuditRecord } from './AuditLog.ts';
import type { HistoryEntry } from './CorpusHistory.ts';

/** A change as it was set down before its first write: its audit record, and the history entry it keeps. */
export interface PendingChange {
  record: AuditRecord;
  /** The entry a replace or remove writes to history; a restore only reads one. */
  archived?: HistoryEntry;
}

/** A change set down in the journal, to be ended once its audit line is written. */
export interface JournalEntry extends PendingChange {
  path: string;
}

const SUFFIX = '.json';

/**
 * The changes in progress, one file a process under `DATA_DIR/changes/` (`<pid>.json`). A change is set
 * down here, durably, before it writes anything, and its file goes once its audit line is written; so when a
 * process is killed in between, the next start finds what it was doing and can write the missing line.
 */
export class ChangeJournal {
  constructor(readonly dir: string) {}

  /** Sets a change down before its first write. */
  async begin(change: PendingChange): Promise<JournalEntry> {
    const path = join(this.dir, `${process.pid}${SUFFIX}`);
    await mkdir(this.dir, { recursive: true });
    await writeFileDurably(path, Buffer.from(JSON.stringify(change)));
    faultPoint('journal:begun');
    return { ...change, path };
  }

  /** Ends a change whose audit line is written. */
  async end(entry: JournalEntry): Promise<void> {
    await rm(entry.path, { force: true });
    await syncDirectory(this.dir);
  }

  /**
   * Changes that processes no longer running left unfinished. This process's own id counts as stopped: it is
   * asked before this process begins any change, and a service restarted in a container often gets the id
   * its killed predecessor had.
   */
  async interrupted(): Promise<JournalEntry[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const stopped = (pid: number) => pid === process.pid || !isRunning(pid);
    const entries = await Promise.all(
      names
        .filter((name) => name.endsWith(SUFFIX) && stopped(Number(name.slice(0, -SUFFIX.length))))
        .map(async (name): Promise<JournalEntry | undefined> => {
          const path = join(this.dir, name);
          try {
            return { ...(JSON.parse(await readFile(path, 'utf8')) as PendingChange), path };
          } catch {
            // Not a journal file Dossier wrote (those are renamed into place whole): nothing to finish.
            await rm(path, { force: true });
            return undefined;
          }
        }),
    );
    return entries.filter((entry): entry is JournalEntry => entry !== undefined);
  }
}
