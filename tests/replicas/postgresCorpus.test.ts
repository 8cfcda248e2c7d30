import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/corpus/parseDocument.ts';
import { openDatabase } from '../../src/postgres/openDatabase.ts';
import { PostgresCorpus, publishFiles } from '../../src/postgres/PostgresCorpus.ts';
import { type CorpusStore, WATCH_ACTOR } from '../../src/store/CorpusStore.ts';
import {
  MODERATOR,
  makeStoreDirs,
  openStore,
  STORE_UPLOADS,
  type StoreDirs,
  snapshotFiles,
  uploadOf,
} from '../corpus-store/storeFixture.ts';
import { useTestDatabases } from '../postgres/usePostgres.ts';

const logger = pino({ level: 'silent' });
const { createDatabase, onCleanup } = useTestDatabases('corpus');

/**
 * One replica's corpus store, in this process: its own folders (or `dirs`), its own connection pool to the
 * database, and following the shared corpus as the bot does unless `follow` is false.
 */
async function replica(url: string, dirs?: StoreDirs, follow = true) {
  const own = dirs ?? (await makeStoreDirs());
  onCleanup(() => own.remove());
  const database = await openDatabase(url, logger);
  onCleanup(() => database.close());
  const shared = await PostgresCorpus.open(database.sql, own, logger);
  const store = await openStore(own, { shared });
  if (follow) await shared.follow(store);
  onCleanup(async () => {
    await shared.close();
    await store.close();
  });
  return { store, dirs: own, database };
}

function ids(store: CorpusStore): string[] {
  return store.list().map((document) => document.id);
}

describe('the shared corpus, two replicas in one process', () => {
  it('lets a replica restore an article another replica removed, from the history they share', async () => {
    const url = await createDatabase();
    const first = await replica(url);
    const second = await replica(url);
    const docId = ids(first.store)[0] ?? '';
    expect(ids(second.store)).toContain(docId);

    const removed = await first.store.remove(docId, MODERATOR);
    await expect.poll(() => ids(second.store), { timeout: 60_000 }).not.toContain(docId);
    expect(await second.store.removedDocuments()).toEqual([removed.entry]);

    const restored = await second.store.restore(docId, MODERATOR);
    expect(restored.entry.id).toBe(removed.entry.id);
    await expect.poll(() => ids(first.store), { timeout: 60_000 }).toContain(docId);
    // Both replicas' audit logs hold both changes, each once.
    for (const { store } of [first, second]) {
      const records = await store.audit.records();
      expect(records.map((record) => `${record.action} ${record.docId}`)).toEqual([
        `remove ${docId}`,
        `restore ${docId}`,
      ]);
    }
  });

  it("keeps in the database the files only a joining replica's folder held, and serves the shared version", async () => {
    const url = await createDatabase();
    const first = await replica(url);
    const own = await makeStoreDirs();
    const handEdited = (await readdir(own.corpusDir)).sort()[0] ?? '';
    const editedBytes = Buffer.concat([
      await readFile(join(own.corpusDir, handEdited)),
      Buffer.from('\nA paragraph an editor added by hand on one machine only.\n'),
    ]);
    await writeFile(join(own.corpusDir, handEdited), editedBytes);
    const extraBytes = await readFile(join(STORE_UPLOADS, 'detention-figures.md'));
    await writeFile(join(own.corpusDir, 'detention-figures.md'), extraBytes);

    const second = await replica(url, own);
    expect(await snapshotFiles(own.corpusDir)).toEqual(await snapshotFiles(first.dirs.corpusDir));
    expect(ids(second.store)).toEqual(ids(first.store));
    const kept = await second.database.sql`
      SELECT r.file_name, b.bytes FROM corpus_refused_uploads r JOIN corpus_blobs b USING (sha256)
      ORDER BY r.file_name`;
    expect(kept.map((row) => [row.file_name, Buffer.from(row.bytes)])).toEqual(
      [
        [handEdited, editedBytes],
        ['detention-figures.md', extraBytes],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  });

  it('shares a folder edited by hand when a moderator reloads it', async () => {
    const url = await createDatabase();
    const editing = await replica(url);
    const other = await replica(url);
    await copyFile(
      join(STORE_UPLOADS, 'detention-figures.md'),
      join(editing.dirs.corpusDir, 'detention-figures.md'),
    );

    const report = await editing.store.reload(MODERATOR);
    expect(report).toMatchObject({ ok: true, unchanged: false, added: [{ id: 'detention-figures' }] });
    expect(report.adopted).toBeUndefined();
    await expect.poll(() => ids(other.store), { timeout: 60_000 }).toContain('detention-figures');
    expect((await other.store.audit.records()).map((record) => record.action)).toEqual(['reload']);
  });

  it('does not report again a change another replica made in a folder both replicas share', async () => {
    const url = await createDatabase();
    const changing = await replica(url);
    // A second replica on the same folder (shared storage) with a data folder of its own, which only learns of
    // the change from the folder, as its watcher would.
    const watching = await replica(
      url,
      { ...changing.dirs, dataDir: join(changing.dirs.root, 'watching') },
      false,
    );
    await changing.store.add(await uploadOf('detention-figures.md'), MODERATOR);

    const report = await watching.store.reload(WATCH_ACTOR, { trigger: 'watch' });
    expect(report).toMatchObject({ ok: true, unchanged: false, adopted: true });
    expect(ids(watching.store)).toContain('detention-figures');
    expect((await watching.store.audit.records()).map((record) => record.action)).toEqual(['add']);
    const [versions] = await changing.database.sql`SELECT count(*)::int AS n FROM corpus_versions`;
    expect(versions?.n).toBe(2);
  });

  it('keeps answering from the version it has when a new one cannot be loaded, and says why in its status', async () => {
    const url = await createDatabase();
    const { store, database } = await replica(url);
    const serving = ids(store);
    const note = Buffer.from('Notes for the editors, with no front matter.\n');
    const imported = await publishFiles(
      database.sql,
      [{ file: 'editors-notes.md', bytes: note, sha256: sha256(note) }],
      { action: 'import', actor: { id: 'cli:editor', name: 'cli:editor' } },
      'any',
    );
    expect(imported).toEqual({ kind: 'created', version: 2 });

    await expect
      .poll(async () => (await store.status()).shared, { timeout: 60_000 })
      .toEqual({
        version: 2,
        live: 2,
        failure: expect.stringMatching(/^version 2: .*no valid/),
      });
    expect(ids(store)).toEqual(serving);
  });

  it('imports nothing from a corpus folder that does not exist, so a mistyped CORPUS_DIR is not shared', async () => {
    const url = await createDatabase();
    const database = await openDatabase(url, logger);
    onCleanup(() => database.close());
    const dirs = await makeStoreDirs();
    onCleanup(() => dirs.remove());
    const missing = join(dirs.root, 'no-such-folder');
    await expect(
      PostgresCorpus.open(database.sql, { corpusDir: missing, dataDir: missing }, logger),
    ).rejects.toThrow(`${missing} is not a folder, and the database holds no corpus yet to fill it from`);
    expect(await database.sql`SELECT version FROM corpus_live`).toHaveLength(0);
  });

  it('refuses a change while the database does not answer, changing nothing on the replica', async () => {
    const url = await createDatabase();
    const { store, dirs, database } = await replica(url);
    const before = await snapshotFiles(dirs.corpusDir);
    await database.sql.end({ timeout: 5 });

    await expect(store.add(await uploadOf('detention-figures.md'), MODERATOR)).rejects.toMatchObject({
      code: 'offline',
      message: expect.stringMatching(
        /^the shared database did not take the change \(.+\); try again once it answers$/,
      ),
    });
    expect(await snapshotFiles(dirs.corpusDir)).toEqual(before);
    expect(ids(store)).not.toContain('detention-figures');
  });

  it('starts a replica from the index snapshot another replica shared, instead of building its own', async () => {
    const url = await createDatabase();
    const first = await replica(url);
    const shared = async () =>
      (await first.database.sql`SELECT count(*)::int AS n FROM index_snapshots`)[0]?.n as number;
    await expect.poll(shared, { timeout: 60_000 }).toBe(1);

    // A new machine: its data folder holds no snapshot of its own.
    const second = await replica(url);
    expect((await second.store.status()).index.fromSnapshot).toBe(true);
    expect(ids(second.store)).toEqual(ids(first.store));
  });
});
