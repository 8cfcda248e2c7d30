import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { corpusFingerprint } from '../corpus/corpusFingerprint.ts';
import {
  checkWritable,
  createFileDurably,
  isDirectory,
  pathExists,
  unlinkDurably,
  writeFileDurably,
} from '../corpus/durableFiles.ts';
import { faultPoint } from '../corpus/faultPoints.ts';
import { corpusVersion } from '../corpus/loadCorpus.ts';
import { OffThreadParser } from '../corpus/OffThreadParser.ts';
import { DocumentError, documentIdFor, sha256 } from '../corpus/parseDocument.ts';
import type { Corpus, CorpusDocument, CorpusProblem } from '../corpus/types.ts';
import { indexDirectory } from '../search/indexDirectory.ts';
import { type IndexState, LiveIndex } from '../search/LiveIndex.ts';
import { type IndexOutcome, OffThreadIndexer } from '../search/OffThreadIndexer.ts';
import { type AuditAction, AuditLog, type AuditRecord, type AuditVersion } from './AuditLog.ts';
import { ChangeJournal, type PendingChange } from './ChangeJournal.ts';
import {
  type ChangeReport,
  compareCorpora,
  type DocumentSummary,
  passageCount,
  type ReportTrigger,
  summarize,
} from './ChangeReport.ts';
import {
  type Actor,
  type ArchivedVersion,
  archivedVersionOf,
  CorpusHistory,
  type HistoryEntry,
} from './CorpusHistory.ts';
import { CorpusStoreError, fileSays } from './CorpusStoreError.ts';
import { type Recovery, recoverInterruptedChanges } from './recoverInterruptedChanges.ts';
import type {
  AddResult,
  CorpusStatus,
  RemoveResult,
  ReplaceResult,
  RestoreResult,
  SharedCorpus,
  StoreActivity,
} from './storeTypes.ts';
import { checkUploadName, refuseDuplicate, type Upload, UploadChecks } from './UploadChecks.ts';

/** The durable steps of a change, in order; tests stop the process between them. */
export type StoreStep = 'validated' | 'archived' | 'written' | 'unlinked' | 'audited' | 'indexing';

export interface CorpusStoreOptions {
  corpusDir: string;
  /** Holds `history/`, `audit.jsonl` and the index snapshots (`index/`, as `openIndex` keeps them). */
  dataDir: string;
  /** Largest upload accepted, in bytes (`MAX_UPLOAD_BYTES`). */
  maxUploadBytes: number;
  /** Called after each durable step of a change, and before a refresh starts indexing. */
  onStep?: (action: AuditAction, step: StoreStep) => void | Promise<void>;
  /** Where every change must be accepted before it is written here, so that other replicas get it too. */
  shared?: SharedCorpus;
}

/** Loads the store's first index as this actor when none is given. */
export const STARTUP_ACTOR: Actor = { id: 'startup', name: 'startup' };

/** Recorded actor of reloads the file watcher starts. */
export const WATCH_ACTOR: Actor = { id: 'watch', name: 'file watcher' };

function historyDir(options: Pick<CorpusStoreOptions, 'dataDir'>): string {
  return join(resolve(options.dataDir), 'history');
}

function auditLogOf(options: Pick<CorpusStoreOptions, 'dataDir'>): AuditLog {
  return new AuditLog(join(resolve(options.dataDir), 'audit.jsonl'));
}

/** The history and audit log a store keeps in `dataDir`, for a shared store to copy other replicas' changes into. */
export function storeRecords(dataDir: string): { history: CorpusHistory; audit: AuditLog } {
  return { history: new CorpusHistory(historyDir({ dataDir })), audit: auditLogOf({ dataDir }) };
}

function journalOf(options: CorpusStoreOptions): ChangeJournal {
  return new ChangeJournal(join(resolve(options.dataDir), 'changes'));
}

function stateFrom(
  outcome: Pick<Extract<IndexOutcome, { kind: 'loaded' }>, 'corpus' | 'index'> & { snapshotBytes?: number },
  actor: Actor,
): IndexState {
  return {
    corpus: outcome.corpus,
    index: outcome.index,
    loadedAt: new Date(),
    loadedBy: actor.name,
    ...(outcome.snapshotBytes !== undefined ? { snapshotBytes: outcome.snapshotBytes } : {}),
  };
}

function firstParagraph(document: CorpusDocument): string {
  const first = document.passages[0];
  return first ? document.text.slice(first.start, first.end) : '';
}

function auditRecord(
  action: AuditAction,
  actor: Actor,
  corpus: Corpus,
  docId: string,
  details: Pick<AuditRecord, 'before' | 'after' | 'historyEntry' | 'versionAfter'>,
): AuditRecord {
  return { at: new Date().toISOString(), actor, action, docId, versionBefore: corpus.version, ...details };
}

function auditVersion(file: string, contentHash: string, bytes: Uint8Array): AuditVersion {
  return { file, contentHash, sha256: sha256(bytes) };
}

interface Target {
  /** Relative to the corpus directory. */
  file: string;
  version: ArchivedVersion;
  /** Loaded and live, or an invalid file with the id. */
  document?: CorpusDocument;
}

/**
 * The corpus on disk and the live index answering from it, changed only through here: add, replace, remove,
 * restore and reload. Every version that leaves `CORPUS_DIR` is kept in `DATA_DIR/history` first, every
 * change is appended to `DATA_DIR/audit.jsonl`, and every refresh builds the new index in a worker thread
 * and swaps it in at once. Operations run one at a time, in the order they were asked for.
 */
export class CorpusStore {
  readonly corpusDir: string;
  readonly dataDir: string;
  readonly history: CorpusHistory;
  readonly audit: AuditLog;
  private readonly journal: ChangeJournal;
  /** Uploads and restored versions are parsed here, off the thread that answers questions. */
  private readonly parser = new OffThreadParser();
  private readonly uploads: UploadChecks;
  private readonly snapshotDir: string;
  private queue: Promise<unknown> = Promise.resolve();
  private running: StoreActivity | undefined;
  private waiting = 0;
  /** The corpus this store last loaded and the directory fingerprint taken before reading it. */
  private synced: { corpus: Corpus; fingerprint: string | undefined; fromSnapshot: boolean } | undefined;

  private constructor(
    private readonly options: CorpusStoreOptions,
    readonly live: LiveIndex,
    private readonly indexer: OffThreadIndexer,
    /** What opening the store had to tidy after a process killed mid-change. */
    readonly recovery: Recovery,
  ) {
    this.corpusDir = resolve(options.corpusDir);
    this.uploads = new UploadChecks(this.parser, options.maxUploadBytes);
    this.dataDir = resolve(options.dataDir);
    this.history = new CorpusHistory(historyDir(options));
    this.audit = auditLogOf(options);
    this.journal = journalOf(options);
    this.snapshotDir = join(this.dataDir, 'index');
  }

  /**
   * Opens the store: finishes what a killed process left half done, then loads the corpus and its index off
   * the main thread (from a snapshot when one matches). Give `live` to keep answering from an index loaded
   * elsewhere; otherwise a new `LiveIndex` is created. Throws `CorpusStoreError` when nothing can be loaded.
   */
  static async open(
    options: CorpusStoreOptions,
    live?: LiveIndex,
    actor = STARTUP_ACTOR,
  ): Promise<CorpusStore> {
    const corpusDir = resolve(options.corpusDir);
    const dataDir = resolve(options.dataDir);
    try {
      await checkWritable(dataDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new CorpusStoreError(
        'unwritable',
        `DATA_DIR ${dataDir} cannot be written (${code}); point DATA_DIR at a folder Dossier may write to`,
      );
    }
    const recovery = await recoverInterruptedChanges({
      corpusDir,
      dataDir,
      history: new CorpusHistory(historyDir(options)),
      audit: auditLogOf(options),
      journal: journalOf(options),
    });
    const indexer = new OffThreadIndexer();
    if (live) return new CorpusStore(options, live, indexer, recovery);
    // Nothing is answered before the store opens, so the first load runs here, at full speed: a worker
    // thread would only add the cost of sending the corpus and its index across.
    const outcome = await indexDirectory({
      dir: corpusDir,
      snapshotDir: join(resolve(options.dataDir), 'index'),
    });
    if (outcome.kind !== 'loaded') {
      throw new CorpusStoreError(
        'unavailable',
        outcome.kind === 'failed' ? `corpus: ${outcome.reason}` : 'corpus: nothing loaded',
      );
    }
    const store = new CorpusStore(options, new LiveIndex(stateFrom(outcome, actor)), indexer, recovery);
    store.synced = {
      corpus: outcome.corpus,
      fingerprint: outcome.fingerprint,
      fromSnapshot: outcome.fromSnapshot,
    };
    return store;
  }

  /** Stops the indexing and parsing threads. */
  async close(): Promise<void> {
    await Promise.all([this.indexer.close(), this.parser.close()]);
  }

  /** Whether changes go to a corpus other replicas share. */
  get shared(): boolean {
    return this.options.shared !== undefined;
  }

  /** The operation in progress, if any. */
  get activity(): StoreActivity | undefined {
    return this.running && { ...this.running, waiting: this.waiting };
  }

  /** Live documents, oldest article first. */
  list(): DocumentSummary[] {
    return this.live.current.corpus.documents
      .map(summarize)
      .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
  }

  /** Files in the corpus directory that do not load, with the id `replace` and `remove` accept for each. */
  invalidFiles(): Array<CorpusProblem & { id: string }> {
    return this.live.current.corpus.problems.map((problem) => ({
      ...problem,
      id: documentIdFor(problem.file),
    }));
  }

  /** Documents in history that are not live: what `restore` can bring back, newest removal first. */
  async removedDocuments(): Promise<HistoryEntry[]> {
    const live = new Set(this.live.current.corpus.documents.map((document) => document.id));
    const newest = new Map<string, HistoryEntry>();
    for (const entry of await this.history.entries()) {
      if (!live.has(entry.docId) && !newest.has(entry.docId)) newest.set(entry.docId, entry);
    }
    return [...newest.values()];
  }

  /** Counts, version, dates, last refresh and index size of the live corpus. */
  async status(): Promise<CorpusStatus> {
    const { corpus, index, loadedAt, loadedBy, snapshotBytes } = this.live.current;
    const dates = corpus.documents.map((document) => document.date).sort();
    const [records, entries, removed, shared] = await Promise.all([
      this.audit.records(),
      this.history.entries(),
      this.removedDocuments(),
      this.options.shared?.status(),
    ]);
    const first = dates[0];
    const last = dates.at(-1);
    const lastChange = records.at(-1);
    const activity = this.activity;
    return {
      corpusDir: this.corpusDir,
      version: corpus.version,
      documents: corpus.documents.length,
      passages: passageCount(corpus),
      ...(first && last ? { dateRange: { first, last } } : {}),
      invalid: corpus.problems,
      lastRefresh: { at: loadedAt.toISOString(), by: loadedBy },
      ...(lastChange ? { lastChange } : {}),
      index: {
        terms: index.termCount,
        passages: index.passageCount,
        ...(snapshotBytes === undefined ? {} : { snapshotBytes }),
        ...(this.synced?.corpus === corpus ? { fromSnapshot: this.synced.fromSnapshot } : {}),
      },
      history: { entries: entries.length, removedDocuments: removed.length },
      ...(activity ? { activity } : {}),
      ...(shared ? { shared } : {}),
    };
  }

  /**
   * Re-reads the corpus directory and swaps in a new index built off the main thread. The old index keeps
   * answering meanwhile, and stays live if the new corpus cannot load. A reload asked for while another
   * operation runs waits for it, then reads the directory as that operation left it.
   */
  reload(
    actor: Actor,
    options: { rebuild?: boolean; trigger?: 'reload' | 'watch' } = {},
  ): Promise<ChangeReport> {
    const trigger = options.trigger ?? 'reload';
    return this.exclusive('reload', actor, async (waitedMs) => {
      const report = await this.refresh(trigger, actor, waitedMs, this.live.current.corpus, options.rebuild);
      if (report.unchanged) return report;
      const record: AuditRecord = {
        at: report.at,
        actor,
        action: 'reload',
        versionBefore: report.versionBefore,
        versionAfter: report.versionAfter,
        ok: report.ok,
        ...(report.failure ? { failure: report.failure } : {}),
        documents: report.documentsAfter,
        passages: report.passagesAfter,
      };
      if (report.ok && this.options.shared && !(await this.options.shared.publishFolder(record))) {
        return { ...report, adopted: true };
      }
      await this.audit.append(record);
      return report;
    });
  }

  /**
   * Brings the corpus folder up to a version another replica made (`apply` writes it, and says whether
   * anything changed), then re-indexes as a reload does, in turn with every other operation. No audit line:
   * the change's own is copied from the shared store. Resolves to `undefined` when nothing changed.
   */
  adopt(actor: Actor, apply: () => Promise<boolean>): Promise<ChangeReport | undefined> {
    return this.exclusive('reload', actor, async (waitedMs) => {
      const baseline = this.live.current.corpus;
      if (!(await apply())) return undefined;
      return this.refresh('reload', actor, waitedMs, baseline);
    });
  }

  /** Adds a new article. Refuses, changing nothing, when the file is invalid, a duplicate, or its name is taken. */
  add(upload: Upload, actor: Actor): Promise<AddResult> {
    return this.exclusive('add', actor, async (waitedMs) => {
      const baseline = this.live.current.corpus;
      const corpus = await this.freshCorpus(actor);
      const validated = await this.uploads.validate(upload, this.uploads.fileNameFor(upload));
      const { document } = validated;
      const taken = this.targetOf(corpus, document.id);
      if (taken) {
        throw new CorpusStoreError(
          'exists',
          taken.document
            ? `${upload.name}: the corpus already has "${taken.document.title}" as ${taken.file} (id ${document.id}); use replace to update it`
            : `${upload.name}: the corpus already has a file ${taken.file} with id ${document.id}, which does not load; use replace to fix it`,
        );
      }
      refuseDuplicate(upload.name, document, corpus.documents);
      await this.step('add', 'validated');
      const record = auditRecord('add', actor, corpus, document.id, {
        after: auditVersion(document.file, document.contentHash, validated.bytes),
        versionAfter: corpusVersion([...corpus.documents, document]),
      });
      await this.options.shared?.commit({
        record,
        written: [{ file: document.file, bytes: validated.bytes }],
        removed: [],
      });
      await this.change({ record }, async () => {
        try {
          await createFileDurably(join(this.corpusDir, document.file), validated.bytes);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          throw new CorpusStoreError(
            'exists',
            `${upload.name}: ${document.file} already exists in the corpus; use replace`,
          );
        }
        await this.step('add', 'written');
      });
      const report = await this.refresh('add', actor, waitedMs, baseline);
      return {
        document: summarize(document),
        firstParagraph: firstParagraph(document),
        ignoredOptions: validated.ignoredOptions,
        report,
      };
    });
  }

  /**
   * Replaces a document (or an invalid file with that id) with a corrected version. The old version is kept
   * in history before the new one is written; the document keeps its id and place.
   */
  replace(docId: string, upload: Upload, actor: Actor): Promise<ReplaceResult> {
    return this.exclusive('replace', actor, async (waitedMs) => {
      const baseline = this.live.current.corpus;
      const corpus = await this.freshCorpus(actor);
      const target = this.requireTarget(corpus, docId);
      const extension = checkUploadName(upload.name);
      const validated = await this.uploads.validate(
        upload,
        join(dirname(target.file), `${documentIdFor(target.file)}${extension}`),
      );
      const { document } = validated;
      const { file } = document;
      const old = target.document;
      if (
        old &&
        old.contentHash === document.contentHash &&
        isDeepStrictEqual(summarize(old), summarize(document))
      ) {
        throw new CorpusStoreError('unchanged', `${upload.name} is the same as the live version of ${docId}`);
      }
      refuseDuplicate(
        upload.name,
        document,
        corpus.documents.filter((other) => other.id !== document.id),
      );
      if (file !== target.file && (await pathExists(join(this.corpusDir, file)))) {
        throw new CorpusStoreError('exists', `${file} already exists in the corpus beside ${target.file}`);
      }
      await this.step('replace', 'validated');
      const oldBytes = await readFile(join(this.corpusDir, target.file));
      const previous = await this.history.plan(target.version, oldBytes, 'replaced', actor);
      const others = corpus.documents.filter((other) => other.id !== document.id);
      const record = auditRecord('replace', actor, corpus, docId, {
        before: auditVersion(target.file, target.version.contentHash, oldBytes),
        after: auditVersion(file, document.contentHash, validated.bytes),
        historyEntry: previous.id,
        versionAfter: corpusVersion([...others, document]),
      });
      await this.options.shared?.commit({
        record,
        written: [{ file, bytes: validated.bytes }],
        removed: file === target.file ? [] : [target.file],
        archived: { entry: previous, bytes: oldBytes },
      });
      await this.change({ record, archived: previous }, async () => {
        await this.history.write(previous, oldBytes);
        await this.step('replace', 'archived');
        if (file === target.file) {
          await writeFileDurably(join(this.corpusDir, file), validated.bytes);
          await this.step('replace', 'written');
        } else {
          // A new name (another format, or a name brought in line with the id): write it before the old one goes.
          await createFileDurably(join(this.corpusDir, file), validated.bytes);
          await this.step('replace', 'written');
          await unlinkDurably(join(this.corpusDir, target.file));
          await this.step('replace', 'unlinked');
        }
      });
      const report = await this.refresh('replace', actor, waitedMs, baseline);
      return {
        document: summarize(document),
        firstParagraph: firstParagraph(document),
        ignoredOptions: validated.ignoredOptions,
        previous,
        report,
      };
    });
  }

  /** Moves a document (or an invalid file with that id) into history and re-indexes; `restore` brings it back. */
  remove(docId: string, actor: Actor): Promise<RemoveResult> {
    return this.exclusive('remove', actor, async (waitedMs) => {
      const baseline = this.live.current.corpus;
      const corpus = await this.freshCorpus(actor);
      const target = this.requireTarget(corpus, docId);
      if (target.document && corpus.documents.length === 1) {
        throw new CorpusStoreError(
          'last-document',
          `"${target.document.title}" is the only document in the corpus; add another before removing it`,
        );
      }
      await this.step('remove', 'validated');
      const bytes = await readFile(join(this.corpusDir, target.file));
      const entry = await this.history.plan(target.version, bytes, 'removed', actor);
      const record = auditRecord('remove', actor, corpus, docId, {
        before: auditVersion(target.file, target.version.contentHash, bytes),
        after: null,
        historyEntry: entry.id,
        versionAfter: corpusVersion(corpus.documents.filter((other) => other.id !== docId)),
      });
      await this.options.shared?.commit({
        record,
        written: [],
        removed: [target.file],
        archived: { entry, bytes },
      });
      await this.change({ record, archived: entry }, async () => {
        await this.history.write(entry, bytes);
        await this.step('remove', 'archived');
        await unlinkDurably(join(this.corpusDir, target.file));
        await this.step('remove', 'unlinked');
      });
      const report = await this.refresh('remove', actor, waitedMs, baseline);
      return { entry, report };
    });
  }

  /**
   * Brings a document back from history: by history entry id (`docId@stamp`), or by document id for its
   * newest entry. Refused while a document with that id, or the same text, is live.
   */
  restore(target: string, actor: Actor): Promise<RestoreResult> {
    return this.exclusive('restore', actor, async (waitedMs) => {
      const baseline = this.live.current.corpus;
      const corpus = await this.freshCorpus(actor);
      const entry = await this.history.find(target.trim());
      if (!entry) {
        throw new CorpusStoreError('not-found', `nothing in history matches "${target}"`);
      }
      const live = this.targetOf(corpus, entry.docId);
      if (live) {
        throw new CorpusStoreError(
          'live',
          `${entry.docId} is live again (${live.file}); remove it first, or use replace to change it`,
        );
      }
      let document: CorpusDocument;
      const bytes = await this.history.read(entry);
      try {
        document = await this.parser.parse(entry.file, bytes);
      } catch (error) {
        if (!(error instanceof DocumentError)) throw error;
        throw new CorpusStoreError('invalid', fileSays(`${entry.file} (from history)`, error.message));
      }
      refuseDuplicate(entry.file, document, corpus.documents);
      await this.step('restore', 'validated');
      const record = auditRecord('restore', actor, corpus, entry.docId, {
        before: null,
        after: auditVersion(entry.file, document.contentHash, bytes),
        historyEntry: entry.id,
        versionAfter: corpusVersion([...corpus.documents, document]),
      });
      await this.options.shared?.commit({ record, written: [{ file: entry.file, bytes }], removed: [] });
      await this.change({ record }, async () => {
        try {
          await createFileDurably(join(this.corpusDir, entry.file), bytes);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
          throw new CorpusStoreError('exists', `${entry.file} already exists in the corpus`);
        }
        await this.step('restore', 'written');
      });
      const report = await this.refresh('restore', actor, waitedMs, baseline);
      return { document: summarize(document), firstParagraph: firstParagraph(document), entry, report };
    });
  }

  private async exclusive<T>(
    action: AuditAction,
    actor: Actor,
    operation: (waitedMs: number) => Promise<T>,
  ): Promise<T> {
    const asked = performance.now();
    this.waiting++;
    const run = this.queue.then(async () => {
      this.waiting--;
      this.running = { action, actor, since: new Date(), waiting: 0 };
      try {
        return await operation(Math.round(performance.now() - asked));
      } finally {
        this.running = undefined;
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async step(action: AuditAction, step: StoreStep): Promise<void> {
    faultPoint(`${action}:${step}`);
    await this.options.onStep?.(action, step);
  }

  /**
   * The corpus as it is on disk now. Files edited by hand since the last load make the store reload first,
   * so duplicates and names are checked against what is really there.
   */
  private async freshCorpus(actor: Actor): Promise<Corpus> {
    const current = this.live.current.corpus;
    const fingerprint = await corpusFingerprint(this.corpusDir);
    if (
      fingerprint !== undefined &&
      this.synced?.corpus === current &&
      this.synced.fingerprint === fingerprint
    ) {
      return current;
    }
    const report = await this.refresh('reload', actor, 0, current);
    if (report.ok) return this.live.current.corpus;
    // An empty corpus has nothing to lose: its folder may take a first article even while nothing in it loads.
    if (current.documents.length === 0 && (await isDirectory(this.corpusDir))) return current;
    throw new CorpusStoreError('unavailable', `corpus: ${report.failure}`);
  }

  private async refresh(
    trigger: ReportTrigger,
    actor: Actor,
    waitedMs: number,
    baseline: Corpus,
    rebuild = false,
  ): Promise<ChangeReport> {
    const started = performance.now();
    const before = this.live.current.corpus;
    await this.step(trigger === 'watch' ? 'reload' : (trigger as AuditAction), 'indexing');
    const outcome = await this.indexer
      .index({
        dir: this.corpusDir,
        snapshotDir: this.snapshotDir,
        knownVersion: before.version,
        knownProblems: before.problems,
        rebuild,
        background: true,
      })
      // Whatever went wrong while indexing, the old index stays live and the failure is reported.
      .catch(
        (error: unknown): IndexOutcome => ({
          kind: 'failed',
          reason: error instanceof Error ? error.message : String(error),
          problems: before.problems,
        }),
      );
    const common = {
      trigger,
      actor,
      at: new Date().toISOString(),
      versionBefore: baseline.version,
      documentsBefore: baseline.documents.length,
      passagesBefore: passageCount(baseline),
      waitedMs,
    };
    if (outcome.kind === 'failed') {
      return {
        ...common,
        ok: false,
        failure: outcome.reason,
        unchanged: false,
        versionAfter: before.version,
        added: [],
        removed: [],
        changed: [],
        documentsAfter: before.documents.length,
        passagesAfter: passageCount(before),
        invalid: outcome.problems,
        fromSnapshot: false,
        durationMs: Math.round(performance.now() - started),
      };
    }
    if (outcome.kind === 'loaded') this.live.swap(stateFrom(outcome, actor));
    const after = this.live.current.corpus;
    const fromSnapshot =
      outcome.kind === 'loaded' ? outcome.fromSnapshot : (this.synced?.fromSnapshot ?? false);
    this.synced = { corpus: after, fingerprint: outcome.fingerprint, fromSnapshot };
    return {
      ...common,
      ok: true,
      unchanged: after.version === baseline.version && isDeepStrictEqual(after.problems, baseline.problems),
      versionAfter: after.version,
      ...compareCorpora(baseline, after),
      documentsAfter: after.documents.length,
      passagesAfter: passageCount(after),
      invalid: after.problems,
      fromSnapshot,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Makes a change on disk and writes its audit line as one unit: the change is set down in the journal
   * before its first write, so if the process dies before the line is written, the next start writes it.
   */
  private async change(pending: PendingChange, apply: () => Promise<void>): Promise<void> {
    const entry = await this.journal.begin(pending);
    try {
      await apply();
    } catch (error) {
      // A refusal writes nothing; anything else leaves the journal for the next start to settle.
      if (error instanceof CorpusStoreError) await this.journal.end(entry);
      throw error;
    }
    await this.audit.append(pending.record);
    await this.step(pending.record.action, 'audited');
    await this.journal.end(entry);
  }

  /** The live document with this id, or an invalid file whose name gives that id. */
  private targetOf(corpus: Corpus, docId: string): Target | undefined {
    const document = corpus.documents.find((candidate) => candidate.id === docId);
    if (document) return { file: document.file, version: archivedVersionOf(document), document };
    const problem = corpus.problems.find((candidate) => documentIdFor(candidate.file) === docId);
    if (!problem) return undefined;
    return {
      file: problem.file,
      version: {
        docId,
        file: problem.file,
        title: problem.file,
        source: '',
        date: '',
        passages: 0,
        contentHash: '',
      },
    };
  }

  private requireTarget(corpus: Corpus, docId: string): Target {
    const target = this.targetOf(corpus, docId.trim());
    if (!target) {
      throw new CorpusStoreError('not-found', `no document has the id "${docId}"; list shows every id`);
    }
    return target;
  }
}
