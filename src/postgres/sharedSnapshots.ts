import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Sql } from 'postgres';
import { pathExists, writeFileDurably } from '../corpus/durableFiles.ts';

/** Snapshots are kept for the live version and the few before it; older ones only take room. */
const VERSIONS_KEPT = 3;

/**
 * Writes into `snapshotDir` the index snapshots another replica shared for `version`, so the store loads the
 * index instead of building it. A snapshot that does not match what this replica reads is ignored when loaded,
 * as a stale local one is. Returns how many were written.
 */
export async function fetchSharedSnapshots(sql: Sql, version: number, snapshotDir: string): Promise<number> {
  const names = await sql`SELECT name FROM index_snapshots WHERE version = ${version}`;
  if (names.length > 0) await mkdir(snapshotDir, { recursive: true });
  let written = 0;
  for (const { name } of names) {
    const path = join(snapshotDir, basename(name as string));
    if (await pathExists(path)) continue;
    const [row] = await sql`SELECT bytes FROM index_snapshots WHERE version = ${version} AND name = ${name}`;
    if (!row) continue;
    await writeFileDurably(path, row.bytes as Uint8Array);
    written++;
  }
  return written;
}

/** Shares the snapshot at `path` as the one built for `version`, unless it is shared already. */
export async function shareSnapshot(sql: Sql, version: number, path: string): Promise<boolean> {
  const name = basename(path);
  const [known] = await sql`SELECT 1 FROM index_snapshots WHERE version = ${version} AND name = ${name}`;
  if (known) return false;
  const bytes = await readFile(path).catch(() => undefined);
  if (!bytes) return false;
  await sql`
    INSERT INTO index_snapshots (version, name, bytes) VALUES (${version}, ${name}, ${bytes})
    ON CONFLICT DO NOTHING`;
  await sql`DELETE FROM index_snapshots WHERE version <= ${version - VERSIONS_KEPT}`;
  return true;
}
