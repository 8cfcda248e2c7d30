import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileDurably } from '../corpus/durableFiles.ts';
import type { Corpus } from '../corpus/types.ts';
import { PassageIndex } from './PassageIndex.ts';

/** Snapshots kept besides the current one, so a rollback to a recent corpus is instant too. */
const SNAPSHOTS_KEPT = 3;

export interface OpenedIndex {
  index: PassageIndex;
  /** Whether the index came from a snapshot rather than a fresh build. */
  fromSnapshot: boolean;
  snapshotBytes?: number;
}

/** Removes all but the few most recently written snapshots (`.json` files) in `dir`. */
export async function pruneSnapshots(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  const snapshots = await Promise.all(
    names.map(async (name) => ({ name, modified: (await stat(join(dir, name))).mtimeMs })),
  );
  snapshots.sort((a, b) => b.modified - a.modified);
  await Promise.all(snapshots.slice(SNAPSHOTS_KEPT).map(({ name }) => rm(join(dir, name), { force: true })));
}

/**
 * Loads the index for a corpus from its snapshot in `snapshotDir` when one matches the corpus content,
 * or builds it and saves a snapshot. Without `snapshotDir` it always builds. A snapshot that is stale or
 * unreadable is ignored, never trusted.
 */
export async function openIndex(corpus: Corpus, snapshotDir?: string): Promise<OpenedIndex> {
  if (!snapshotDir) return { index: PassageIndex.build(corpus), fromSnapshot: false };
  const path = join(snapshotDir, `${PassageIndex.snapshotKey(corpus)}.json`);
  try {
    const json = await readFile(path, 'utf8');
    const index = await PassageIndex.fromSnapshot(corpus, json);
    if (index) return { index, fromSnapshot: true, snapshotBytes: Buffer.byteLength(json) };
  } catch {
    // No snapshot yet, or a damaged one: rebuilding is always correct.
  }
  const index = PassageIndex.build(corpus);
  const json = index.toSnapshot();
  try {
    await mkdir(snapshotDir, { recursive: true });
    await writeFileDurably(path, Buffer.from(json));
    await pruneSnapshots(snapshotDir);
  } catch {
    // A read-only data directory only costs the next start a rebuild.
  }
  return { index, fromSnapshot: false, snapshotBytes: Buffer.byteLength(json) };
}
