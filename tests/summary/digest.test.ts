import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { checkAgainstSources } from '../../src/summary/checkAgainstSources.ts';
import {
  digestMessages,
  isCommandMessage,
  jumpLink,
  truncateAtWord,
} from '../../src/summary/digestMessages.ts';
import { DIGEST_QUOTE_CHARS } from '../../src/summary/summaryOptions.ts';
import type { ChannelMessage } from '../../src/summary/types.ts';
import { CHANNEL_MESSAGES, expectVerbatimAndCited, nearlySame, SEED_DIR } from './summaryFixtures.ts';

const messages = JSON.parse(readFileSync(CHANNEL_MESSAGES, 'utf8')) as ChannelMessage[];
const byId = new Map(messages.map((message) => [message.id, message]));

let seed: Corpus;
let index: PassageIndex;
beforeAll(async () => {
  seed = await loadCorpus(SEED_DIR);
  index = PassageIndex.build(seed);
});

describe('a digest of a channel’s discussion', () => {
  it('skips bots, commands and chatter too short to say anything', () => {
    const digest = digestMessages(messages, index, { limit: 20 });
    expect(digest.skipped).toEqual({ bots: 2, commands: 2, short: 2 });
    expect(digest.considered).toBe(messages.length - 6);
    for (const line of digest.lines) {
      const message = byId.get(line.messageId);
      expect(message?.isBot).toBe(false);
      expect(message?.content).not.toMatch(/^[!/]/);
      expect(['lol', '+1']).not.toContain(message?.content);
    }
  });

  it('names each line’s author and links to the message', () => {
    const { lines } = digestMessages(messages, index, { limit: 20 });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const message = byId.get(line.messageId) as ChannelMessage;
      expect(line.authorName).toBe(message.authorName);
      expect(line.authorId).toBe(message.authorId);
      expect(line.url).toBe(
        `https://discord.com/channels/900000000000000001/900000000000000002/${message.id}`,
      );
    }
  });

  it('uses the link the caller has, and @me for a direct message', () => {
    const [first] = messages;
    if (!first) throw new Error('fixture is empty');
    expect(jumpLink({ ...first, guildId: null })).toBe(
      `https://discord.com/channels/@me/${first.channelId}/${first.id}`,
    );
    const url = 'https://discord.com/channels/1/2/3';
    const { lines } = digestMessages([{ ...first, url }]);
    expect(lines[0]?.url).toBe(url);
  });

  it('lists the key messages in the order they were posted', () => {
    const { lines } = digestMessages(messages, index, { limit: 5 });
    expect(lines).toHaveLength(5);
    const times = lines.map((line) => line.createdAt);
    expect(times).toEqual([...times].sort());
  });

  it('prefers the talk about the event to an aside nobody takes up', () => {
    const { lines } = digestMessages(messages, index, { limit: 6 });
    expect(lines.map((line) => line.quote).join('\n')).not.toMatch(/hockey/);
  });

  it('quotes a claim made twice only once', () => {
    const { lines } = digestMessages(messages, index, { limit: 20 });
    const serdiukov = lines.filter((line) => line.quote.includes('Serdiukov said the mission is over'));
    expect(serdiukov).toHaveLength(1);
    for (const [i, line] of lines.entries()) {
      for (const other of lines.slice(i + 1)) expect(nearlySame(line.quote, other.quote)).toBe(false);
    }
  });

  it('returns mentions exactly as the user typed them, for the renderer to make inert', () => {
    const { lines } = digestMessages(messages, index, { limit: 20 });
    expect(lines.find((line) => line.messageId === '1006')?.quote).toContain('@everyone');
    expect(lines.find((line) => line.messageId === '1011')?.quote).toContain('<@123456789012345678>');
  });

  it('cuts a long message between words and marks the cut with an ellipsis', () => {
    const { lines } = digestMessages(messages, index, { limit: 20 });
    const long = lines.find((line) => line.messageId === '1013');
    const content = byId.get('1013')?.content ?? '';
    expect(content.length).toBeGreaterThan(DIGEST_QUOTE_CHARS);
    expect(long?.truncated).toBe(true);
    expect(long?.quote.length).toBeLessThanOrEqual(DIGEST_QUOTE_CHARS);
    expect(long?.quote.endsWith('…')).toBe(true);
    const kept = long?.quote.slice(0, -1) ?? '';
    expect(content.startsWith(kept)).toBe(true);
    expect(content[kept.length]).toMatch(/[\s,]/);
    for (const line of lines.filter((other) => other.messageId !== '1013')) {
      expect(line.truncated).toBe(false);
      expect(line.quote).toBe(byId.get(line.messageId)?.content);
    }
  });

  it('attaches the corpus sentence a message’s claim matches, and nothing to a message no source bears on', () => {
    const { lines } = digestMessages(messages, index, { limit: 20 });
    const massimov = lines.find((line) => line.messageId === '1016');
    expect(massimov?.source?.quote).toMatch(/Karim Massimov, was also arrested on Saturday for high treason/);
    expect(massimov?.source?.citation).toMatchObject({ docId: 'csto-withdrawal-begins', paragraph: 18 });
    const arrests = lines.find((line) => line.messageId === '1011');
    expect(arrests?.source?.quote).toMatch(/12,000 people/);
    const hockey = lines.find((line) => line.messageId === '1012');
    expect(hockey).toBeDefined();
    expect(hockey?.source).toBeUndefined();
    for (const line of lines) if (line.source) expectVerbatimAndCited(seed, line.source);
  });

  it('attaches no source without an index', () => {
    const { lines } = digestMessages(messages, undefined, { limit: 20 });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.source).toBeUndefined();
  });

  it('says why when nothing is left to digest', () => {
    const onlyNoise = messages.filter(
      (message) => message.isBot || /^[!/]|^(lol|\+1)$/.test(message.content),
    );
    const digest = digestMessages(onlyNoise, index);
    expect(digest.lines).toEqual([]);
    expect(digest.reason).toBe('No message to digest: 2 from bots, 2 commands, 2 too short.');
  });
});

describe('what counts as a command', () => {
  it('recognises prefixes bots listen to, not ordinary punctuation', () => {
    for (const command of ['/summary', '!play despacito', '?rank', '.help', '$balance', '-skip']) {
      expect(isCommandMessage(command), command).toBe(true);
    }
    for (const talk of [
      '...anyway, the troops left',
      '"quoted" words',
      '+1',
      '> a quoted line',
      'Serdiukov said so',
    ]) {
      expect(isCommandMessage(talk), talk).toBe(false);
    }
  });
});

describe('cutting a quote to length', () => {
  it('keeps whole words and never splits an emoji', () => {
    expect(truncateAtWord('short enough', 40)).toEqual({ text: 'short enough', truncated: false });
    expect(truncateAtWord('the troops began leaving on Thursday morning', 30)).toEqual({
      text: 'the troops began leaving on…',
      truncated: true,
    });
    const emoji = `${'🇰🇿'.repeat(20)}`;
    const cut = truncateAtWord(emoji, 11).text;
    expect(cut.endsWith('…')).toBe(true);
    expect(emoji.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.slice(0, -1).length % 2).toBe(0);
  });
});

describe('checking one message against the sources', () => {
  it('returns the passages that bear on a claim, verbatim and cited, best first', () => {
    const check = checkAgainstSources(
      'Serdiukov said the mission is over and the 2,030 soldiers are going home',
      index,
    );
    expect(check.found).toBe(true);
    expect(check.matches[0]?.citation).toMatchObject({ docId: 'csto-withdrawal-begins', paragraph: 3 });
    expect(check.matches[0]?.sharedWords).toEqual(expect.arrayContaining(['Serdiukov', '2,030', 'soldiers']));
    const overlaps = check.matches.map((match) => match.overlap);
    expect(overlaps).toEqual([...overlaps].sort((a, b) => b - a));
    for (const match of check.matches) expectVerbatimAndCited(seed, match);
  });

  it('matches a paraphrase that keeps the claim’s rare words', () => {
    const check = checkAgainstSources(
      'the whole thing started with the fuel price protests on January 2',
      index,
    );
    expect(check.matches[0]?.quote).toMatch(/demonstrations on January 2 against rising fuel prices/);
  });

  it('says honestly that nothing bears on a message about something else', () => {
    for (const text of [
      'Anyone watching the hockey tonight? The Barys game starts at eight',
      'lol the weather in Almaty is nice today',
      '<@123456789012345678> @everyone <#900000000000000002> https://example.com/page',
    ]) {
      const check = checkAgainstSources(text, index);
      expect(check, text).toMatchObject({ text, found: false, matches: [] });
      expect(check.reason).toMatch(/^Nothing in the corpus bears on this/);
    }
  });
});
