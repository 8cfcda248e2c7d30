import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScript } from '../../support/runScript.ts';
import { makeStoreDirs, openStore, STORE_UPLOADS, type StoreDirs } from './storeFixture.ts';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function dirs(): Promise<StoreDirs> {
  const made = await makeStoreDirs();
  cleanups.push(() => made.remove());
  return made;
}

describe('npm run corpus killed between writing an article and its audit line', () => {
  it('leaves the article, and the next start writes the missing audit line marked as recovered', async () => {
    const made = await dirs();
    const { corpusDir, dataDir, root } = made;
    const run = runScript(
      'src/cli/corpus.ts',
      { CORPUS_DIR: corpusDir, DATA_DIR: dataDir, DOSSIER_CRASH_AT: 'add:written#1' },
      root,
      ['add', join(STORE_UPLOADS, 'detention-figures.md')],
    );
    // The store names each point it passes on stderr, and kills itself at the one asked for.
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(run.stderr().trim().split('\n').at(-1)).toBe('at add:written#1');

    const store = await openStore(made);
    try {
      expect(store.recovery.recoveredAuditLines).toHaveLength(1);
      const [record] = await store.audit.records();
      expect(record).toMatchObject({
        action: 'add',
        docId: 'detention-figures',
        actor: { name: `cli:${userInfo().username}` },
        after: { file: 'detention-figures.md' },
        recovered: true,
      });
      expect(store.list().map((document) => document.id)).toContain('detention-figures');
    } finally {
      await store.close();
    }
  }, 120_000);
});
