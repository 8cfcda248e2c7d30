import { randomBytes } from 'node:crypto';
import { access, link, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { faultPoint } from './faultPoints.ts';

/**
 * Prefix of the temporary files the store writes before renaming them into place. It starts with a dot, so
 * `loadCorpus` and the watcher skip these files, and a crash can never leave one that looks like an article.
 */
export const TEMP_PREFIX = '.dossier-tmp-';

/** Whether a path is one of the store's own temporary files. */
export function isTempFile(path: string): boolean {
  return basename(path).startsWith(TEMP_PREFIX);
}

/** Flushes a directory entry change (create, rename, unlink) to disk; file data alone is not enough. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms cannot open or fsync a directory; the rename is still atomic there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/** Writes the chunks one after another into a new temporary file in `dir`, so none has to be joined first. */
async function writeTemp(dir: string, chunks: Iterable<Uint8Array | string>): Promise<string> {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx');
  try {
    // A file handle's writeFile continues from where the previous write ended.
    for (const chunk of chunks) await handle.writeFile(chunk);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  faultPoint('temp-written');
  return temp;
}

/** Writes a file so that it holds either its old content or all of the new, whatever happens, and syncs it. */
export async function writeFileDurably(path: string, bytes: Uint8Array): Promise<void> {
  await writeChunksDurably(path, [bytes]);
}

/** As `writeFileDurably`, from chunks written one after another: a file of any size, never joined in memory. */
export async function writeChunksDurably(path: string, chunks: Iterable<Uint8Array | string>): Promise<void> {
  const temp = await writeTemp(dirname(path), chunks);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * Creates a file that must not exist yet, durably. A hard link is atomic and refuses to overwrite, so a
 * file another process created meanwhile is never clobbered: the call fails with `EEXIST` instead.
 */
export async function createFileDurably(path: string, bytes: Uint8Array): Promise<void> {
  const temp = await writeTemp(dirname(path), [bytes]);
  try {
    await link(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  await syncDirectory(dirname(path));
}

/** Removes a file and syncs its directory, so the removal survives a power cut. */
export async function unlinkDurably(path: string): Promise<void> {
  await unlink(path);
  await syncDirectory(dirname(path));
}

/**
 * Appends one line with a single write and syncs it. A crash can tear at most the last line; the next
 * append starts on a fresh line, so a torn line never swallows a complete one.
 */
export async function appendLineDurably(path: string, line: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const handle = await open(path, 'a+');
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const separator = size > 0 && last[0] !== 0x0a ? '\n' : '';
    await handle.write(`${separator}${line}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates a folder and its missing parents. Node's own recursive mkdir never returns for a path under a
 * folder that refuses new entries with ENOENT, as `/proc` does; this gives up after one try per level.
 */
async function makeDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw error;
    await makeDirectory(dirname(dir));
    await mkdir(dir).catch((retry: NodeJS.ErrnoException) => {
      if (retry.code !== 'EEXIST') throw retry;
    });
  }
}

/**
 * Checks that a folder can be written, creating it if needed, by writing and removing a file in it; throws
 * the system error otherwise. A data folder that cannot be written must stop start-up at once, before
 * anything walks it.
 */
export async function checkWritable(dir: string): Promise<void> {
  await makeDirectory(dir);
  const probe = await writeTemp(dir, [new Uint8Array()]);
  await rm(probe, { force: true });
}

/** Whether a process with this id is running (a process id reused since then counts as running). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What write-file-atomic, which earlier versions wrote snapshots with, names its temporary files. */
const LEGACY_TEMP = /\.json\.\d+$/;

/**
 * Deletes temporary files that processes no longer running left under `dir`; they never hold the only copy
 * of anything. Files of a live process (the bot, while an operator runs the CLI) are in use and stay.
 * With `legacy`, snapshot files half-written by earlier versions (`<key>.json.<n>`) go too.
 */
export async function removeTempFiles(dir: string, legacy = false): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  const stale = entries
    .filter((entry) => {
      if (!entry.isFile()) return false;
      if (legacy && LEGACY_TEMP.test(entry.name)) return true;
      if (!isTempFile(entry.name)) return false;
      const pid = Number(entry.name.slice(TEMP_PREFIX.length).split('-')[0]);
      return !Number.isInteger(pid) || pid <= 0 || !isRunning(pid);
    })
    .map((entry) => join(entry.parentPath, entry.name));
  await Promise.all(stale.map((path) => rm(path, { force: true })));
  return stale;
}

/** Whether anything exists at `path`; an unreadable parent folder counts as not. */
export async function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Whether `path` is a folder that can be looked at. */
export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}
