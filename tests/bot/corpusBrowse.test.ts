import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitViolations } from '../../src/discord/render/messageLimits.ts';
import type { ReplyMessage } from '../../src/discord/render/ReplyMessage.ts';
import { buttonInteraction } from '../../support/payloads.ts';
import { markdownArticle } from '../corpus/corpusFrom.ts';
import { makeStoreDirs } from '../corpus-store/storeFixture.ts';
import { type CorpusBot, MODERATOR_USER, startCorpusBot } from './corpusTestBot.ts';
import { buttons, isEphemeral, messageCarrying, type SentMessage, sentMessage } from './discordBodies.ts';

const CITIES = [
  'Aktau',
  'Almaty',
  'Taraz',
  'Shymkent',
  'Atyrau',
  'Kyzylorda',
  'Uralsk',
  'Aktobe',
  'Semey',
  'Pavlodar',
];

/** Twenty short wire reports, one a day from January 6, two cities a day, on top of the three fixture articles. */
function wireReports(): Array<[string, string]> {
  return Array.from({ length: 20 }, (_, i) => {
    const city = CITIES[i % CITIES.length] ?? 'Almaty';
    const day = String(6 + Math.floor(i / 2)).padStart(2, '0');
    const title = `Calm returns to ${city}, day ${i + 1} of the emergency`;
    const body = `Shops in ${city} reopened on January ${Number(day)} as the curfew eased, report ${i + 1} said.\n\nResidents of ${city} queued for bread and fuel for the ${i + 1}th time since the unrest.\n`;
    return [
      `wire-${i + 1}.md`,
      markdownArticle({ title, source: 'Wire copy', date: `2022-01-${day}` }, body),
    ];
  });
}

let corpus: CorpusBot;

beforeAll(async () => {
  const dirs = await makeStoreDirs();
  for (const [file, text] of wireReports()) await writeFile(join(dirs.corpusDir, file), text);
  await writeFile(join(dirs.corpusDir, 'draft-*notes*.md'), '---\ntitle: Notes\n---\nTo check.\n');
  corpus = await startCorpusBot({ dirs });
});
afterAll(() => corpus?.stop());

function lines(message: SentMessage | undefined): string[] {
  return (message?.embeds?.[0]?.description ?? '').split('\n');
}

async function click(label: string, on: SentMessage | undefined): Promise<SentMessage | undefined> {
  const customId = on && buttons(on).get(label)?.customId;
  if (!on || !customId) throw new Error(`no ${label} button`);
  const payload = buttonInteraction({
    customId,
    message: messageCarrying(corpus.bot.fake, on, MODERATOR_USER.id),
    user: MODERATOR_USER,
    moderator: true,
  });
  const [response] = await corpus.bot.interact(payload);
  return response && sentMessage(response);
}

describe('/corpus list', () => {
  it('pages through every document, ten at a time, oldest first, with buttons', async () => {
    const first = await corpus.corpus('list');
    expect(isEphemeral(first)).toBe(true);
    expect(limitViolations(first as ReplyMessage)).toEqual([]);
    expect(first?.embeds?.[0]?.title).toBe('Corpus: 23 documents');
    expect(lines(first)).toHaveLength(10);
    expect(lines(first)[0]).toBe(
      '**1.** *Fuel price protests spread from Zhanaozen across western Kazakhstan* · Steppe Herald · 2022-01-04 · 3 passages · `fuel-price-protests`',
    );
    expect(lines(first)[2]).toMatch(
      /^\*\*3\.\*\* \*Calm returns to Aktau, day 1 of the emergency\* · Wire copy · 2022-01-06 · 2 passages · `wire-1`$/,
    );
    expect(first?.embeds?.[0]?.footer?.text).toMatch(
      /^Page 1 of 3 · 49 passages in all · oldest article first/,
    );
    expect(buttons(first).get('◀ Previous')?.disabled).toBe(true);
    expect(buttons(first).get('1 of 3')?.disabled).toBe(true);

    const second = await click('Next ▶', first);
    expect(lines(second)[0]).toMatch(/^\*\*11\.\*\* /);
    expect(lines(second)).toHaveLength(10);
    const third = await click('Next ▶', second);
    expect(lines(third).map((line) => line.match(/^\*\*(\d+)\.\*\*/)?.[1])).toEqual(['21', '22', '23']);
    const listed = [first, second, third].flatMap(lines).map((line) => line.match(/`([a-z0-9-]+)`$/)?.[1]);
    const ids = corpus.bot.bot.context.live.current.corpus.documents.map((document) => document.id);
    expect(listed.sort()).toEqual(ids.sort());
    expect(lines(third)[2]).toContain(' · 2022-01-15 · ');
    expect(buttons(third).get('Next ▶')?.disabled).toBe(true);
    expect(await click('◀ Previous', third).then(lines)).toEqual(lines(second));
  });

  it('lists files that do not load, with their reasons, names escaped', async () => {
    const list = await corpus.corpus('list');
    expect(list?.embeds?.[0]?.fields).toEqual([
      {
        name: 'Not loaded (1)',
        value: '- draft-\\*notes\\*.md: front matter has no "source"; front matter has no "date"',
      },
    ]);
  });
});

describe('/corpus status', () => {
  it('shows the version, counts, dates, last refresh, index and snapshot sizes, and history', async () => {
    const status = await corpus.corpus('status');
    expect(isEphemeral(status)).toBe(true);
    const fields = Object.fromEntries(
      (status?.embeds?.[0]?.fields ?? []).map((field) => [field.name, field.value]),
    );
    const { corpus: live, index } = corpus.bot.bot.context.live.current;
    expect(fields).toEqual({
      Version: `\`${live.version}\``,
      Documents: '23 (49 passages)',
      Dates: '2022-01-04 to 2022-01-15',
      'Last refreshed': expect.stringMatching(/^<t:\d+:f> \(<t:\d+:R>\) at start-up$/),
      'Last change': 'none recorded',
      Index: expect.stringMatching(
        new RegExp(`^${index.termCount} terms over 49 passages · snapshot \\d+\\.\\d KB, built afresh$`),
      ),
      History: '0 versions kept · 0 removed documents that `/corpus restore` can bring back',
      'Not loaded (1)': '- draft-\\*notes\\*.md: front matter has no "source"; front matter has no "date"',
    });

    await corpus.corpus('remove', { document: 'wire-20' });
    const after = await corpus.corpus('status');
    const changed = Object.fromEntries(
      (after?.embeds?.[0]?.fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(changed.Documents).toBe('22 (47 passages)');
    expect(changed['Last refreshed']).toMatch(/ by aigerim$/);
    expect(changed['Last change']).toMatch(/^remove `wire-20` by aigerim, <t:\d+:f>/);
    expect(changed.History).toBe('1 version kept · 1 removed document that `/corpus restore` can bring back');
  });
});
