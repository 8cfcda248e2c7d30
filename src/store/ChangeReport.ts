import type { Corpus, CorpusDocument, CorpusProblem } from '../corpus/types.ts';
import type { Actor } from './CorpusHistory.ts';

/** A document as reports and lists show it. */
export interface DocumentSummary {
  id: string;
  file: string;
  title: string;
  source: string;
  date: string;
  url?: string;
  passages: number;
  contentHash: string;
}

/** What differs between two versions of one document. */
export type DocumentAspect = 'text' | 'title' | 'source' | 'date' | 'url' | 'file';

export interface DocumentChange {
  before: DocumentSummary;
  after: DocumentSummary;
  changed: DocumentAspect[];
}

/** What triggered a re-index. */
export type ReportTrigger = 'reload' | 'watch' | 'add' | 'replace' | 'remove' | 'restore';

/**
 * The outcome of one refresh of the live index, as plain data for any renderer. When `ok` is false the
 * old index is still live, `failure` says why, and `invalid` lists what the attempted load found.
 */
export interface ChangeReport {
  trigger: ReportTrigger;
  actor: Actor;
  /** ISO time the refresh finished. */
  at: string;
  ok: boolean;
  failure?: string;
  /** Whether the corpus on disk matched the live one, so nothing was swapped. */
  unchanged: boolean;
  /**
   * With a shared store: the folder already held what another replica had committed, so this replica only
   * caught up. That replica reported the change; reporting it here too would announce it twice.
   */
  adopted?: true;
  versionBefore: string;
  versionAfter: string;
  added: DocumentSummary[];
  removed: DocumentSummary[];
  changed: DocumentChange[];
  documentsBefore: number;
  documentsAfter: number;
  passagesBefore: number;
  passagesAfter: number;
  /** Every file that could not be loaded, with its reason. */
  invalid: CorpusProblem[];
  /** Whether the index came from a saved snapshot rather than a fresh build. */
  fromSnapshot: boolean;
  /** Time spent waiting for another corpus operation to finish first. */
  waitedMs: number;
  /** Time the refresh itself took, from reading the directory to the swap. */
  durationMs: number;
}

/** A document's listing: what `list()` returns and reports name. */
export function summarize(document: CorpusDocument): DocumentSummary {
  return {
    id: document.id,
    file: document.file,
    title: document.title,
    source: document.source,
    date: document.date,
    ...(document.url ? { url: document.url } : {}),
    passages: document.passages.length,
    contentHash: document.contentHash,
  };
}

/** Total passages of a corpus. */
export function passageCount(corpus: Pick<Corpus, 'documents'>): number {
  return corpus.documents.reduce((sum, document) => sum + document.passages.length, 0);
}

function differences(before: DocumentSummary, after: DocumentSummary): DocumentAspect[] {
  const aspects: DocumentAspect[] = [];
  if (before.contentHash !== after.contentHash) aspects.push('text');
  for (const aspect of ['title', 'source', 'date', 'url', 'file'] as const) {
    if ((before[aspect] ?? '') !== (after[aspect] ?? '')) aspects.push(aspect);
  }
  return aspects;
}

/** Documents added, removed and changed between two corpora, matched by document id. */
export function compareCorpora(
  before: Pick<Corpus, 'documents'>,
  after: Pick<Corpus, 'documents'>,
): Pick<ChangeReport, 'added' | 'removed' | 'changed'> {
  const old = new Map(before.documents.map((document) => [document.id, summarize(document)]));
  const next = new Map(after.documents.map((document) => [document.id, summarize(document)]));
  const changed: DocumentChange[] = [];
  for (const [id, summary] of next) {
    const previous = old.get(id);
    if (!previous) continue;
    const aspects = differences(previous, summary);
    if (aspects.length > 0) changed.push({ before: previous, after: summary, changed: aspects });
  }
  return {
    added: [...next.values()].filter((summary) => !old.has(summary.id)),
    removed: [...old.values()].filter((summary) => !next.has(summary.id)),
    changed,
  };
}

const TRIGGER_WORDS: Record<ReportTrigger, string> = {
  reload: 'Reload',
  watch: 'Reload after files changed',
  add: 'Re-index after adding a document',
  replace: 'Re-index after replacing a document',
  remove: 'Re-index after removing a document',
  restore: 'Re-index after restoring a document',
};

function documentLine(summary: DocumentSummary): string {
  return `${summary.title} · ${summary.source} · ${summary.date} · ${summary.passages} passages (${summary.file})`;
}

/** The report as plain text, for the terminal and the log. */
export function renderChangeReport(report: ChangeReport): string {
  const heading = `${TRIGGER_WORDS[report.trigger]} by ${report.actor.name}`;
  const lines: string[] = [];
  if (!report.ok) {
    lines.push(`${heading} failed: ${report.failure ?? 'unknown reason'}`);
    lines.push(`The previous corpus (version ${report.versionBefore}) is still live.`);
  } else if (report.unchanged) {
    lines.push(`${heading}: no changes (version ${report.versionAfter}).`);
  } else {
    lines.push(`${heading}: version ${report.versionBefore} → ${report.versionAfter}`);
  }
  if (report.ok && !report.unchanged) {
    lines.push(
      `Documents ${report.documentsBefore} → ${report.documentsAfter}, passages ${report.passagesBefore} → ${report.passagesAfter}`,
    );
  }
  for (const summary of report.added) lines.push(`  + ${documentLine(summary)}`);
  for (const summary of report.removed) lines.push(`  - ${documentLine(summary)}`);
  for (const change of report.changed) {
    const passages =
      change.before.passages === change.after.passages
        ? ''
        : `, passages ${change.before.passages} → ${change.after.passages}`;
    lines.push(`  ~ ${documentLine(change.after)}: ${change.changed.join(', ')} changed${passages}`);
  }
  if (report.invalid.length > 0) {
    lines.push(`${report.invalid.length} invalid file${report.invalid.length === 1 ? '' : 's'}, not loaded:`);
    for (const problem of report.invalid) lines.push(`  ! ${problem.file}: ${problem.reason}`);
  }
  return lines.join('\n');
}

/** What a log line about a change report carries besides its text: the versions and how many documents moved. */
export function reportLogFields(report: ChangeReport) {
  return {
    versionBefore: report.versionBefore,
    versionAfter: report.versionAfter,
    added: report.added.length,
    removed: report.removed.length,
    changed: report.changed.length,
    invalid: report.invalid.length,
  };
}
