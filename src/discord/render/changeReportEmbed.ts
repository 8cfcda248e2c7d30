import type { APIEmbed } from 'discord-api-types/v10';
import type { CorpusProblem } from '../../corpus/types.ts';
import type {
  ChangeReport,
  DocumentChange,
  DocumentSummary,
  ReportTrigger,
} from '../../store/ChangeReport.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { quoteMarkdown } from './quoteMarkdown.ts';
import { linesWithin } from './truncateText.ts';

/** Titles are cut here in report lines; `/corpus list` and `/source` show them whole. */
const MAX_TITLE_CHARS = 120;
const MAX_REASON_CHARS = 300;
/** Entries listed per section at most; a reload of a whole folder names the first ones and counts the rest. */
const ENTRY_CAPS = [15, 8, 4, 2, 0];

export interface ChangeReportEmbedOptions {
  /** Room for the description; less when the report shares a message with another embed. */
  maxDescription?: number;
}

const HEADINGS: Record<ReportTrigger, string> = {
  reload: 'Corpus reloaded',
  watch: 'Corpus reloaded after its files changed',
  add: 'Article added',
  replace: 'Article replaced',
  remove: 'Article removed',
  restore: 'Article restored',
};

/** `1 passage`, `9 passages`. */
export function countOf(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** A duration as people read it: `40 ms`, `2.4 s`, `12 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/** `*Title* · Source · 2022-01-10 · 3 passages · \`id\``: a document as report lines and lists show it. */
export function documentLine(document: DocumentSummary): string {
  return [
    `*${markdownExcerpt(document.title, { max: MAX_TITLE_CHARS })}*`,
    markdownExcerpt(document.source, { max: 60 }),
    document.date || 'undated',
    countOf(document.passages, 'passage'),
    // Ids are letters, digits and dashes: safe inside a code span.
    `\`${document.id}\``,
  ].join(' · ');
}

/** `file.md: reason`, escaped: a file that does not load. */
export function problemLine(problem: CorpusProblem): string {
  return `${quoteMarkdown(problem.file)}: ${markdownExcerpt(problem.reason, { max: MAX_REASON_CHARS })}`;
}

function changeLine(change: DocumentChange): string {
  const passages =
    change.before.passages === change.after.passages
      ? ''
      : ` · passages ${change.before.passages} → ${change.after.passages}`;
  return `${documentLine(change.after)} · ${change.changed.join(', ')} changed${passages}`;
}

function section(heading: string, lines: readonly string[], cap: number): string[] {
  if (lines.length === 0) return [];
  const shown = lines.slice(0, cap).map((line) => `- ${line}`);
  const rest = lines.length - shown.length;
  return [`**${heading}** (${lines.length})`, ...shown, ...(rest > 0 ? [`- … and ${rest} more`] : [])];
}

function title(report: ChangeReport): string {
  const by = report.trigger === 'watch' ? '' : ` by ${report.actor.name}`;
  if (!report.ok) return `Reload${by} failed: the previous corpus is still live`;
  if (report.unchanged) return `${HEADINGS[report.trigger]}${by}: no changes`;
  return `${HEADINGS[report.trigger]}${by}`;
}

function summaryLines(report: ChangeReport): string[] {
  if (!report.ok) {
    return [
      `**Why:** ${markdownExcerpt(report.failure ?? 'unknown reason', { max: 600 })}`,
      `Dossier keeps answering from the previous corpus (version \`${report.versionBefore}\`, ${countOf(report.documentsBefore, 'document')}, ${countOf(report.passagesBefore, 'passage')}).`,
    ];
  }
  if (report.unchanged) {
    return [
      `The files match the live corpus (version \`${report.versionAfter}\`, ${countOf(report.documentsAfter, 'document')}, ${countOf(report.passagesAfter, 'passage')}).`,
    ];
  }
  return [
    `Version \`${report.versionBefore}\` → \`${report.versionAfter}\``,
    `Documents ${report.documentsBefore} → ${report.documentsAfter} · passages ${report.passagesBefore} → ${report.passagesAfter}`,
  ];
}

function footer(report: ChangeReport): string {
  const parts = [`took ${duration(report.durationMs)}`];
  if (report.waitedMs >= 100)
    parts.push(`waited ${duration(report.waitedMs)} for another change to finish first`);
  if (report.ok && !report.unchanged && report.fromSnapshot) parts.push('index from a saved snapshot');
  return parts.join(' · ');
}

/**
 * A change report as an embed: what went live (documents added, removed and changed, passages before →
 * after) and every file that does not load with its reason, or why a reload failed. Within Discord's limits
 * however many files changed: long lists name the first entries and count the rest.
 */
export function changeReportEmbed(report: ChangeReport, options: ChangeReportEmbedOptions = {}): APIEmbed {
  const max = Math.min(
    options.maxDescription ?? DISCORD_LIMITS.embedDescription,
    DISCORD_LIMITS.embedDescription,
  );
  const sections = [
    { heading: 'Added', lines: report.added.map(documentLine) },
    { heading: 'Removed', lines: report.removed.map(documentLine) },
    { heading: 'Changed', lines: report.changed.map(changeLine) },
    { heading: report.ok ? 'Not loaded' : 'Files that did not load', lines: report.invalid.map(problemLine) },
  ];
  let description = '';
  for (const cap of ENTRY_CAPS) {
    description = [
      ...summaryLines(report),
      ...sections.flatMap(({ heading, lines }) => section(heading, lines, cap)),
    ].join('\n');
    if (description.length <= max) break;
  }
  return {
    color: report.ok ? EMBED_COLORS.corpus : EMBED_COLORS.failure,
    title: markdownExcerpt(title(report), { max: DISCORD_LIMITS.embedTitle }),
    description: description.length <= max ? description : linesWithin(description.split('\n'), max),
    footer: { text: footer(report) },
    timestamp: report.at,
  };
}
