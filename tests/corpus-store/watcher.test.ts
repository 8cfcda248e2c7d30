import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeReport } from '../../src/store/ChangeReport.ts';
import { type CorpusStore, WATCH_ACTOR } from '../../src/store/CorpusStore.ts';
import { CorpusWatcher } from '../../src/store/CorpusWatcher.ts';
import {
  bestQuote,
  MODERATOR,
  makeStoreDirs,
  openStore,
  STORE_UPLOADS,
  type StoreDirs,
  uploadOf,
} from './storeFixture.ts';

const DEBOUNCE_MS = 150;

async function eventually(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('watching the corpus directory', () => {
  let dirs: StoreDirs;
  let store: CorpusStore;
  let watcher: CorpusWatcher;
  let reports: ChangeReport[];
  let logged: Array<{ level: string; message: string }>;

  beforeEach(async () => {
    dirs = await makeStoreDirs();
    store = await openStore(dirs);
    reports = [];
    logged = [];
    watcher = new CorpusWatcher(store, {
      debounceMs: DEBOUNCE_MS,
      onReport: (report) => {
        reports.push(report);
      },
      logger: {
        info: (_details, message) => logged.push({ level: 'info', message }),
        error: (_details, message) => logged.push({ level: 'error', message }),
      },
    });
    await watcher.start();
  });
  afterEach(async () => {
    await watcher.stop();
    await store.close();
    await dirs.remove();
  });

  it('loads an article copied into the directory, and reports it to the log and the announcer', async () => {
    await copyFile(join(STORE_UPLOADS, 'detention-figures.md'), join(dirs.corpusDir, 'detention-figures.md'));
    await eventually(() => reports.length > 0, 'a report arrives');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ ok: true, trigger: 'watch', actor: WATCH_ACTOR });
    expect(reports[0]?.added.map((document) => document.id)).toEqual(['detention-figures']);
    expect(bestQuote(store, 'How many people were detained?')).toContain('7,939');
    expect(logged).toEqual([
      { level: 'info', message: expect.stringMatching(/^Reload after files changed by file watcher/) },
    ]);
    expect((await store.status()).lastRefresh.by).toBe('file watcher');
  });

  it('reports a broken file with its reason while the other articles keep answering', async () => {
    await writeFile(
      join(dirs.corpusDir, 'curfew-lifted.md'),
      '---\ntitle: Curfew lifted\n---\nThe curfew ended.\n',
    );
    await eventually(() => reports.length > 0, 'a report arrives');
    expect(reports[0]?.invalid).toEqual([
      { file: 'curfew-lifted.md', reason: 'front matter has no "source"; front matter has no "date"' },
    ]);
    expect(bestQuote(store, 'How long was the curfew?')).toContain('from 11 p.m. to 7 a.m.');
  });

  it("does not report the store's own changes a second time", async () => {
    const reload = vi.spyOn(store, 'reload');
    await store.add(await uploadOf('detention-figures.md'), MODERATOR);
    await eventually(() => reload.mock.calls.length > 0, 'the watcher notices the write');
    await reload.mock.results[0]?.value;
    expect(reload.mock.calls[0]).toEqual([WATCH_ACTOR, { trigger: 'watch' }]);
    expect(reports).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('stops reloading once stopped', async () => {
    await watcher.stop();
    const reload = vi.spyOn(store, 'reload');
    await copyFile(join(STORE_UPLOADS, 'detention-figures.md'), join(dirs.corpusDir, 'detention-figures.md'));
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 4));
    expect(reload).not.toHaveBeenCalled();
    expect(store.list().map((document) => document.id)).not.toContain('detention-figures');
  });
});
