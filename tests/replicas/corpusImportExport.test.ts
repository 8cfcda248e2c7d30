import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KAZAKHSTAN_DIR } from '../bot/fixtureAnswers.ts';
import { runScript } from '../cli/runScript.ts';
import { STORE_UPLOADS, snapshotFiles } from '../corpus-store/storeFixture.ts';
import { useTestDatabases } from '../postgres/usePostgres.ts';

const { createDatabase, onCleanup } = useTestDatabases('import');

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-import-'));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `npm run corpus -- ...args`, with a data folder of its own and no DATABASE_URL in its environment. */
async function corpusCommand(...args: string[]) {
  const { DATABASE_URL: _, ...env } = process.env;
  return runScript('corpus', args, { dataDir: await tempDir(), env });
}

/**
 * A folder as moderators keep one: articles in two formats, one in a subfolder, and one that does not load
 * (Latin-1 bytes), which must survive the trip unchanged too.
 */
async function articlesFolder(): Promise<string> {
  const dir = await tempDir();
  await cp(KAZAKHSTAN_DIR, dir, { recursive: true });
  await mkdir(join(dir, 'wire'));
  await copyFile(join(STORE_UPLOADS, 'airport-reopens.md'), join(dir, 'wire', 'airport-reopens.md'));
  await copyFile(join(STORE_UPLOADS, 'cafe-losses-latin1.md'), join(dir, 'cafe-losses-latin1.md'));
  return dir;
}

describe('npm run corpus -- import and export', { timeout: 120_000 }, () => {
  it('imports a folder into the database and exports it back byte for byte', async () => {
    const database = await createDatabase();
    const source = await articlesFolder();

    const imported = await corpusCommand('import', source, '--database', database);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toBe(
      `Imported 6 files from ${source} (5 documents) as version 1. Every running replica serves it within a minute.\n`,
    );
    expect(imported.stderrLines).toEqual([expect.stringMatching(/^corpus: cafe-losses-latin1\.md: /)]);
    const again = await corpusCommand('import', source, '--database', database);
    expect(again.stdout).toBe(`${source} already is the live version (1); nothing was imported.\n`);

    const target = join(await tempDir(), 'exported');
    const exported = await corpusCommand('export', target, '--database', database);
    expect(exported).toMatchObject({ status: 0, stdout: `Exported version 1: 6 files into ${target}.\n` });
    expect(await snapshotFiles(target)).toEqual(await snapshotFiles(source));
  });

  it('makes the imported folder the corpus every command then works on', async () => {
    const database = await createDatabase();
    await corpusCommand('import', await articlesFolder(), '--database', database);
    const corpusDir = await tempDir();
    const dataDir = await tempDir();
    const list = await corpusCommand(
      'list',
      '--json',
      '--database',
      database,
      '--corpus',
      corpusDir,
      '--data',
      dataDir,
    );
    expect(list.status).toBe(0);
    const ids = (JSON.parse(list.stdout) as Array<{ id: string }>).map((document) => document.id);
    expect(ids).toContain('airport-reopens');
    expect(ids).toHaveLength(5);

    const removed = await corpusCommand(
      'remove',
      'airport-reopens',
      '--database',
      database,
      '--corpus',
      corpusDir,
      '--data',
      dataDir,
    );
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(
      /^Removed "Almaty airport reopens to civilian flights".*\nEvery running replica serves it within a minute\.\n$/s,
    );
    const target = join(await tempDir(), 'exported');
    await corpusCommand('export', target, '--database', database);
    const files = (await snapshotFiles(target)).map(([name]) => name);
    expect(files).toHaveLength(5);
    expect(files).not.toContain(join('wire', 'airport-reopens.md'));
  });

  it('says what is missing when no database is named, and refuses a folder it cannot use', async () => {
    const source = await articlesFolder();
    const noDatabase = await corpusCommand('import', source);
    expect(noDatabase).toMatchObject({
      status: 2,
      stdout: '',
      stderrLines: [
        'corpus: import works on the corpus shared in PostgreSQL: set DATABASE_URL or give --database postgres://…',
      ],
    });
    expect((await corpusCommand('export', await tempDir())).stderrLines).toEqual([
      'corpus: export works on the corpus shared in PostgreSQL: set DATABASE_URL or give --database postgres://…',
    ]);

    const database = await createDatabase();
    const missing = join(source, 'no-such-folder');
    expect(await corpusCommand('import', missing, '--database', database)).toMatchObject({
      status: 2,
      stderrLines: [`corpus: ${missing} does not exist`],
    });
    const empty = await tempDir();
    await writeFile(join(empty, 'notes.md'), 'Just a note, with no front matter.\n');
    const nothingLoads = await corpusCommand('import', empty, '--database', database);
    expect(nothingLoads.status).toBe(2);
    expect(nothingLoads.stderrLines.at(-1)).toBe(
      `corpus: ${empty} has no article that loads; nothing was imported`,
    );
    expect((await corpusCommand('export', await tempDir(), '--database', database)).stderrLines).toEqual([
      'corpus: the database holds no corpus yet; nothing was exported',
    ]);
    const full = await corpusCommand('export', source, '--database', database);
    expect(full.stderrLines).toEqual([
      `corpus: ${source} is not empty; export writes into a new or empty folder, so that no file is overwritten`,
    ]);
  });
});
