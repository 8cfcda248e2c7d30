import { readdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import pino from 'pino';
import type { Sql } from 'postgres';
import { botFields, loadCoreConfig, parseSettings, readEnvironment } from '../config.ts';
import type { MetadataDefaults } from '../corpus/parseDocument.ts';
import { openDatabase } from '../postgres/openDatabase.ts';
import {
  exportLiveVersion,
  PostgresCorpus,
  publishFiles,
  readCorpusFolder,
} from '../postgres/PostgresCorpus.ts';
import { type ChangeReport, renderChangeReport } from '../store/ChangeReport.ts';
import type { Actor, HistoryEntry } from '../store/CorpusHistory.ts';
import { CorpusStore } from '../store/CorpusStore.ts';
import { CorpusStoreError } from '../store/CorpusStoreError.ts';
import type { CorpusStatus } from '../store/storeTypes.ts';
import {
  DIRECTORY_OPTIONS,
  fail,
  loadCorpusOrFail,
  parseCommandLine,
  reportProblems,
  runCli,
} from './openCorpusIndex.ts';

const USAGE = `Usage:
  npm run corpus -- check [--corpus DIR]
  npm run corpus -- add FILE [--title T] [--source S] [--date YYYY-MM-DD] [--url URL] [--json]
  npm run corpus -- replace DOCUMENT_ID FILE [--title T] [--source S] [--date YYYY-MM-DD] [--url URL] [--json]
  npm run corpus -- remove DOCUMENT_ID [--json]
  npm run corpus -- restore DOCUMENT_ID|HISTORY_ENTRY [--json]
  npm run corpus -- list [--json]
  npm run corpus -- status [--json]
  npm run corpus -- history [DOCUMENT_ID] [--json]
  npm run corpus -- import DIR [--database URL]
  npm run corpus -- export DIR [--database URL]
Every command takes --corpus DIR and --data DIR; the store keeps history and the audit log in the data folder.
With DATABASE_URL (or --database URL) the corpus is the one every replica shares in PostgreSQL: changes go
there, and import and export move a folder of articles into it and out of it.`;

/** Exit status of a change the store refused: the message says why, and nothing changed. */
const EXIT_REFUSED = 1;

const NEXT_RELOAD =
  'A running bot picks this up at its next reload (/corpus reload), or by itself with CORPUS_WATCH=true.';
const SHARED_CHANGE = 'Every running replica serves it within a minute.';

type Options = ReturnType<typeof parseCommandLine<typeof COMMAND_LINE>>['values'];

const COMMAND_LINE = {
  allowPositionals: true,
  options: {
    ...DIRECTORY_OPTIONS,
    title: { type: 'string' },
    source: { type: 'string' },
    date: { type: 'string' },
    url: { type: 'string' },
    json: { type: 'boolean', default: false },
    database: { type: 'string' },
  },
} as const;

async function check(dir: string): Promise<void> {
  const corpus = await loadCorpusOrFail(dir);
  const passages = corpus.documents.reduce((sum, document) => sum + document.passages.length, 0);
  reportProblems(corpus);
  process.stdout.write(
    `${dir}: ${corpus.documents.length} documents, ${passages} passages, ${corpus.problems.length} invalid files (version ${corpus.version})\n`,
  );
  if (corpus.problems.length > 0 || corpus.documents.length === 0) process.exit(1);
}

/** The operator at the terminal, as the audit log records them. */
function terminalActor(): Actor {
  const id = `cli:${userInfo().username}`;
  return { id, name: id };
}

function defaultsFrom(values: Options): MetadataDefaults {
  const { title, source, date, url } = values;
  return Object.fromEntries(
    Object.entries({ title, source, date, url }).filter(([, value]) => value !== undefined),
  ) as MetadataDefaults;
}

async function readUpload(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(`corpus: ${path} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? error})`}`);
  }
}

function print(values: Options, json: unknown, text: string): void {
  process.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function kilobytes(bytes: number | undefined): string {
  return bytes === undefined ? 'none saved' : `${(bytes / 1024).toFixed(1)} KB`;
}

function renderStatus(status: CorpusStatus): string {
  const range = status.dateRange
    ? `, articles from ${status.dateRange.first} to ${status.dateRange.last}`
    : '';
  const lines = [
    `Corpus       ${status.corpusDir} (version ${status.version})`,
    `Documents    ${status.documents} (${status.passages} passages)${range}`,
    `Invalid      ${status.invalid.length === 0 ? 'none' : `${count(status.invalid.length, 'file')}, not loaded:`}`,
    ...status.invalid.map((problem) => `               ${problem.file}: ${problem.reason}`),
    `Index        ${status.index.terms} terms, ${status.index.passages} passages; snapshot ${kilobytes(status.index.snapshotBytes)}`,
    `History      ${count(status.history.entries, 'version')} kept, ${count(status.history.removedDocuments, 'removed document')}`,
  ];
  if (status.shared) {
    const { version, live, failure } = status.shared;
    lines.push(
      `Shared       version ${version} of the database${version === live ? ', the live one' : `; the live one is ${live}`}${failure ? ` (could not load ${failure})` : ''}`,
    );
  }
  const change = status.lastChange;
  lines.push(
    change
      ? `Last change  ${change.at} ${change.action}${change.docId ? ` ${change.docId}` : ''} by ${change.actor.name}`
      : 'Last change  none recorded',
  );
  return lines.join('\n');
}

function renderEntry(entry: HistoryEntry): string {
  return `${entry.id}\n  ${entry.kind} ${entry.at} by ${entry.actor.name}: "${entry.title}" (${entry.file})`;
}

function changeText(store: CorpusStore, summary: string, report: ChangeReport, extra: string[] = []): string {
  return [summary, ...extra, renderChangeReport(report), store.shared ? SHARED_CHANGE : NEXT_RELOAD].join(
    '\n',
  );
}

function settings() {
  return parseSettings(
    botFields.pick({
      CORPUS_DIR: true,
      DATA_DIR: true,
      LOG_LEVEL: true,
      MAX_UPLOAD_BYTES: true,
      DATABASE_URL: true,
    }),
    readEnvironment(),
  );
}

/** Opens the database `--database` or `DATABASE_URL` names, or `undefined` when neither does. */
async function openGivenDatabase(values: Options) {
  const url = values.database ?? settings().DATABASE_URL;
  if (!url) return undefined;
  // Only warnings, on stderr: stdout carries the command's own output, JSON with --json.
  const logger = pino({ level: 'warn' }, pino.destination(2));
  return openDatabase(url, logger).catch((error: unknown) =>
    fail(
      `corpus: could not open the database (${error instanceof Error ? error.message : String(error)}); check DATABASE_URL or --database`,
    ),
  );
}

/** Runs `run` with the database, failing with a clear message when none is named. */
async function withDatabase(values: Options, command: string, run: (sql: Sql) => Promise<void>) {
  const database = await openGivenDatabase(values);
  if (!database) {
    fail(
      `corpus: ${command} works on the corpus shared in PostgreSQL: set DATABASE_URL or give --database postgres://…`,
    );
  }
  try {
    await run(database.sql);
  } finally {
    await database.close();
  }
}

async function withStore(values: Options, run: (store: CorpusStore) => Promise<ChangeReport | undefined>) {
  const config = settings();
  const dirs = { corpusDir: values.corpus ?? config.CORPUS_DIR, dataDir: values.data ?? config.DATA_DIR };
  const database = await openGivenDatabase(values);
  let store: CorpusStore;
  try {
    const shared = database
      ? await PostgresCorpus.open(database.sql, dirs, pino({ level: 'warn' }, pino.destination(2)))
      : undefined;
    store = await CorpusStore.open({
      ...dirs,
      maxUploadBytes: config.MAX_UPLOAD_BYTES,
      ...(shared ? { shared } : {}),
    });
  } catch (error) {
    await database?.close();
    if (error instanceof CorpusStoreError) fail(error.message);
    throw error;
  }
  try {
    const report = await run(store);
    if (report && !report.ok) process.exitCode = EXIT_REFUSED;
  } catch (error) {
    if (!(error instanceof CorpusStoreError)) throw error;
    process.stderr.write(`corpus: ${error.message}\n`);
    process.exitCode = EXIT_REFUSED;
  } finally {
    await store.close();
    await database?.close();
  }
}

/** Loads a folder into the shared corpus as its new live version, exactly as the folder holds it. */
async function importFolder(values: Options, dir: string, actor: Actor) {
  await withDatabase(values, 'import', async (sql) => {
    const corpus = await loadCorpusOrFail(dir);
    reportProblems(corpus);
    if (corpus.documents.length === 0) {
      fail(`corpus: ${dir} has no article that loads; nothing was imported`);
    }
    const files = await readCorpusFolder(dir);
    const outcome = await publishFiles(sql, files, { action: 'import', actor }, 'any');
    const text =
      outcome.kind === 'created'
        ? `Imported ${count(files.length, 'file')} from ${dir} (${count(corpus.documents.length, 'document')}) as version ${outcome.version}. ${SHARED_CHANGE}`
        : `${dir} already is the live version (${'version' in outcome ? outcome.version : '?'}); nothing was imported.`;
    print(values, { ...outcome, files: files.length, documents: corpus.documents.length }, text);
  });
}

/** Writes the live version of the shared corpus into a new or empty folder. */
async function exportFolder(values: Options, dir: string) {
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    fail(`corpus: ${dir} cannot be read (${error.code ?? error.message})`);
  });
  if (existing.length > 0) {
    fail(
      `corpus: ${dir} is not empty; export writes into a new or empty folder, so that no file is overwritten`,
    );
  }
  await withDatabase(values, 'export', async (sql) => {
    try {
      const { version, files } = await exportLiveVersion(sql, dir);
      print(
        values,
        { version, files, dir },
        `Exported version ${version}: ${count(files, 'file')} into ${dir}.`,
      );
    } catch (error) {
      if (error instanceof CorpusStoreError) fail(`corpus: ${error.message}; nothing was exported`);
      throw error;
    }
  });
}

runCli(async () => {
  const { values, positionals } = parseCommandLine(COMMAND_LINE, USAGE);
  const [action, first, second] = positionals;
  const actor = terminalActor();
  switch (action) {
    case 'check':
      return check(resolve(values.corpus ?? loadCoreConfig().CORPUS_DIR));
    case 'add':
      if (!first || second) fail(USAGE);
      return withStore(values, async (store) => {
        const upload = {
          name: basename(first),
          bytes: await readUpload(first),
          defaults: defaultsFrom(values),
        };
        const result = await store.add(upload, actor);
        const ignored = result.ignoredOptions.length
          ? [`Ignored (the file's front matter has them): ${result.ignoredOptions.join(', ')}`]
          : [];
        print(
          values,
          result,
          changeText(
            store,
            `Added "${result.document.title}" as ${result.document.file} (id ${result.document.id}): ${result.document.passages} passages.\nFirst paragraph: ${result.firstParagraph}`,
            result.report,
            ignored,
          ),
        );
        return result.report;
      });
    case 'replace':
      if (!first || !second) fail(USAGE);
      return withStore(values, async (store) => {
        const upload = {
          name: basename(second),
          bytes: await readUpload(second),
          defaults: defaultsFrom(values),
        };
        const result = await store.replace(first, upload, actor);
        print(
          values,
          result,
          changeText(
            store,
            `Replaced ${result.document.id} with "${result.document.title}" (${result.document.passages} passages). The previous version is kept as ${result.previous.id}.`,
            result.report,
          ),
        );
        return result.report;
      });
    case 'remove':
      if (!first || second) fail(USAGE);
      return withStore(values, async (store) => {
        const result = await store.remove(first, actor);
        print(
          values,
          result,
          changeText(
            store,
            `Removed "${result.entry.title}" (${result.entry.file}). It is kept as ${result.entry.id}; restore brings it back.`,
            result.report,
          ),
        );
        return result.report;
      });
    case 'restore':
      if (!first || second) fail(USAGE);
      return withStore(values, async (store) => {
        const result = await store.restore(first, actor);
        print(
          values,
          result,
          changeText(
            store,
            `Restored "${result.document.title}" as ${result.document.file} from ${result.entry.id}: ${result.document.passages} passages.`,
            result.report,
          ),
        );
        return result.report;
      });
    case 'list':
      if (first) fail(USAGE);
      return withStore(values, async (store) => {
        const documents = store.list();
        const lines = documents.map(
          (document) =>
            `${document.date || 'undated   '}  ${document.id}\n            ${document.title} · ${document.source} · ${document.passages} passages`,
        );
        const passages = documents.reduce((sum, document) => sum + document.passages, 0);
        lines.push(`${count(documents.length, 'document')}, ${count(passages, 'passage')}`);
        print(values, documents, lines.join('\n'));
        return undefined;
      });
    case 'status':
      if (first) fail(USAGE);
      return withStore(values, async (store) => {
        const status = await store.status();
        print(values, status, renderStatus(status));
        return undefined;
      });
    case 'history':
      if (second) fail(USAGE);
      return withStore(values, async (store) => {
        const entries = await store.history.entries(first);
        const text = entries.length ? entries.map(renderEntry).join('\n') : 'History is empty.';
        print(values, entries, text);
        return undefined;
      });
    case 'import':
      if (!first || second) fail(USAGE);
      return importFolder(values, resolve(first), actor);
    case 'export':
      if (!first || second) fail(USAGE);
      return exportFolder(values, resolve(first));
    default:
      fail(USAGE);
  }
});
