import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import corpusCommand from '../../commands/corpus.ts';
import { limitViolations } from '../../src/discord/render/messageLimits.ts';
import type { ReplyMessage } from '../../src/discord/render/ReplyMessage.ts';
import type { AuditRecord } from '../../src/store/AuditLog.ts';
import { chatInputInteraction } from '../../support/payloads.ts';
import { ANNOUNCE_ENV, type CorpusBot, MODERATOR_USER, startCorpusBot } from './corpusTestBot.ts';
import { isEphemeral, type SentMessage, sentMessage, visibleText } from './discordBodies.ts';

const DETAINED = 'How many people were detained?';
const FIRST_COUNT = '7,939 people had been detained';
const CORRECTED_COUNT = 'nearly 10,000 people had been detained';

let corpus: CorpusBot;

beforeAll(async () => {
  corpus = await startCorpusBot({ env: ANNOUNCE_ENV });
});
afterAll(() => corpus?.stop());

function embed(message: SentMessage | undefined, index = 0) {
  return message?.embeds?.[index];
}

function field(message: SentMessage | undefined, name: string): string | undefined {
  return embed(message)?.fields?.find((each) => each.name === name)?.value;
}

/** A moderator's reply: private, mentions off, and within Discord's limits. */
function expectModeratorReply(message: SentMessage | undefined): void {
  expect(isEphemeral(message)).toBe(true);
  expect(message?.allowed_mentions).toEqual({ parse: [] });
  expect(limitViolations(message as ReplyMessage)).toEqual([]);
}

async function about(): Promise<string> {
  const [response] = await corpus.bot.interact(chatInputInteraction({ name: 'about' }));
  return visibleText(response && sentMessage(response));
}

describe('/corpus, the command moderators curate the corpus with', () => {
  it('is offered only to Manage Server by default and only inside servers', () => {
    expect(corpusCommand.data.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(corpusCommand.data.contexts).toEqual([0]);
    expect(corpusCommand.data.options?.map((option) => option.name)).toEqual([
      'reload',
      'add',
      'replace',
      'remove',
      'restore',
      'list',
      'status',
    ]);
  });
});

describe('a moderator adds, corrects, removes and restores an article from Discord', () => {
  it('adds an article that answers at once, shows its details, first paragraph and report, and announces it', async () => {
    expect(await corpus.ask(DETAINED)).not.toContain(FIRST_COUNT);
    const reply = await corpus.corpus('add', {}, { attachment: await corpus.attach('detention-figures.md') });

    expectModeratorReply(reply);
    expect(embed(reply)?.title).toBe(
      'Added: Interior ministry says thousands were detained after the unrest',
    );
    expect(embed(reply)?.description).toMatch(
      /^> Kazakhstan's interior ministry said on Monday that 7,939 people had been detained/,
    );
    expect(field(reply, 'Source')).toBe('Nur Daily');
    expect(field(reply, 'Date')).toBe('2022-01-10');
    expect(field(reply, 'Passages')).toBe('3');
    expect(field(reply, 'Document')).toBe('`detention-figures`');
    expect(embed(reply, 1)?.title).toBe('Article added by aigerim');
    expect(embed(reply, 1)?.description).toContain('Documents 3 → 4 · passages 9 → 12');
    expect(embed(reply, 1)?.description).toMatch(
      /\*\*Added\*\* \(1\)\n- \*Interior ministry says thousands were detained after the unrest\* · Nur Daily · 2022-01-10 · 3 passages · `detention-figures`/,
    );
    expect(reply?.content).toBe(
      `The change report was posted in <#${ANNOUNCE_ENV.CORPUS_ANNOUNCE_CHANNEL_ID}>.`,
    );

    expect(await corpus.ask(DETAINED)).toContain(FIRST_COUNT);
    expect(await about()).toContain('4 from 4 sources');
    const choices = await corpus.autocomplete('source', undefined, 'document', 'detained');
    expect(choices.map((choice) => choice.value)).toEqual(['detention-figures']);
  });

  it('replaces it with a corrected version: the old text stops answering, and the reply shows what changed', async () => {
    const choices = await corpus.autocomplete('corpus', 'replace', 'document', 'interior');
    expect(choices).toEqual([
      {
        name: 'Interior ministry says thousands were detained after the unrest · Nur Daily · 2022-01-10',
        value: 'detention-figures',
      },
    ]);
    const reply = await corpus.corpus(
      'replace',
      { document: 'detention-figures' },
      { attachment: await corpus.attach('detention-figures-corrected.md') },
    );

    expectModeratorReply(reply);
    expect(embed(reply)?.title).toBe(
      'Replaced: Interior ministry says thousands were detained after the unrest',
    );
    const description = embed(reply)?.description ?? '';
    expect(description).toMatch(/^\*\*What changed:\*\* text\n\*\*Paragraphs changed:\*\* ¶1\n/);
    expect(description).toMatch(/\*\*Before\*\* \(¶1\)\n> .*7,939 people/);
    expect(description).toMatch(/\*\*After\*\* \(¶1\)\n> .*nearly 10,000 people/);
    expect(embed(reply)?.footer?.text).toMatch(
      /^The previous version is kept in history as detention-figures@[\dT-]+Z-replaced\.$/,
    );
    expect(embed(reply, 1)?.description).toMatch(
      /\*\*Changed\*\* \(1\)\n- .* · `detention-figures` · text changed/,
    );

    const answer = await corpus.ask(DETAINED);
    expect(answer).toContain(CORRECTED_COUNT);
    expect(answer).not.toContain(FIRST_COUNT);
  });

  it('removes it into history: nothing answers from it, and the reply says how to bring it back', async () => {
    // Typed and sent without picking from the list: the one article whose title holds the words.
    const reply = await corpus.corpus('remove', { document: 'interior ministry detained' });

    expectModeratorReply(reply);
    expect(embed(reply)?.title).toBe(
      'Removed: Interior ministry says thousands were detained after the unrest',
    );
    expect(embed(reply)?.description).toMatch(
      /^It no longer answers questions\. Nothing was deleted: the file is kept in history as `detention-figures@[\dT-]+Z-removed`, and `\/corpus restore document:detention-figures` brings it back\.$/,
    );
    expect(embed(reply, 1)?.description).toContain('Documents 4 → 3 · passages 12 → 9');

    const answer = await corpus.ask(DETAINED);
    expect(answer).not.toContain(CORRECTED_COUNT);
    expect(answer).not.toContain(FIRST_COUNT);
    expect(await about()).toContain('3 from 3 sources');
    expect(await corpus.autocomplete('source', undefined, 'document', 'detained')).toEqual([]);
    expect(await corpus.autocomplete('corpus', 'remove', 'document', 'detained')).toEqual([]);
  });

  it('restores it from history, picked from the removed articles, and it answers again', async () => {
    const removed = await corpus.autocomplete('corpus', 'restore', 'document', '');
    expect(removed.map((choice) => choice.value)).toEqual(['detention-figures']);
    const reply = await corpus.corpus('restore', { document: 'detention-figures' });

    expectModeratorReply(reply);
    expect(embed(reply)?.title).toBe(
      'Restored: Interior ministry says thousands were detained after the unrest',
    );
    expect(embed(reply)?.description).toMatch(
      /^> Kazakhstan's interior ministry said on Monday that nearly 10,000/,
    );
    expect(embed(reply)?.description).toMatch(
      /Back from history \(`detention-figures@[\dT-]+Z-removed`, removed <t:\d+:f> by aigerim\); it answers questions again\./,
    );
    expect(await corpus.ask(DETAINED)).toContain(CORRECTED_COUNT);
    expect(await corpus.autocomplete('corpus', 'restore', 'document', '')).toEqual([]);
  });

  it('announced each change in the announce channel, mentions off, and audited who did what', async () => {
    const announced = corpus.announcements();
    expect(announced.map((message) => message.embeds?.[0]?.title)).toEqual([
      'Article added by aigerim',
      'Article replaced by aigerim',
      'Article removed by aigerim',
      'Article restored by aigerim',
    ]);
    for (const message of announced) {
      expect(message.allowed_mentions).toEqual({ parse: [] });
      expect(isEphemeral(message)).toBe(false);
    }

    const audit = (await readFile(join(corpus.dirs.dataDir, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord);
    expect(audit.map((record) => [record.action, record.docId, record.actor])).toEqual(
      ['add', 'replace', 'remove', 'restore'].map((action) => [
        action,
        'detention-figures',
        { id: MODERATOR_USER.id, name: 'aigerim' },
      ]),
    );
  });

  it('adds a plain-text file whose title, source and date come from the options, and keeps them', async () => {
    const reply = await corpus.corpus(
      'add',
      { title: 'Massimov detained on suspicion of treason', source: 'Nur Daily', date: '2022-01-08' },
      { attachment: await corpus.attach('massimov-arrest.txt') },
    );
    expectModeratorReply(reply);
    expect(embed(reply)?.title).toBe('Added: Massimov detained on suspicion of treason');
    expect(field(reply, 'Date')).toBe('2022-01-08');
    expect(field(reply, 'File')).toBe('massimov-arrest.md');
    const stored = await readFile(join(corpus.dirs.corpusDir, 'massimov-arrest.md'), 'utf8');
    expect(stored).toMatch(
      /^---\ntitle: Massimov detained on suspicion of treason\nsource: Nur Daily\ndate: 2022-01-08\n---\n/,
    );
  });

  it('escapes Markdown in titles and keeps mentions inert in the reply and the announcement', async () => {
    const text =
      '---\ntitle: "**Breaking** @everyone <@&1100000000000000006> fuel_price talks"\nsource: Steppe Herald\ndate: 2022-01-07\n---\nNegotiators met in Aktau on Friday to discuss the price of gas.\n';
    const reply = await corpus.corpus('add', {}, { attachment: corpus.attachText('fuel-talks.md', text) });
    expectModeratorReply(reply);
    const title = embed(reply)?.title ?? '';
    expect(title).toBe(
      'Added: \\*\\*Breaking\\*\\* @\u200beveryone <\u200b@&1100000000000000006> fuel\\_price talks',
    );
    const announced = corpus.announcements().at(-1);
    expect(announced?.embeds?.[0]?.description).toContain(
      '\\*\\*Breaking\\*\\* @\u200beveryone <\u200b@&1100000000000000006> fuel\\_price talks',
    );
    expect(announced?.allowed_mentions).toEqual({ parse: [] });
  });
});
