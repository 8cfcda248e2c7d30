import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answerQuestion } from '../../src/answer/answerQuestion.ts';
import type { MetadataDefaults } from '../../src/corpus/parseDocument.ts';
import type { Actor } from '../../src/store/CorpusHistory.ts';
import { CorpusStore, type CorpusStoreOptions } from '../../src/store/CorpusStore.ts';
import type { Upload } from '../../src/store/UploadChecks.ts';

/** Three articles about the first days of the unrest: the corpus each test starts from. */
export const STORE_CORPUS = fileURLToPath(new URL('../fixtures/store-corpus', import.meta.url));

/** Files moderators upload in the tests: new articles, a corrected version, and bad files of every kind. */
export const STORE_UPLOADS = fileURLToPath(new URL('../fixtures/store-uploads', import.meta.url));

export const MODERATOR: Actor = { id: '248017795454697472', name: 'aigerim' };

/** A fresh corpus directory (a copy of the fixture) and an empty data directory, in a temporary folder. */
export interface StoreDirs {
  root: string;
  corpusDir: string;
  dataDir: string;
  remove(): Promise<void>;
}

export async function makeStoreDirs(fixture = STORE_CORPUS): Promise<StoreDirs> {
  const root = await mkdtemp(join(tmpdir(), 'dossier-store-'));
  const corpusDir = join(root, 'corpus');
  await cp(fixture, corpusDir, { recursive: true });
  return {
    root,
    corpusDir,
    dataDir: join(root, 'data'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

export function openStore(dirs: StoreDirs, options: Partial<CorpusStoreOptions> = {}): Promise<CorpusStore> {
  return CorpusStore.open({
    corpusDir: dirs.corpusDir,
    dataDir: dirs.dataDir,
    maxUploadBytes: 1024 * 1024,
    ...options,
  });
}

/** An upload of one of the fixture files, as a moderator would attach it. */
export async function uploadOf(file: string, defaults?: MetadataDefaults): Promise<Upload> {
  return { name: file, bytes: await readFile(join(STORE_UPLOADS, file)), ...(defaults ? { defaults } : {}) };
}

/** The quote the live index gives for a question, or `undefined` when it abstains. */
export function bestQuote(store: CorpusStore, question: string): string | undefined {
  const result = answerQuestion(store.live.current.index, question);
  return result.answered ? result.answers[0]?.quote : undefined;
}

/** Every file under a directory, relative, sorted, with its bytes: to compare before and after. */
export async function snapshotFiles(dir: string): Promise<Array<[string, string]>> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
  } catch {
    return [];
  }
  const files = await Promise.all(
    names.map(
      async (name): Promise<[string, string]> => [name, (await readFile(join(dir, name))).toString('base64')],
    ),
  );
  return files.sort(([a], [b]) => a.localeCompare(b));
}
