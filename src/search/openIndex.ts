import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeChunksDurably } from '../corpus/durableFiles.ts';
import type { Corpus } from '../corpus/types.ts';
import { type IndexSnapshot, PassageIndex } from './PassageIndex.ts';
import { decodeSnapshot, encodeSnapshot, snapshotBytes } from './snapshotFile.ts';

/** Snapshots kept besides the current one, so a rollback to a recent corpus is instant too. */
const SNAPSHOTS_KEPT = 3;
const SNAPSHOT_EXTENSION = '.idx';
/** Snapshots of earlier versions of Dossier: never loaded, pruned like the others as they age. */
const OLD_SNAPSHOT_EXTENSION = '.json';

export interface OpenedIndex {
  index: PassageIndex;
  /** Whether the index came from a snapshot rather than a fresh build. */
  fromSnapshot: boolean;
  snapshotBytes?: number;
}

/** Removes all but the few most recently written snapshots (`.idx` files, and `.json` ones of older versions) in `dir`. */
export async function pruneSnapshots(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter(
    (name) => name.endsWith(SNAPSHOT_EXTENSION) || name.endsWith(OLD_SNAPSHOT_EXTENSION),
  );
  const snapshots = await Promise.all(
    names.map(async (name) => ({ name, modified: (await stat(join(dir, name))).mtimeMs })),
  );
  snapshots.sort((a, b) => b.modified - a.modified);
  await Promise.all(snapshots.slice(SNAPSHOTS_KEPT).map(({ name }) => rm(join(dir, name), { force: true })));
}

/** Where the snapshot of a corpus is kept in `snapshotDir`. */
export function snapshotPath(snapshotDir: string, corpus: Corpus): string {
  return join(snapshotDir, `${PassageIndex.snapshotKey(corpus)}${SNAPSHOT_EXTENSION}`);
}

/**
 * The snapshot saved for a corpus, decoded, if there is one and it was made for this corpus by this code.
 * Its postings are checked as the index is restored from them.
 */
async function readSnapshot(
  corpus: Corpus,
  snapshotDir: string,
): Promise<{ snapshot: IndexSnapshot; bytes: number } | undefined> {
  try {
    const bytes = await readFile(snapshotPath(snapshotDir, corpus));
    const snapshot = decodeSnapshot(bytes);
    if (!PassageIndex.isSnapshotOf(snapshot, corpus)) return undefined;
    return { snapshot, bytes: bytes.byteLength };
  } catch {
    // No snapshot yet, or a damaged one: rebuilding is always correct.
    return undefined;
  }
}

/** Builds the index and saves its snapshot; returns the index and the snapshot's size in bytes. */
async function buildAndSave(
  corpus: Corpus,
  snapshotDir: string,
): Promise<{ index: PassageIndex; bytes: number }> {
  const index = PassageIndex.build(corpus);
  const chunks = encodeSnapshot(index.snapshot());
  try {
    await mkdir(snapshotDir, { recursive: true });
    await writeChunksDurably(snapshotPath(snapshotDir, corpus), chunks);
    await pruneSnapshots(snapshotDir);
  } catch {
    // A read-only data directory only costs the next start a rebuild.
  }
  return { index, bytes: snapshotBytes(chunks) };
}

/**
 * Loads the index for a corpus from its snapshot in `snapshotDir` when one matches the corpus content,
 * or builds it and saves a snapshot. Without `snapshotDir` it always builds. A snapshot that is stale or
 * unreadable is ignored, never trusted.
 */
export async function openIndex(corpus: Corpus, snapshotDir?: string): Promise<OpenedIndex> {
  if (!snapshotDir) return { index: PassageIndex.build(corpus), fromSnapshot: false };
  const saved = await readSnapshot(corpus, snapshotDir);
  const index = saved && (await PassageIndex.fromSnapshot(corpus, saved.snapshot).catch(() => undefined));
  if (saved && index) return { index, fromSnapshot: true, snapshotBytes: saved.bytes };
  const built = await buildAndSave(corpus, snapshotDir);
  return { index: built.index, fromSnapshot: false, snapshotBytes: built.bytes };
}
