import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isTempFile } from './durableFiles.ts';
import { sha256 } from './parseDocument.ts';

/**
 * A cheap summary of a corpus directory (every file's path, size and modification time), taken before a load
 * reads the files. When it still matches, the loaded corpus is current; a file edited during the load shows
 * up as a mismatch later, never as a false match. Returns `undefined` when the directory cannot be read.
 */
export async function corpusFingerprint(dir: string): Promise<string | undefined> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    const files = entries.filter((entry) => entry.isFile() && !isTempFile(entry.name));
    const lines = await Promise.all(
      files.map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        const info = await stat(path).catch(() => undefined);
        return `${relative(dir, path)}\t${info?.size ?? -1}\t${info?.mtimeMs ?? -1}`;
      }),
    );
    return sha256(lines.sort().join('\n'));
  } catch {
    return undefined;
  }
}
