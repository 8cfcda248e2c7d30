import { readdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/store/ChangeReport.ts';
import type { HistoryEntry } from '../../src/store/CorpusHistory.ts';
import type { CorpusStatus } from '../../src/store/storeTypes.ts';
import { runScript, type ScriptRun } from '../cli/runScript.ts';
import { makeStoreDirs, STORE_UPLOADS, type StoreDirs, snapshotFiles } from './storeFixture.ts';

const OPERATOR = `cli:${userInfo().username}`;

function corpusCommand(dirs: StoreDirs, ...args: string[]): Promise<ScriptRun> {
  return runScript('corpus', [...args, '--corpus', dirs.corpusDir, '--data', dirs.dataDir], {
    dataDir: dirs.dataDir,
  });
}

describe('npm run corpus: the operator round trip', () => {
  let dirs: StoreDirs;
  const runs: Record<string, ScriptRun> = {};

  beforeAll(async () => {
    dirs = await makeStoreDirs();
    runs.add = await corpusCommand(dirs, 'add', join(STORE_UPLOADS, 'detention-figures.md'));
    runs.list = await corpusCommand(dirs, 'list', '--json');
    runs.remove = await corpusCommand(dirs, 'remove', 'detention-figures');
    runs.history = await corpusCommand(dirs, 'history', 'detention-figures', '--json');
    runs.restore = await corpusCommand(dirs, 'restore', 'detention-figures');
    runs.status = await corpusCommand(dirs, 'status');
    runs.statusJson = await corpusCommand(dirs, 'status', '--json');
  }, 120_000);
  afterAll(async () => {
    await dirs.remove();
  });

  it('adds a file: exit 0, the passage count, the first paragraph and the change report', () => {
    expect(runs.add).toMatchObject({ status: 0, stderrLines: [] });
    expect(runs.add?.stdout).toContain(
      'Added "Interior ministry says thousands were detained after the unrest" as detention-figures.md (id detention-figures): 3 passages.',
    );
    expect(runs.add?.stdout).toContain(
      "First paragraph: Kazakhstan's interior ministry said on Monday that 7,939 people had been detained",
    );
    expect(runs.add?.stdout).toContain('Documents 3 → 4, passages 9 → 12');
  });

  it('lists the documents as JSON with title, source, date and passage count', () => {
    const documents = JSON.parse(runs.list?.stdout ?? '') as DocumentSummary[];
    expect(documents.map(({ id, source, date, passages }) => [id, source, date, passages])).toEqual([
      ['fuel-price-protests', 'Steppe Herald', '2022-01-04', 3],
      ['state-of-emergency', 'Central Asia Wire', '2022-01-05', 3],
      ['detention-figures', 'Nur Daily', '2022-01-10', 3],
      ['airport-reopens', 'unattributed', '2022-01-13', 3],
    ]);
  });

  it('removes into history and restores from it, as the operator', () => {
    expect(runs.remove).toMatchObject({ status: 0, stderrLines: [] });
    expect(runs.remove?.stdout).toMatch(
      /It is kept as detention-figures@\S+-removed; restore brings it back\./,
    );
    const [entry] = JSON.parse(runs.history?.stdout ?? '') as HistoryEntry[];
    expect(entry).toMatchObject({ docId: 'detention-figures', kind: 'removed', actor: { id: OPERATOR } });
    expect(runs.restore).toMatchObject({ status: 0, stderrLines: [] });
    expect(runs.restore?.stdout).toContain(`from ${entry?.id}: 3 passages.`);
  });

  it('shows status as text and as JSON, naming the last change and who made it', () => {
    expect(runs.status?.status).toBe(0);
    expect(runs.status?.stdout).toMatch(
      /^Documents {4}4 \(12 passages\), articles from 2022-01-04 to 2022-01-13$/m,
    );
    expect(runs.status?.stdout).toMatch(
      new RegExp(`^Last change  \\S+ restore detention-figures by ${OPERATOR}$`, 'm'),
    );
    const status = JSON.parse(runs.statusJson?.stdout ?? '') as CorpusStatus;
    expect(status).toMatchObject({
      documents: 4,
      passages: 12,
      history: { entries: 1, removedDocuments: 0 },
    });
  });

  it('records each change in the audit log under the operator’s name', async () => {
    const lines = (await readFile(join(dirs.dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as { action: string; actor: { id: string } });
    expect(records.map((record) => [record.action, record.actor.id])).toEqual([
      ['add', OPERATOR],
      ['remove', OPERATOR],
      ['restore', OPERATOR],
    ]);
  });
});

describe('npm run corpus: refusals and mistakes', () => {
  let dirs: StoreDirs;
  let before: Array<[string, string]>;
  const runs: Record<string, ScriptRun> = {};

  beforeAll(async () => {
    dirs = await makeStoreDirs();
    before = await snapshotFiles(dirs.corpusDir);
    const [docx, duplicate, unknown, missingFile, missingCorpus, usage] = await Promise.all([
      corpusCommand(dirs, 'add', join(STORE_UPLOADS, 'tokayev-address.docx')),
      corpusCommand(dirs, 'add', join(STORE_UPLOADS, 'fuel-protests-wire-copy.md')),
      corpusCommand(dirs, 'remove', 'curfew-lifted'),
      corpusCommand(dirs, 'add', join(STORE_UPLOADS, 'no-such-article.md')),
      runScript('corpus', ['status', '--corpus', join(dirs.root, 'gone'), '--data', dirs.dataDir], {
        dataDir: dirs.dataDir,
      }),
      corpusCommand(dirs, 'replace', 'state-of-emergency'),
    ]);
    Object.assign(runs, { docx, duplicate, unknown, missingFile, missingCorpus, usage });
    runs.withOptions = await corpusCommand(
      dirs,
      'add',
      join(STORE_UPLOADS, 'massimov-arrest.txt'),
      '--title',
      'Former security chief Karim Massimov detained',
      '--source',
      'Nur Daily',
      '--date',
      '2022-01-08',
    );
  }, 120_000);
  afterAll(async () => {
    await dirs.remove();
  });

  it('refuses a bad upload with exit 1 and its reason on one line, changing nothing', async () => {
    expect(runs.docx).toMatchObject({
      status: 1,
      stdout: '',
      stderrLines: [
        'corpus: tokayev-address.docx has an unsupported type (.docx); Dossier reads .md, .markdown, .txt',
      ],
    });
    expect(runs.duplicate).toMatchObject({
      status: 1,
      stderrLines: ['corpus: fuel-protests-wire-copy.md duplicates fuel-price-protests.md (same text)'],
    });
    expect(runs.unknown).toMatchObject({
      status: 1,
      stderrLines: ['corpus: no document has the id "curfew-lifted"; list shows every id'],
    });
    const after = await snapshotFiles(dirs.corpusDir);
    expect(after.filter(([file]) => file !== 'massimov-arrest.md')).toEqual(before);
  });

  it('exits 2 with one line when the file or the corpus is missing, or the arguments are wrong', () => {
    expect(runs.missingFile).toMatchObject({
      status: 2,
      stderrLines: [`corpus: ${join(STORE_UPLOADS, 'no-such-article.md')} does not exist`],
    });
    expect(runs.missingCorpus).toMatchObject({
      status: 2,
      stderrLines: [`corpus: ${join(dirs.root, 'gone')} does not exist`],
    });
    expect(runs.usage?.status).toBe(2);
    expect(runs.usage?.stderrLines[0]).toBe('Usage:');
    for (const run of Object.values(runs)) expect(run.stderrLines.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('fills in metadata from --title, --source and --date and keeps it in front matter', async () => {
    expect(runs.withOptions).toMatchObject({ status: 0, stderrLines: [] });
    expect(runs.withOptions?.stdout).toContain(
      'Added "Former security chief Karim Massimov detained" as massimov-arrest.md',
    );
    expect(await readdir(dirs.corpusDir)).toContain('massimov-arrest.md');
    expect(await readFile(join(dirs.corpusDir, 'massimov-arrest.md'), 'utf8')).toMatch(
      /^---\ntitle: Former security chief Karim Massimov detained\nsource: Nur Daily\ndate: 2022-01-08\n---\n/,
    );
  });
});
