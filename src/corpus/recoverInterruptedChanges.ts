import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusHistory } from './CorpusHistory.ts';
import { removeTempFiles, unlinkDurably } from './durableFiles.ts';
import { listCorpusFiles } from './loadCorpus.ts';
import { documentIdFor, sha256 } from './parseDocument.ts';

/** What recovery did, for the log. */
export interface Recovery {
  removedTempFiles: string[];
  /** Old files of replacements that had been written but whose old file was still in place. */
  finishedReplacements: string[];
}

/**
 * Tidies what a process killed mid-change left behind. Temporary files go: they never hold the only copy
 * of anything. A replacement in a new format that was written while its old file was still in place is
 * finished by removing the old file, but only when the old file's exact bytes are already in history.
 */
export async function recoverInterruptedChanges(
  corpusDir: string,
  history: CorpusHistory,
): Promise<Recovery> {
  const removedTempFiles = [...(await removeTempFiles(corpusDir)), ...(await removeTempFiles(history.dir))];
  const finishedReplacements: string[] = [];
  let files: string[];
  try {
    files = await listCorpusFiles(corpusDir);
  } catch {
    return { removedTempFiles, finishedReplacements };
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
    finishedReplacements.push(newest.file);
  }
  return { removedTempFiles, finishedReplacements };
}
