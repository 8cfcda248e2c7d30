import { describe, expect, it } from 'vitest';
import { changeReportEmbed } from '../../src/discord/render/changeReportEmbed.ts';
import { limitViolations } from '../../src/discord/render/messageLimits.ts';
import { renderCorpusChange } from '../../src/discord/render/renderCorpusChange.ts';
import { renderCorpusList } from '../../src/discord/render/renderCorpusList.ts';
import { renderCorpusStatus } from '../../src/discord/render/renderCorpusStatus.ts';
import type { ChangeReport, DocumentSummary } from '../../src/store/ChangeReport.ts';
import type { HistoryEntry } from '../../src/store/CorpusHistory.ts';
import type { CorpusStatus } from '../../src/store/storeTypes.ts';

const LONG_TITLE =
  'Kazakhstan’s president says the **Russian-led** contingent will leave within days, as @everyone in Almaty counts the cost of a week of unrest that left <@&110000000000000006> the city’s airport looted, its mayor’s office burned and hundreds of people dead or missing';

function summary(i: number): DocumentSummary {
  return {
    id: `wire-report-${i}`,
    file: `wire-report-${i}.md`,
    title: `${LONG_TITLE} (${i})`,
    source: 'Wire _desk_ <@&110000000000000006>',
    date: '2022-01-13',
    passages: 12,
    contentHash: `${i}`.padStart(16, '0'),
  };
}

/** A reload after a folder of 300 wire reports was copied in, 80 of them broken. */
const bigReport: ChangeReport = {
  trigger: 'reload',
  actor: { id: '248017795454697472', name: 'aigerim' },
  at: '2022-01-14T09:00:00.000Z',
  ok: true,
  unchanged: false,
  versionBefore: '0123456789abcdef',
  versionAfter: 'fedcba9876543210',
  added: Array.from({ length: 220 }, (_, i) => summary(i)),
  removed: Array.from({ length: 30 }, (_, i) => summary(1000 + i)),
  changed: Array.from({ length: 40 }, (_, i) => ({
    before: summary(2000 + i),
    after: { ...summary(2000 + i), passages: 14 },
    changed: ['text', 'title'],
  })),
  documentsBefore: 100,
  documentsAfter: 290,
  passagesBefore: 1200,
  passagesAfter: 3480,
  invalid: Array.from({ length: 80 }, (_, i) => ({
    file: `broken_${i}.md`,
    reason: `is not valid UTF-8 text; save it as UTF-8 (byte 0xe9 at offset ${i}) ${'and more detail '.repeat(30)}`,
  })),
  fromSnapshot: false,
  waitedMs: 2300,
  durationMs: 4200,
};

describe('change reports in Discord', () => {
  it('stay within one embed however many files changed, naming the first of each kind and counting the rest', () => {
    const embed = changeReportEmbed(bigReport);
    expect(limitViolations({ embeds: [embed] })).toEqual([]);
    const description = embed.description ?? '';
    expect(description).toMatch(
      /^Version `0123456789abcdef` → `fedcba9876543210`\nDocuments 100 → 290 · passages 1200 → 3480\n/,
    );
    for (const [heading, count] of [
      ['Added', 220],
      ['Removed', 30],
      ['Changed', 40],
      ['Not loaded', 80],
    ] as const) {
      const shown =
        description.match(new RegExp(`\\*\\*${heading}\\*\\* \\(${count}\\)\\n((?:- .*\\n?)+)`))?.[1] ?? '';
      const lines = shown.trim().split('\n');
      const more = Number(lines.at(-1)?.match(/^- … and (\d+) more$/)?.[1]);
      expect(lines.length - 1 + more).toBe(count);
    }
    expect(embed.footer?.text).toBe('took 4.2 s · waited 2.3 s for another change to finish first');
  });

  it('escape Markdown and keep mentions inert in titles, sources, file names and reasons', () => {
    const description = changeReportEmbed(bigReport).description ?? '';
    expect(description).toContain('\\*\\*Russian-led\\*\\*');
    expect(description).toContain('@\u200beveryone');
    expect(description).toContain('Wire \\_desk\\_ <\u200b@&110000000000000006>');
    expect(description).toContain('- broken\\_0.md: is not valid UTF-8');
    expect(description).not.toMatch(/[^\\]\*\*Russian/);
  });

  it('fit beside the document in the reply to a change, whatever the lengths', () => {
    const document = summary(1);
    const firstParagraph = `${LONG_TITLE}. `.repeat(40);
    const entry: HistoryEntry = {
      ...document,
      docId: document.id,
      id: `${document.id}@2022-01-14T09-00-00-000Z-removed`,
      kind: 'removed',
      at: '2022-01-14T09:00:00.000Z',
      actor: bigReport.actor,
      sha256: '0'.repeat(64),
      bytes: 4000,
    };
    const replies = [
      renderCorpusChange({
        action: 'add',
        result: { document, firstParagraph, ignoredOptions: ['title'], report: bigReport },
      }),
      renderCorpusChange({ action: 'remove', result: { entry, report: bigReport } }),
      renderCorpusChange({
        action: 'restore',
        result: { document, firstParagraph, entry, report: bigReport },
      }),
      renderCorpusChange({
        action: 'replace',
        result: { document, firstParagraph, ignoredOptions: [], previous: entry, report: bigReport },
      }),
    ];
    for (const reply of replies) {
      expect(limitViolations(reply)).toEqual([]);
      expect(reply.ephemeral).toBe(true);
    }
    expect(replies[0]?.embeds?.[0]?.description).toMatch(
      /^> Kazakhstan’s president says the \\\*\\\*Russian-led/,
    );
    expect(replies[0]?.embeds?.[0]?.footer?.text).toBe(
      "Not used, because the file's own front matter has them: title",
    );
  });

  it('list pages and the status stay within limits with long titles and many broken files', () => {
    const documents = Array.from({ length: 95 }, (_, i) => summary(i));
    const invalid = bigReport.invalid;
    for (const page of [0, 4, 9, 12]) {
      const reply = renderCorpusList({ documents, invalid, page, pageId: (n) => `corpus:list:${n}` });
      expect(limitViolations(reply)).toEqual([]);
    }
    const last = renderCorpusList({ documents, invalid, page: 99, pageId: (n) => `corpus:list:${n}` });
    expect(last.embeds?.[0]?.footer?.text).toMatch(/^Page 10 of 10 · /);
    const status: CorpusStatus = {
      corpusDir: '/srv/dossier/corpus',
      version: 'fedcba9876543210',
      documents: 290,
      passages: 3480,
      dateRange: { first: '2022-01-02', last: '2022-01-19' },
      invalid,
      lastRefresh: { at: bigReport.at, by: 'aigerim' },
      index: { terms: 18000, passages: 3480, snapshotBytes: 5_400_000, fromSnapshot: false },
      history: { entries: 12, removedDocuments: 3 },
      activity: { action: 'reload', actor: bigReport.actor, since: new Date(bigReport.at), waiting: 2 },
    };
    const reply = renderCorpusStatus(status);
    expect(limitViolations(reply)).toEqual([]);
    const fields = Object.fromEntries(
      (reply.embeds?.[0]?.fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(fields.Index).toBe('18,000 terms over 3,480 passages · snapshot 5.1 MB, built afresh');
    expect(fields['Running now']).toBe(
      'reload by aigerim, since <t:1642150800:f> (<t:1642150800:R>); 2 more waiting',
    );
  });
});
