import { type BigIntStats, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isTempFile } from './durableFiles.ts';
import { sha256 } from './parseDocument.ts';

/**
 * A file modified less than this long before it was looked at may be modified again within the same tick of
 * its file system's clock, keeping its size and times: its stamp is not trusted to stand for its content.
 * An older file modified again gets a later modification time.
 */
const SETTLING_MS = 2000;

/**
 * Files looked at in one event-loop turn. A local file's stat takes microseconds, and through the promise API
 * each would cost a round trip to the thread pool several times that; batches keep every turn short for the
 * questions a serving bot answers meanwhile.
 */
const STATS_PER_TURN = 500;

/** What a look at every file of a corpus directory found, before any file was read. */
export interface CorpusStat {
  /** Changes whenever a file is added, removed, or written to (its size or times change). */
  fingerprint: string;
  /**
   * Each settled file's size, modification and change times, by path relative to the directory: while a
   * file's stamp is the same, so is its content (an edit moves its times, even one that restores the
   * modification time, since the change time cannot be set). Files written moments before have none.
   */
  stamps: Map<string, string>;
}

/** A file's size and times, or `undefined` when it is gone or cannot be looked at. */
function statQuietly(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true, throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Looks at every file of a corpus directory (its path, size and times) without reading any. When the
 * fingerprint still matches, a corpus loaded after it is current; a file edited during the load shows up as
 * a mismatch later, never as a false match. Returns `undefined` when the directory cannot be read.
 */
export async function statCorpus(dir: string): Promise<CorpusStat | undefined> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    const files = entries.filter((entry) => entry.isFile() && !isTempFile(entry.name));
    const settledBefore = BigInt(Date.now() - SETTLING_MS) * 1_000_000n;
    const stamps = new Map<string, string>();
    const lines: string[] = [];
    for (const [i, entry] of files.entries()) {
      if (i > 0 && i % STATS_PER_TURN === 0) await nextTurn();
      const path = join(entry.parentPath, entry.name);
      const file = relative(dir, path);
      const info = statQuietly(path);
      if (!info) {
        lines.push(`${file}\tgone`);
        continue;
      }
      const stamp = `${info.size}\t${info.mtimeNs}\t${info.ctimeNs}`;
      if (info.mtimeNs < settledBefore) stamps.set(file, stamp);
      lines.push(`${file}\t${stamp}`);
    }
    return { fingerprint: sha256(lines.sort().join('\n')), stamps };
  } catch {
    return undefined;
  }
}

/** The fingerprint of `statCorpus`, or `undefined` when the directory cannot be read. */
export async function corpusFingerprint(dir: string): Promise<string | undefined> {
  return (await statCorpus(dir))?.fingerprint;
}
