import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Sql, TransactionSql } from 'postgres';
import { isDirectory, unlinkDurably, writeFileDurably } from '../corpus/durableFiles.ts';
import { faultPoint } from '../corpus/faultPoints.ts';
import { CorpusError, listCorpusFiles } from '../corpus/loadCorpus.ts';
import { sha256 } from '../corpus/parseDocument.ts';
import { snapshotPath } from '../search/openIndex.ts';
import type { AuditRecord } from '../store/AuditLog.ts';
import type { Actor } from '../store/CorpusHistory.ts';
import { type CorpusStore, STARTUP_ACTOR, storeRecords } from '../store/CorpusStore.ts';
import { CorpusStoreError } from '../store/CorpusStoreError.ts';
import type { SharedChange, SharedCorpus, SharedCorpusStatus } from '../store/storeTypes.ts';
import { fetchSharedSnapshots, shareSnapshot } from './sharedSnapshots.ts';

/** Any fixed number below 2^31: every change to the shared corpus holds this lock for its transaction. */
export const CORPUS_LOCK = 7_202_203;
/** Where a new version is announced; the payload is its number. */
const CORPUS_CHANNEL = 'dossier_corpus';
/** How often a replica checks the live version itself, in case a notification was lost with its connection. */
const CHECK_INTERVAL_MS = 60_000;
/** Rows per multi-row insert or lookup: far below PostgreSQL's 65,535 parameters a statement. */
const ROWS_PER_STATEMENT = 500;
/** Files per statement that carries their bytes, so one statement stays a few megabytes at most. */
const FILES_PER_STATEMENT = 20;

/** Recorded as the actor of re-indexes that bring a replica up to a version made elsewhere. */
const SHARED_ACTOR: Actor = { id: 'replica', name: 'another replica' };

/** A file of the corpus folder with its bytes. */
export interface CorpusFile {
  /** Relative to the corpus folder. */
  file: string;
  bytes: Uint8Array;
  sha256: string;
}

type Queryable = Sql | TransactionSql;

/** Every file a load of `dir` reads, with its bytes; none when the folder does not exist. */
export async function readCorpusFolder(dir: string): Promise<CorpusFile[]> {
  let files: string[];
  try {
    files = await listCorpusFiles(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(join(dir, file));
      return { file, bytes, sha256: sha256(bytes) };
    }),
  );
}

function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The version every replica should serve, or `undefined` before the first import. */
async function liveVersion(sql: Queryable): Promise<number | undefined> {
  const [row] = await sql`SELECT version FROM corpus_live`;
  return row ? Number(row.version) : undefined;
}

/** A version's files: name to content hash. */
async function filesOf(sql: Queryable, version: number): Promise<Map<string, string>> {
  const rows = await sql`SELECT file_name, sha256 FROM corpus_version_files WHERE version = ${version}`;
  return new Map(rows.map((row) => [row.file_name as string, row.sha256 as string]));
}

/** The bytes of these content hashes. */
async function blobsOf(sql: Queryable, hashes: readonly string[]): Promise<Map<string, Uint8Array>> {
  const blobs = new Map<string, Uint8Array>();
  for (const chunk of chunks([...new Set(hashes)], FILES_PER_STATEMENT)) {
    const rows = await sql`SELECT sha256, bytes FROM corpus_blobs WHERE sha256 IN ${sql(chunk)}`;
    for (const row of rows) blobs.set(row.sha256 as string, row.bytes as Uint8Array);
  }
  return blobs;
}

/** Which of these content hashes the database holds bytes for. */
async function knownHashes(sql: Queryable, hashes: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const chunk of chunks([...new Set(hashes)])) {
    const rows = await sql`SELECT sha256 FROM corpus_blobs WHERE sha256 IN ${sql(chunk)}`;
    for (const row of rows) known.add(row.sha256 as string);
  }
  return known;
}

async function storeBlobs(tx: TransactionSql, files: ReadonlyArray<Pick<CorpusFile, 'bytes' | 'sha256'>>) {
  const unique = [...new Map(files.map((file) => [file.sha256, file.bytes])).entries()];
  for (const chunk of chunks(unique, FILES_PER_STATEMENT)) {
    const rows = chunk.map(([hash, bytes]) => ({ sha256: hash, bytes: Buffer.from(bytes) }));
    await tx`INSERT INTO corpus_blobs ${tx(rows, 'sha256', 'bytes')} ON CONFLICT (sha256) DO NOTHING`;
  }
}

/** What a new version records about the change that made it. */
interface VersionCause {
  action: string;
  actor: Actor;
  docId?: string;
  audit?: AuditRecord;
}

/**
 * Inserts a version with exactly `files` (their bytes already stored), makes it live and announces it to
 * every replica when the transaction commits. The caller holds `CORPUS_LOCK`.
 */
async function insertVersion(
  tx: TransactionSql,
  parent: number | undefined,
  cause: VersionCause,
  files: ReadonlyMap<string, string>,
): Promise<number> {
  const [row] = await tx`SELECT coalesce(max(version), 0) + 1 AS next FROM corpus_versions`;
  const version = Number(row?.next);
  await tx`
    INSERT INTO corpus_versions (version, parent, action, doc_id, actor_id, actor_name, audit)
    VALUES (${version}, ${parent ?? null}, ${cause.action}, ${cause.docId ?? null}, ${cause.actor.id},
      ${cause.actor.name}, ${cause.audit ? tx.json(cause.audit as never) : null})`;
  const rows = [...files].map(([file, hash]) => ({ version, file_name: file, sha256: hash }));
  for (const chunk of chunks(rows)) {
    await tx`INSERT INTO corpus_version_files ${tx(chunk, 'version', 'file_name', 'sha256')}`;
  }
  await tx`
    INSERT INTO corpus_live (only_row, version) VALUES (true, ${version})
    ON CONFLICT (only_row) DO UPDATE SET version = EXCLUDED.version`;
  await tx`SELECT pg_notify(${CORPUS_CHANNEL}, ${String(version)})`;
  return version;
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([file, hash]) => b.get(file) === hash);
}

/** The outcome of committing a whole folder. */
export type Publication =
  | { kind: 'created'; version: number }
  /** The live version already holds exactly these files. */
  | { kind: 'same'; version: number }
  /** The live version is not the one expected; the files were kept as refused uploads. */
  | { kind: 'refused'; live: number | undefined; refusedIds: number[] }
  /** Asked to import only into an empty database, and it was not. */
  | { kind: 'skipped'; version: number };

/** Keeps files a change could not commit, so no moderator's upload is lost. Returns their row ids. */
async function keepRefused(
  tx: TransactionSql,
  files: readonly CorpusFile[],
  cause: VersionCause,
  base: number | undefined,
  live: number | undefined,
): Promise<number[]> {
  await storeBlobs(tx, files);
  const ids: number[] = [];
  for (const file of files) {
    const [row] = await tx`
      INSERT INTO corpus_refused_uploads
        (action, doc_id, file_name, sha256, actor_id, actor_name, base_version, live_version)
      VALUES (${cause.action}, ${cause.docId ?? null}, ${file.file}, ${file.sha256}, ${cause.actor.id},
        ${cause.actor.name}, ${base ?? null}, ${live ?? null})
      RETURNING id`;
    ids.push(Number(row?.id));
  }
  return ids;
}

/**
 * Commits `files` as the whole corpus, in one transaction under `CORPUS_LOCK`: as a new version, unless the
 * live one already holds exactly them. `expected` is the live version the caller started from (a replica
 * publishing its folder), `'any'` (an import) or `'first'` (only into a database that has no corpus yet).
 */
export async function publishFiles(
  sql: Sql,
  files: readonly CorpusFile[],
  cause: VersionCause,
  expected: number | 'any' | 'first',
): Promise<Publication> {
  return sql.begin(async (tx): Promise<Publication> => {
    await tx`SELECT pg_advisory_xact_lock(${CORPUS_LOCK})`;
    const live = await liveVersion(tx);
    if (expected === 'first' && live !== undefined) return { kind: 'skipped', version: live };
    const wanted = new Map(files.map((file) => [file.file, file.sha256]));
    const current = live === undefined ? new Map<string, string>() : await filesOf(tx, live);
    if (live !== undefined && sameFiles(wanted, current)) return { kind: 'same', version: live };
    if (typeof expected === 'number' && expected !== live) {
      const changed = files.filter((file) => current.get(file.file) !== file.sha256);
      return { kind: 'refused', live, refusedIds: await keepRefused(tx, changed, cause, expected, live) };
    }
    await storeBlobs(tx, files);
    return { kind: 'created', version: await insertVersion(tx, live, cause, wanted) };
  });
}

/** The refusal of a change that started from a version another replica has since replaced. */
function movedError(live: number | undefined, refusedIds: readonly number[]): CorpusStoreError {
  const kept =
    refusedIds.length === 0
      ? ''
      : ` Your file is kept in the database as refused upload ${refusedIds.join(', ')}.`;
  return new CorpusStoreError(
    'moved',
    `the corpus changed on another replica while this change was checked (it is now at version ${live}); try again on the corpus as it is now.${kept}`,
  );
}

/** Runs a commit, turning a database that does not answer into a refusal a moderator can read. */
async function committing<T>(commit: () => Promise<T>): Promise<T> {
  try {
    return await commit();
  } catch (error) {
    if (error instanceof CorpusStoreError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CorpusStoreError(
      'offline',
      `the shared database did not take the change (${reason}); try again once it answers`,
    );
  }
}

/** Recorded as the actor of files a replica's folder held that no version had, kept when the folder was updated. */
const FOLDER_ACTOR: Actor = { id: 'folder', name: 'corpus folder' };

/** What bringing a folder up to a version did. */
interface FolderUpdate {
  /** Files written or removed. */
  changed: number;
  /** Files only the folder held, kept in the database as refused uploads (their ids) before they went. */
  kept: number[];
}

/**
 * Writes a version's files into `dir` and removes the files it does not have. A file the folder holds that
 * the database has never seen (edited by hand, say) is kept in the database first, so nothing is lost.
 */
async function writeVersion(sql: Sql, version: number, dir: string): Promise<FolderUpdate> {
  const wanted = await filesOf(sql, version);
  const local = await readCorpusFolder(dir);
  const hashes = new Map(local.map((file) => [file.file, file.sha256]));
  const missing = [...wanted].filter(([file, hash]) => hashes.get(file) !== hash);
  const going = local.filter((file) => wanted.get(file.file) !== file.sha256);
  if (missing.length === 0 && going.length === 0) return { changed: 0, kept: [] };
  const known = await knownHashes(
    sql,
    going.map((file) => file.sha256),
  );
  const unknown = going.filter((file) => !known.has(file.sha256));
  const kept =
    unknown.length === 0
      ? []
      : await sql.begin((tx) =>
          keepRefused(tx, unknown, { action: 'folder', actor: FOLDER_ACTOR }, undefined, version),
        );
  const blobs = await blobsOf(
    sql,
    missing.map(([, hash]) => hash),
  );
  for (const [file, hash] of missing) {
    const bytes = blobs.get(hash);
    if (!bytes)
      throw new Error(`corpus: version ${version}: the bytes of ${file} are missing from the database`);
    await writeFileDurably(join(dir, file), bytes);
  }
  const extra = going.filter((file) => !wanted.has(file.file));
  for (const { file } of extra) await unlinkDurably(join(dir, file));
  return { changed: missing.length + extra.length, kept };
}

/** Writes the live version's files into an empty or new folder; returns the version and its file count. */
export async function exportLiveVersion(sql: Sql, dir: string): Promise<{ version: number; files: number }> {
  const version = await liveVersion(sql);
  if (version === undefined) throw new CorpusStoreError('not-found', 'the database holds no corpus yet');
  await writeVersion(sql, version, dir);
  return { version, files: (await filesOf(sql, version)).size };
}

/**
 * The corpus every replica shares, in PostgreSQL: each change is a new version (its files by content hash,
 * the bytes kept once), committed with its audit record and history entry in one transaction that first
 * checks the live version is still the one this replica serves. Each replica keeps its corpus folder, history
 * and audit log as copies of the database, and brings them up to date when told of a new version, on
 * reconnecting, and every minute.
 */
export class PostgresCorpus implements SharedCorpus {
  private store: CorpusStore | undefined;
  private failure: { version: number; reason: string } | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private closed = false;

  private constructor(
    private readonly sql: Sql,
    private readonly corpusDir: string,
    private readonly dataDir: string,
    private readonly logger: Logger,
    /** The version in the corpus folder. */
    private served: number,
  ) {}

  /**
   * Opens the shared corpus for a store over `corpusDir` and `dataDir`. The first replica to find the
   * database without a corpus imports its folder as version 1; every replica then brings its folder, history
   * and audit log up to the live version, before the store reads them.
   */
  static async open(
    sql: Sql,
    options: { corpusDir: string; dataDir: string },
    logger: Logger,
  ): Promise<PostgresCorpus> {
    const corpusDir = resolve(options.corpusDir);
    let live = await liveVersion(sql);
    if (live === undefined) {
      // A mistyped CORPUS_DIR must not become an empty version 1 that every other replica would then serve.
      if (!(await isDirectory(corpusDir))) {
        throw new CorpusError(
          `${corpusDir} is not a folder, and the database holds no corpus yet to fill it from`,
        );
      }
      const first = await publishFiles(
        sql,
        await readCorpusFolder(corpusDir),
        { action: 'import', actor: STARTUP_ACTOR },
        'first',
      );
      if (first.kind === 'created') {
        logger.info(
          { version: first.version, dir: corpusDir },
          'imported the corpus folder into the database',
        );
      }
      live = await liveVersion(sql);
    }
    if (live === undefined) throw new Error('corpus: the database has no live version after the import');
    const corpus = new PostgresCorpus(sql, corpusDir, resolve(options.dataDir), logger, 0);
    await corpus.copyRecords(live);
    corpus.logKept(live, await writeVersion(sql, live, corpusDir));
    corpus.served = live;
    await corpus.fetchSnapshots(live);
    return corpus;
  }

  /**
   * Keeps `store` on the live version from now on: listens for new versions, checks on every (re)connection
   * and every minute, and re-indexes in the background when one arrives.
   */
  async follow(store: CorpusStore): Promise<void> {
    this.store = store;
    const listening = await this.sql.listen(
      CORPUS_CHANNEL,
      () => this.sync(),
      // Also runs after each reconnection, when notifications may have been missed.
      () => this.sync(),
    );
    this.unlisten = () => listening.unlisten();
    this.timer = setInterval(() => this.sync(), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops following and waits for a catch-up in progress. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.unlisten?.().catch(() => undefined);
    await this.syncing;
  }

  async status(): Promise<SharedCorpusStatus> {
    const live = (await liveVersion(this.sql).catch(() => undefined)) ?? this.served;
    return {
      version: this.served,
      live,
      ...(this.failure ? { failure: `version ${this.failure.version}: ${this.failure.reason}` } : {}),
    };
  }

  async commit(change: SharedChange): Promise<void> {
    const { record } = change;
    const cause = {
      action: record.action,
      actor: record.actor,
      ...(record.docId ? { docId: record.docId } : {}),
    };
    type Outcome = { refused: number[]; live: number | undefined } | { version: number };
    const outcome = await committing(() =>
      this.sql.begin(async (tx): Promise<Outcome> => {
        await tx`SELECT pg_advisory_xact_lock(${CORPUS_LOCK})`;
        const live = await liveVersion(tx);
        const written = change.written.map(({ file, bytes }) => ({ file, bytes, sha256: sha256(bytes) }));
        if (live !== this.served) {
          return { refused: await keepRefused(tx, written, cause, this.served, live), live };
        }
        const files = await filesOf(tx, live);
        for (const file of change.removed) files.delete(file);
        for (const file of written) files.set(file.file, file.sha256);
        const archived = change.archived;
        await storeBlobs(tx, [
          ...written,
          ...(archived ? [{ bytes: archived.bytes, sha256: archived.entry.sha256 }] : []),
        ]);
        const version = await insertVersion(tx, live, { ...cause, audit: record }, files);
        if (archived) {
          await tx`INSERT INTO corpus_history (id, version, entry, sha256)
          VALUES (${archived.entry.id}, ${version}, ${tx.json(archived.entry as never)}, ${archived.entry.sha256})`;
        }
        return { version };
      }),
    );
    if ('refused' in outcome) {
      // Catch up, so the moderator's next try starts from the version that is live now.
      this.sync();
      throw movedError(outcome.live, outcome.refused);
    }
    this.served = outcome.version;
    // Crash tests stop here: the database holds the change, this replica's folder does not yet.
    faultPoint('shared:committed');
  }

  async publishFolder(record: AuditRecord): Promise<boolean> {
    const cause = { action: record.action, actor: record.actor, audit: record };
    const files = await readCorpusFolder(this.corpusDir);
    const outcome = await committing(() => publishFiles(this.sql, files, cause, this.served));
    switch (outcome.kind) {
      case 'refused':
        this.sync();
        throw movedError(outcome.live, outcome.refusedIds);
      case 'same':
        await this.copyRecords(outcome.version);
        this.served = outcome.version;
        return false;
      default:
        this.served = outcome.version;
        return true;
    }
  }

  /** Brings this replica up to the live version, after whatever catch-up is already running. */
  private sync(): void {
    this.syncing = this.syncing
      .then(() => this.catchUp())
      .then(() => this.shareSnapshot())
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'corpus: could not bring this replica up to the live version'),
      );
  }

  private async catchUp(): Promise<void> {
    const store = this.store;
    if (!store || this.closed) return;
    const live = await liveVersion(this.sql);
    if (live === undefined || live === this.served) return;
    let version = this.served;
    const report = await store.adopt(SHARED_ACTOR, async () => {
      // Read again: a change made on this replica meanwhile may have brought it up to date already.
      const target = await liveVersion(this.sql);
      if (target === undefined || target === this.served) return false;
      await this.copyRecords(target);
      this.logKept(target, await writeVersion(this.sql, target, this.corpusDir));
      this.served = version = target;
      await this.fetchSnapshots(target);
      return true;
    });
    if (!report) return;
    if (report.ok) {
      this.failure = undefined;
      this.logger.info(
        {
          version,
          added: report.added.length,
          removed: report.removed.length,
          changed: report.changed.length,
        },
        'corpus: now serving the version committed on another replica',
      );
    } else {
      this.failure = { version, reason: report.failure ?? 'unknown' };
      this.logger.warn(
        { version, failure: report.failure },
        'corpus: the new version could not be loaded; the previous one keeps answering',
      );
    }
  }

  /** The index snapshots another replica shared for `version`, into this replica's snapshot folder. */
  private async fetchSnapshots(version: number): Promise<void> {
    const written = await fetchSharedSnapshots(this.sql, version, this.snapshotDir).catch(
      (error: unknown) => {
        // Only costs this replica a build of its own.
        this.logger.warn({ err: error, version }, 'corpus: could not fetch the shared index snapshot');
        return 0;
      },
    );
    if (written > 0)
      this.logger.info({ version }, 'corpus: loading the index snapshot another replica shared');
  }

  /** Shares the snapshot of the index this replica serves, when it is the live version's and not shared yet. */
  private async shareSnapshot(): Promise<void> {
    const store = this.store;
    if (!store || this.closed) return;
    const path = snapshotPath(this.snapshotDir, store.live.current.corpus);
    if (await shareSnapshot(this.sql, this.served, path)) {
      this.logger.info({ version: this.served }, 'corpus: shared the index snapshot with the other replicas');
    }
  }

  private get snapshotDir(): string {
    return join(this.dataDir, 'index');
  }

  private logKept(version: number, update: FolderUpdate): void {
    if (update.kept.length === 0) return;
    this.logger.warn(
      { version, refusedUploads: update.kept },
      'corpus: files only this folder held are kept in the database as refused uploads; the folder now holds the shared version',
    );
  }

  /** Copies the audit records and history entries of the versions after the served one, up to `upTo`. */
  private async copyRecords(upTo: number): Promise<void> {
    const { history, audit } = storeRecords(this.dataDir);
    const versions = await this.sql`
      SELECT audit FROM corpus_versions
      WHERE version > ${this.served} AND version <= ${upTo} AND audit IS NOT NULL ORDER BY version`;
    for (const row of versions) {
      const record = row.audit as AuditRecord;
      if (!(await audit.holds(record))) await audit.append(record);
    }
    const entries = await this.sql`
      SELECT h.entry, b.bytes FROM corpus_history h JOIN corpus_blobs b USING (sha256)
      WHERE h.version > ${this.served} AND h.version <= ${upTo}`;
    for (const row of entries) {
      const entry = row.entry as Parameters<typeof history.write>[0];
      if (!(await history.find(entry.id))) await history.write(entry, row.bytes as Uint8Array);
    }
  }
}
