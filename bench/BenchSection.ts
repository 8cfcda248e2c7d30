import type { Corpus } from '../src/corpus/types.ts';
import type { ArticleFile } from './generateCorpus.ts';
import type { GeneratedQuestion } from './generateQuestions.ts';

type Unit = 'ms' | 'MB' | '×' | '%' | 'count';

/** Who the corpus store records as making the bench's changes and reloads. */
export const BENCH_ACTOR = { id: 'bench', name: 'bench' };

/** `MAX_UPLOAD_BYTES` of the stores the bench opens: the default, enough for every generated article. */
export const BENCH_MAX_UPLOAD_BYTES = 1024 * 1024;

/** One measured quantity: Dossier's figure, and the baseline's when there is one to compare with. */
export interface BenchRow {
  metric: string;
  unit: Unit;
  ours: number;
  /** The same measurement for the peer Dossier is compared with (MiniSearch with the same stop words), when it applies. */
  baseline?: number;
  /** The same measurement for a second peer (MiniSearch with default options), shown in a column of its own. */
  second?: number;
  /** What exactly was measured, when the metric name cannot say it. */
  note?: string;
}

/** A goal from the project's requirements, checked against a measurement. */
export interface TargetCheck {
  target: string;
  measured: string;
  pass: boolean;
}

export interface SectionResult {
  id: string;
  title: string;
  /** Headings of the figure columns, when they are not Dossier and default MiniSearch; a third names `second`. */
  columns?: [ours: string, baseline: string, second?: string];
  rows: BenchRow[];
  targets: TargetCheck[];
}

/** A generated corpus, with what it cost to parse: the part of a cold start no index snapshot saves. */
export interface BenchCorpus {
  corpus: Corpus;
  /** The article files it was parsed from, for sections that write a corpus directory. */
  articles: ArticleFile[];
  /** Size of the article files, in MB. */
  megabytes: number;
  /** Time `buildCorpus` took to parse the articles into passages and sentences. */
  parseMs: number;
}

/** What every section can use; corpora and questions are generated once and shared between sections. */
export interface BenchContext {
  seed: number;
  corpus(passages: number): BenchCorpus;
  questions(passages: number): GeneratedQuestion[];
  /** Progress for the person waiting; goes to stderr, so `--json` output stays clean. */
  log(message: string): void;
}

/** A part of the benchmark: runs its measurements and returns rows and target checks. */
export interface BenchSection {
  /** Short name for `--only`. */
  id: string;
  /** Runs only when named with `--only`: too long or too large for the default run. */
  onRequest?: boolean;
  run(context: BenchContext): Promise<SectionResult>;
}

/**
 * A section's questions over its generated corpus: the first `warmUp` to ask untimed, then `timed` to time;
 * a section that would time fewer than it says fails instead.
 */
export function warmUpAndTimed(
  context: BenchContext,
  passages: number,
  id: string,
  counts: { warmUp: number; timed: number },
): { warmUp: string[]; timed: string[] } {
  const texts = context.questions(passages).map((question) => question.text);
  const timed = texts.slice(counts.warmUp, counts.warmUp + counts.timed);
  if (timed.length < counts.timed) throw new Error(`bench: ${id} needs more questions`);
  return { warmUp: texts.slice(0, counts.warmUp), timed };
}

/** A target of the form "measured ≤ limit". */
export function atMost(target: string, measured: number, limit: number, unit: string): TargetCheck {
  return { target, measured: `${formatNumber(measured)} ${unit}`, pass: measured <= limit };
}

/** A target of the form "measured ≥ limit". */
export function atLeast(target: string, measured: number, limit: number, unit: string): TargetCheck {
  return { target, measured: `${formatNumber(measured)} ${unit}`, pass: measured >= limit };
}

/** Three significant figures, enough to compare and short enough for a table. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toFixed(digits);
}

/** The machine's load when a timed section began: timings on a shared machine are read against it. */
export function loadAverageRow(load: number): BenchRow {
  return {
    metric: 'load average (1 min) when timing began',
    unit: 'count',
    ours: load,
    note: 'the machine is shared; timings run slow when this is above the number of cores',
  };
}
