import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Briefing, Timeline } from '../../src/summary/types.ts';
import { runOnDemand } from '../cli/runScript.ts';
import { UNREST_DIR } from './summaryFixtures.ts';

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dossier-summary-cli-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const run = runOnDemand(() => {
  const options = { dataDir: join(workDir, 'data') };
  const missing = join(workDir, 'no-such-folder');
  return {
    summaryJson: ['summary', ['--json'], options],
    summaryText: ['summary', ['--corpus', UNREST_DIR, '--topic', 'internet', '--length', 'short'], options],
    summaryNothing: ['summary', ['--corpus', UNREST_DIR, '--topic', 'Eurovision song contest'], options],
    summaryBadLength: ['summary', ['--length', 'huge'], options],
    summaryMissing: ['summary', ['--corpus', missing], options],
    timelineJson: ['timeline', ['--corpus', UNREST_DIR, '--json'], options],
    timelineText: ['timeline', [], options],
    timelineBadLimit: ['timeline', ['--limit', '0'], options],
    timelineMissing: ['timeline', ['--corpus', missing, '--json'], options],
  };
});

describe('npm run summary', () => {
  it('prints one JSON briefing whose lines carry their quote and citation in the shape of answers', async () => {
    const { status, stdout } = await run('summaryJson');
    expect(status).toBe(0);
    const briefing = JSON.parse(stdout) as Briefing;
    expect(briefing).toMatchObject({ found: true, length: 'medium' });
    expect(briefing.lines).toHaveLength(6);
    for (const line of briefing.lines) {
      expect(line.context.slice(line.highlight.start, line.highlight.end)).toBe(line.quote);
      expect(typeof line.score).toBe('number');
      expect(line.citation).toEqual({
        docId: 'csto-withdrawal-begins',
        title: 'Russian-led contingent begins its withdrawal from Kazakhstan',
        source: 'AFP',
        date: '2022-01-13',
        paragraph: expect.any(Number),
      });
    }
  });

  it('prints a readable briefing on a topic, each quote with its citation line', async () => {
    const { status, stdout } = await run('summaryText');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Briefing about “internet” · short · 3 lines/);
    const quotes = stdout.match(/^\d\. .*$/gm) ?? [];
    expect(quotes).toHaveLength(3);
    for (const quote of quotes) expect(quote).toMatch(/internet|online/i);
    expect(stdout).toMatch(
      /^ {3}— Banks reopen and internet returns as Almaty counts the cost · Steppe Herald · 2022-01-11 · ¶2$/m,
    );
    expect(stdout).toMatch(/^ {3}when: 2022-01-10 \(“on Monday”\)$/m);
  });

  it('says there is nothing about an unknown topic, and exits normally', async () => {
    const { status, stdout } = await run('summaryNothing');
    expect(status).toBe(0);
    expect(stdout.trim()).toBe('No passages about “Eurovision song contest” in the corpus.');
  });

  it('refuses an unknown length with exit status 2', async () => {
    const { status, stdout, stderrLines } = await run('summaryBadLength');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderrLines[0]).toBe('--length must be short, medium or long, not “huge”');
  });

  it('exits 2 with one line on stderr when the corpus folder is missing', async () => {
    const { status, stdout, stderrLines } = await run('summaryMissing');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderrLines).toHaveLength(1);
    expect(stderrLines[0]).toMatch(/^corpus: .*no-such-folder/);
  });
});

describe('npm run timeline', () => {
  it('prints one JSON timeline whose events carry quote, citation and resolved date', async () => {
    const { status, stdout } = await run('timelineJson');
    expect(status).toBe(0);
    const timeline = JSON.parse(stdout) as Timeline;
    expect(timeline.found).toBe(true);
    expect(timeline.events.length).toBeGreaterThan(10);
    for (const event of timeline.events) {
      expect(event.context.slice(event.highlight.start, event.highlight.end)).toBe(event.quote);
      expect(event.citation).toMatchObject({ docId: expect.any(String), paragraph: expect.any(Number) });
      expect(event.event).toMatchObject({
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        approximate: expect.any(Boolean),
      });
      expect(event.quote).toContain(event.event.text);
    }
    const withUrl = timeline.events.find((event) => event.citation.docId === 'fuel-protests-spread');
    expect(withUrl?.citation.url).toBe('https://centralasiawire.example/2022/01/04/fuel-protests-spread');
  });

  it('prints a readable timeline that marks approximate dates', async () => {
    const { status, stdout } = await run('timelineText');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Timeline · 6 events/);
    expect(stdout).toMatch(/^2022-01-02 · “January 2”$/m);
    expect(stdout).toMatch(/^≈ week of 2022-01-06 · “last week”$/m);
    expect(stdout).toMatch(
      /^ {2}— Russian-led contingent begins its withdrawal from Kazakhstan · AFP · 2022-01-13 · ¶8$/m,
    );
  });

  it('refuses a limit out of range, and a missing corpus, with exit status 2', async () => {
    expect((await run('timelineBadLimit')).status).toBe(2);
    expect((await run('timelineBadLimit')).stderrLines[0]).toMatch(
      /^--limit must be a whole number from 1 to \d+$/,
    );
    const missing = await run('timelineMissing');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderrLines).toHaveLength(1);
  });
});
