import { copyFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REST } from 'discord.js';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { ChannelPoster } from '../../src/discord/services/ChannelPoster.ts';
import {
  MAX_DOCUMENTS_PER_RUN,
  SCHEDULED_POSTS_FILE,
  ScheduledPosts,
} from '../../src/discord/services/ScheduledPosts.ts';
import { type IndexState, LiveIndex } from '../../src/search/LiveIndex.ts';
import { PassageIndex } from '../../src/search/PassageIndex.ts';
import { CorpusStore } from '../../src/store/CorpusStore.ts';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { fakeIds } from '../../support/payloads.ts';
import { TEST_TOKEN } from '../../support/startTestBot.ts';
import {
  MODERATOR,
  makeStoreDirs,
  openStore,
  STORE_UPLOADS,
  type StoreDirs,
  uploadOf,
} from '../corpus-store/storeFixture.ts';
import { type CorpusBot, startCorpusBot } from './corpusTestBot.ts';
import { expectMentionsOffEverywhere, type SentMessage, sentMessage, visibleText } from './discordBodies.ts';
import { rendered } from './summaryLines.ts';

/** The stand-in's one channel serves as the digest channel. */
const DIGEST_CHANNEL = fakeIds.channel;
const DIGEST_ENV = { DIGEST_CHANNEL_ID: DIGEST_CHANNEL };
const MISSING_ACCESS = { message: 'Missing Access', code: 50001 };
const FIXTURES = new URL('../fixtures/', import.meta.url);

/** A new article whose every line names @everyone or @here, so whatever lines sum it up carry a mention. */
const EVERYONE_ARTICLE = `---
title: A student server's @everyone call brought the first crowd to Republic Square
source: Steppe Herald
date: 2022-01-04
url: https://steppeherald.example/2022/01/04/everyone-call
---
At 9 a.m. on January 4 a student in Almaty posted "@everyone meet at Republic Square at 10, bring water" in a Discord server with 4,000 members.

Within the hour the @everyone call had been copied into dozens of other chats, and a second message asked @here to share where police were standing.

By noon several thousand people had gathered on the square, most of them students who said they had seen the @everyone message.
`;

/** One quoted line of an article in a "new in the corpus" post, as a reader sees it. */
interface PostedLine {
  quote: string;
  paragraph: number;
}

/** One article in a "new in the corpus" post. */
interface PostedArticle {
  id: string;
  title: string;
  footer: string;
  lines: PostedLine[];
}

/** The messages Discord accepted in a channel outside any interaction, in the order they were sent. */
function channelPosts(fake: FakeDiscord, channelId: string = DIGEST_CHANNEL): SentMessage[] {
  return fake.requests
    .filter(
      (request) =>
        request.method === 'POST' &&
        request.path === `/channels/${channelId}/messages` &&
        request.status === 200,
    )
    .map((request) => sentMessage(request))
    .filter((message) => message !== undefined);
}

/** Posts to the channel that Discord refused. */
function refusedPosts(fake: FakeDiscord, channelId: string = DIGEST_CHANNEL): number {
  return fake.requests.filter(
    (request) =>
      request.method === 'POST' &&
      request.path === `/channels/${channelId}/messages` &&
      request.status >= 400,
  ).length;
}

function isArticlePost(message: SentMessage): boolean {
  return (message.content ?? '').startsWith('**New in the corpus');
}

/** The change reports among posts: one embed, no content. */
function reportTitles(messages: readonly SentMessage[]): string[] {
  return messages
    .filter((message) => !isArticlePost(message))
    .map((message) => message.embeds?.[0]?.title ?? '');
}

// `“quote” · ¶2`, the quote's Markdown escaped and its mentions made inert.
const LINE = /^(?<quote>.+) · ¶(?<paragraph>\d+)$/;

/** The articles of the "new in the corpus" posts, in order, with their quoted lines as a reader sees them. */
function postedArticles(messages: readonly SentMessage[]): PostedArticle[] {
  return messages.filter(isArticlePost).flatMap((message) =>
    (message.embeds ?? []).map((embed) => {
      const footer = embed.footer?.text ?? '';
      const lines = (embed.description ?? '').split('\n').map((line) => {
        const match = LINE.exec(line);
        expect(match, `not a quoted line with its paragraph: ${line}`).not.toBeNull();
        let quote = rendered(match?.groups?.quote ?? '');
        if (quote.startsWith('“') && quote.endsWith('”')) quote = quote.slice(1, -1);
        return { quote: quote.replace(/\s*…$/, ''), paragraph: Number(match?.groups?.paragraph) };
      });
      return {
        id: /\/source document:(\S+)$/.exec(footer)?.[1] ?? '',
        title: embed.title ?? '',
        footer,
        lines,
      };
    }),
  );
}

/** The paragraphs of an article file's body, numbered from 1 as citations number them. */
function paragraphsOf(articleText: string): string[] {
  const body = articleText.startsWith('---') ? articleText.replace(/^---\n[\s\S]*?\n---\n/, '') : articleText;
  return body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** Two or three lines, each a verbatim slice of the paragraph of the article it cites. */
function expectQuotedFrom(article: PostedArticle | undefined, articleText: string): void {
  expect(article).toBeDefined();
  const lines = article?.lines ?? [];
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines.length).toBeLessThanOrEqual(3);
  const paragraphs = paragraphsOf(articleText);
  for (const { quote, paragraph } of lines) {
    expect(quote.length).toBeGreaterThan(20);
    expect(paragraphs[paragraph - 1], `¶${paragraph} should hold “${quote}”`).toContain(quote);
  }
  expect(new Set(lines.map((line) => line.quote)).size).toBe(lines.length);
}

async function upload(file: string): Promise<string> {
  return readFile(join(STORE_UPLOADS, file), 'utf8');
}

async function stateFile(dataDir: string): Promise<{ posted: Record<string, string>; reports: unknown[] }> {
  return JSON.parse(await readFile(join(dataDir, SCHEDULED_POSTS_FILE), 'utf8'));
}

describe('scheduled posts to DIGEST_CHANNEL_ID', () => {
  let corpus: CorpusBot | undefined;
  let store: CorpusStore | undefined;
  afterEach(async () => {
    await store?.close();
    await corpus?.stop();
    store = undefined;
    corpus = undefined;
  });

  /** Waits until the scheduled posts have finished what the bot gave them so far. */
  async function settled(bot: CorpusBot): Promise<void> {
    const posts = bot.bot.bot.context.scheduledPosts;
    expect(posts, 'DIGEST_CHANNEL_ID should turn scheduled posts on').toBeDefined();
    await posts?.whenIdle();
  }

  it('posts nothing on the first start and remembers the articles already in the corpus in DATA_DIR', async () => {
    corpus = await startCorpusBot({ env: DIGEST_ENV });
    await settled(corpus);

    expect(channelPosts(corpus.bot.fake)).toEqual([]);
    const { documents } = corpus.bot.bot.context.live.current.corpus;
    expect(documents.map((document) => document.id).sort()).toEqual([
      'airport-reopens',
      'fuel-price-protests',
      'state-of-emergency',
    ]);
    const state = await stateFile(corpus.dirs.dataDir);
    expect(state.posted).toEqual(
      Object.fromEntries(documents.map((document) => [document.id, document.contentHash])),
    );
    expect(state.reports).toEqual([]);
  });

  it('posts an article a moderator adds, summed up in two or three lines quoted word for word from its paragraphs, after the change report', async () => {
    corpus = await startCorpusBot({ env: DIGEST_ENV });
    await settled(corpus);

    const reply = await corpus.corpus('add', {}, { attachment: await corpus.attach('detention-figures.md') });
    expect(reply?.embeds?.[0]?.title).toBe(
      'Added: Interior ministry says thousands were detained after the unrest',
    );
    await settled(corpus);

    const posts = channelPosts(corpus.bot.fake);
    expect(posts).toHaveLength(2);
    const [report, articles] = posts;
    expect(report?.embeds?.[0]?.title).toBe('Article added by aigerim');
    expect(report?.embeds?.[0]?.description).toContain(
      '**Added** (1)\n- *Interior ministry says thousands were detained after the unrest* · Nur Daily · 2022-01-10',
    );
    expect(articles?.content).toBe('**New in the corpus:** 1 new article, each summed up in its own words.');
    const [article, ...others] = postedArticles(posts);
    expect(others).toEqual([]);
    expect(article?.id).toBe('detention-figures');
    expect(article?.title).toBe('Interior ministry says thousands were detained after the unrest');
    expect(article?.footer).toBe(
      'Nur Daily · 2022-01-10 · 3 paragraphs · new article · /source document:detention-figures',
    );
    expectQuotedFrom(article, await upload('detention-figures.md'));
    expect((await stateFile(corpus.dirs.dataDir)).posted['detention-figures']).toBe(
      corpus.bot.bot.context.live.current.corpus.documents.find(
        (document) => document.id === 'detention-figures',
      )?.contentHash,
    );
    expectMentionsOffEverywhere(corpus.bot.fake);
  });

  it('does not post the change report twice when change reports are announced in the digest channel', async () => {
    corpus = await startCorpusBot({ env: { ...DIGEST_ENV, CORPUS_ANNOUNCE_CHANNEL_ID: DIGEST_CHANNEL } });
    await settled(corpus);

    const reply = await corpus.corpus('add', {}, { attachment: await corpus.attach('massimov-arrest.txt') });
    expect(reply?.content).toBe(`The change report was posted in <#${DIGEST_CHANNEL}>.`);
    await settled(corpus);

    const posts = channelPosts(corpus.bot.fake);
    expect(reportTitles(posts)).toEqual(['Article added by aigerim']);
    expect(postedArticles(posts).map((article) => article.id)).toEqual(['massimov-arrest']);
    expectQuotedFrom(postedArticles(posts)[0], await upload('massimov-arrest.txt'));
    expect(posts).toHaveLength(2);
  });

  it('posts a corrected article once more, marked as updated', async () => {
    corpus = await startCorpusBot({ env: DIGEST_ENV });
    await settled(corpus);

    await corpus.corpus(
      'replace',
      { document: 'state-of-emergency' },
      { attachment: await corpus.attach('emergency-update.md') },
    );
    await settled(corpus);

    const posts = channelPosts(corpus.bot.fake);
    expect(reportTitles(posts)).toEqual(['Article replaced by aigerim']);
    expect(posts.find(isArticlePost)?.content).toBe(
      '**New in the corpus:** 1 updated, each summed up in its own words.',
    );
    const articles = postedArticles(posts);
    expect(articles.map((article) => article.id)).toEqual(['state-of-emergency']);
    expect(articles[0]?.footer).toContain(' · updated article · ');
    expect(articles[0]?.lines.map((line) => line.quote).join(' ')).toContain(
      'the state of emergency was extended to the whole country',
    );
  });

  it('posts nothing again after a restart, and posts once at start an article added while the bot was down', async () => {
    corpus = await startCorpusBot({ env: DIGEST_ENV });
    await settled(corpus);
    await corpus.corpus('add', {}, { attachment: await corpus.attach('detention-figures.md') });
    await settled(corpus);
    expect(channelPosts(corpus.bot.fake)).toHaveLength(2);

    await corpus.bot.restart();
    await settled(corpus);
    expect(channelPosts(corpus.bot.fake)).toHaveLength(2);

    // While the bot is down, one article is copied into the folder and another added through the corpus
    // store, as `npm run corpus -- add` does.
    await corpus.bot.bot.stop();
    await copyFile(
      join(STORE_UPLOADS, 'massimov-arrest.txt'),
      join(corpus.dirs.corpusDir, 'massimov-arrest.txt'),
    );
    const protestChats = await readFile(new URL('bot-mentions/protest-chats.md', FIXTURES), 'utf8');
    store = await openStore(corpus.dirs);
    await store.add({ name: 'protest-chats.md', bytes: Buffer.from(protestChats) }, MODERATOR);
    await store.close();
    store = undefined;
    await corpus.bot.restart();
    await settled(corpus);

    const posts = channelPosts(corpus.bot.fake);
    expect(posts).toHaveLength(3);
    const fresh = posts.slice(2);
    expect(reportTitles(fresh)).toEqual([]);
    expect(fresh[0]?.content).toMatch(
      /^\*\*New in the corpus since <t:\d+:R>:\*\* 2 new articles, each summed up in its own words\.$/,
    );
    const articles = postedArticles(fresh);
    // Oldest first: the protest chats of January 10 before the arrest, which is undated.
    expect(articles.map((article) => article.id)).toEqual(['protest-chats', 'massimov-arrest']);
    expectQuotedFrom(articles[0], protestChats);
    expectQuotedFrom(articles[1], await upload('massimov-arrest.txt'));

    await corpus.bot.restart();
    await settled(corpus);
    expect(channelPosts(corpus.bot.fake)).toHaveLength(3);
    expect(postedArticles(channelPosts(corpus.bot.fake)).map((article) => article.id)).toEqual([
      'detention-figures',
      'protest-chats',
      'massimov-arrest',
    ]);
  });

  it('retries a post the channel refused at the next start, and posts it once', async () => {
    corpus = await startCorpusBot({ env: DIGEST_ENV });
    await settled(corpus);
    corpus.bot.fake.failNext('POST /channels/:channelId/messages', 403, MISSING_ACCESS);

    await corpus.corpus('add', {}, { attachment: await corpus.attach('detention-figures.md') });
    await settled(corpus);
    expect(refusedPosts(corpus.bot.fake)).toBe(1);
    expect(channelPosts(corpus.bot.fake)).toEqual([]);
    expect(
      corpus.bot.logs.find(
        (line) => line.msg === 'scheduled posts: could not post; retrying at the next run',
      ),
    ).toMatchObject({ channelId: DIGEST_CHANNEL });
    const remembered = await stateFile(corpus.dirs.dataDir);
    expect(remembered.reports).toHaveLength(1);
    expect(remembered.posted['detention-figures']).toBeUndefined();

    await corpus.bot.restart();
    await settled(corpus);
    const posts = channelPosts(corpus.bot.fake);
    expect(reportTitles(posts)).toEqual(['Article added by aigerim']);
    expect(postedArticles(posts).map((article) => article.id)).toEqual(['detention-figures']);
    expect(posts).toHaveLength(2);

    await corpus.bot.bot.context.scheduledPosts?.runOnce();
    await corpus.bot.restart();
    await settled(corpus);
    expect(channelPosts(corpus.bot.fake)).toHaveLength(2);
    expect(refusedPosts(corpus.bot.fake)).toBe(1);
  });

  it('pings no one when an article says @everyone: every post disables mentions and shows the mention inert', async () => {
    corpus = await startCorpusBot({ env: DIGEST_ENV });
    await settled(corpus);

    await corpus.corpus('add', {}, { attachment: corpus.attachText('everyone-call.md', EVERYONE_ARTICLE) });
    await settled(corpus);

    const posts = channelPosts(corpus.bot.fake);
    expect(posts).toHaveLength(2);
    for (const post of posts) {
      expect(post.allowed_mentions).toEqual({ parse: [] });
      expect(visibleText(post)).not.toMatch(/@(everyone|here)/);
    }
    const [article] = postedArticles(posts);
    expect(article?.id).toBe('everyone-call');
    expect(visibleText(posts[1])).toContain('@\u200beveryone');
    expectQuotedFrom(article, EVERYONE_ARTICLE);
    expect(article?.lines.some((line) => line.quote.includes('@everyone'))).toBe(true);
    expectMentionsOffEverywhere(corpus.bot.fake);
  });
});

describe('ScheduledPosts', () => {
  const INTERVAL_MS = 60 * 60_000;
  const NOW = new Date('2022-01-13T09:00:00Z');

  let fake: FakeDiscord | undefined;
  let rest: REST | undefined;
  let dirs: StoreDirs | undefined;
  let posts: ScheduledPosts | undefined;
  let store: CorpusStore | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await posts?.stop();
    await store?.close();
    rest?.clearHashSweeper();
    rest?.clearHandlerSweeper();
    await fake?.close();
    await dirs?.remove();
    posts = undefined;
    store = undefined;
    rest = undefined;
    fake = undefined;
    dirs = undefined;
  });

  async function indexState(dir: string): Promise<IndexState> {
    const corpus = await loadCorpus(dir);
    return { corpus, index: PassageIndex.build(corpus), loadedAt: new Date(), loadedBy: 'test' };
  }

  /**
   * Scheduled posts over the store fixture corpus, posting through a real REST client to the loopback
   * stand-in, with a temporary DATA_DIR; `logs` gets every log line.
   */
  async function setUp(options: { announceChannelId?: string; dataDir?: (dirs: StoreDirs) => string } = {}) {
    fake = await startFakeDiscord();
    rest = new REST({ api: fake.apiBase }).setToken(TEST_TOKEN);
    dirs = await makeStoreDirs();
    const live = new LiveIndex(await indexState(dirs.corpusDir));
    const logs: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    posts = new ScheduledPosts({
      channelId: DIGEST_CHANNEL,
      ...(options.announceChannelId ? { announceChannelId: options.announceChannelId } : {}),
      dataDir: options.dataDir?.(dirs) ?? dirs.dataDir,
      intervalMs: INTERVAL_MS,
      live,
      channels: new ChannelPoster(rest),
      logger,
      now: () => NOW,
    });
    return { fake, dirs, live, logs, posts };
  }

  /** The store a moderator changes the corpus through, refreshing `live` as the bot's does. */
  async function storeOver(storeDirs: StoreDirs, live: LiveIndex): Promise<CorpusStore> {
    store = await CorpusStore.open(
      { corpusDir: storeDirs.corpusDir, dataDir: storeDirs.dataDir, maxUploadBytes: 1024 * 1024 },
      live,
    );
    return store;
  }

  /** Copies articles into the corpus folder and makes the result live, as a refresh would. */
  async function addArticles(live: LiveIndex, corpusDir: string, files: Array<[URL, string]>): Promise<void> {
    for (const [from, name] of files) await cp(from, join(corpusDir, name), { recursive: true });
    live.swap(await indexState(corpusDir));
  }

  it('posts what is new each interval, nothing when nothing changed, and nothing after it stopped', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fake, dirs, live, posts } = await setUp();
    posts.start();
    await posts.whenIdle();
    expect(channelPosts(fake)).toEqual([]);

    await addArticles(live, dirs.corpusDir, [
      [new URL('store-uploads/detention-figures.md', FIXTURES), 'detention-figures.md'],
    ]);
    expect(channelPosts(fake)).toEqual([]);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    await posts.whenIdle();
    expect(postedArticles(channelPosts(fake)).map((article) => article.id)).toEqual(['detention-figures']);

    for (let interval = 0; interval < 3; interval++) {
      await vi.advanceTimersByTimeAsync(INTERVAL_MS);
      await posts.whenIdle();
    }
    expect(channelPosts(fake)).toHaveLength(1);

    await posts.stop();
    await addArticles(live, dirs.corpusDir, [
      [new URL('store-uploads/massimov-arrest.txt', FIXTURES), 'massimov-arrest.txt'],
    ]);
    await vi.advanceTimersByTimeAsync(3 * INTERVAL_MS);
    await posts.whenIdle();
    expect(channelPosts(fake)).toHaveLength(1);
    expectMentionsOffEverywhere(fake);
  });

  it('posts the change report in the digest channel when reports are announced in another channel', async () => {
    const { dirs, live, posts } = await setUp({ announceChannelId: '1100000000000000099' });
    await posts.runOnce();
    const { report } = await (await storeOver(dirs, live)).add(
      await uploadOf('detention-figures.md'),
      MODERATOR,
    );

    const run = await posts.changeReport(report);

    expect(run).toMatchObject({ posted: ['detention-figures'], reportsPosted: 1, waiting: 0 });
    const sent = channelPosts(fake as FakeDiscord);
    expect(reportTitles(sent)).toEqual(['Article added by aigerim']);
    expect(sent[1]?.content).toBe('**New in the corpus:** 1 new article, each summed up in its own words.');
    expect(channelPosts(fake as FakeDiscord, '1100000000000000099')).toEqual([]);
  });

  it('keeps an article whose post was refused for the next run, without posting the report before it again', async () => {
    const { fake, dirs, live, logs, posts } = await setUp();
    await posts.runOnce();
    const { report } = await (await storeOver(dirs, live)).add(
      await uploadOf('detention-figures.md'),
      MODERATOR,
    );
    // The report goes through; the article's post after it is refused.
    const first = posts.changeReport(report);
    await fake.waitForRequest((request) => request.path.endsWith('/messages'));
    fake.failNext('POST /channels/:channelId/messages', 403, MISSING_ACCESS);
    const failed = await first;

    expect(failed).toMatchObject({ posted: [], reportsPosted: 1, waiting: 1, failure: 'Missing Access' });
    expect(channelPosts(fake)).toHaveLength(1);
    expect(
      logs.some((line) => line.msg === 'scheduled posts: could not post; retrying at the next run'),
    ).toBe(true);

    const retried = await posts.runOnce();
    expect(retried).toMatchObject({ posted: ['detention-figures'], reportsPosted: 0, waiting: 0 });
    expect(await posts.runOnce()).toMatchObject({ posted: [], reportsPosted: 0, waiting: 0 });
    const sent = channelPosts(fake);
    expect(reportTitles(sent)).toEqual(['Article added by aigerim']);
    expect(postedArticles(sent).map((article) => article.id)).toEqual(['detention-figures']);
    // No article went out before this one, so the post does not say since when.
    expect(sent[1]?.content).toBe('**New in the corpus:** 1 new article, each summed up in its own words.');
    expect(refusedPosts(fake)).toBe(1);
  });

  it('posts a bulk import over the following runs, oldest first, each article once', async () => {
    const { fake, dirs, live, posts } = await setUp();
    await posts.runOnce();
    await addArticles(live, dirs.corpusDir, [
      [new URL('kazakhstan/', FIXTURES), '.'],
      [new URL('summary-unrest/', FIXTURES), '.'],
      [new URL('bot-long/', FIXTURES), '.'],
    ]);
    const added = live.current.corpus.documents.length - 3;
    expect(added).toBeGreaterThan(MAX_DOCUMENTS_PER_RUN);

    const first = await posts.runOnce();
    expect(first.posted).toHaveLength(MAX_DOCUMENTS_PER_RUN);
    expect(first.waiting).toBe(added - MAX_DOCUMENTS_PER_RUN);
    const second = await posts.runOnce();
    expect(second).toMatchObject({ posted: expect.any(Array), waiting: 0 });
    expect(await posts.runOnce()).toMatchObject({ posted: [], waiting: 0 });

    const ids = postedArticles(channelPosts(fake)).map((article) => article.id);
    expect(ids).toEqual([...first.posted, ...second.posted]);
    expect(new Set(ids).size).toBe(added);
    const dates = ids.map(
      (id) => live.current.corpus.documents.find((document) => document.id === id)?.date || '9999',
    );
    expect(dates).toEqual([...dates].sort());
  });

  it('logs a run that cannot read its memory, leaves no rejection unhandled, and carries on at the next interval', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      // DATA_DIR under a file: reading the remembered state fails with ENOTDIR, not "no such file".
      const { fake, dirs, posts, logs } = await setUp({
        dataDir: (made) => join(made.root, 'blocked', 'data'),
      });
      const blocked = join(dirs.root, 'blocked');
      await writeFile(blocked, 'not a folder\n');

      posts.start();
      await posts.whenIdle();
      await vi.advanceTimersByTimeAsync(INTERVAL_MS);
      await posts.whenIdle();
      await new Promise((resolve) => setImmediate(resolve));

      expect(logs.filter((line) => line.msg === 'scheduled posts: a run failed')).toHaveLength(2);
      expect(unhandled).toEqual([]);
      expect(channelPosts(fake)).toEqual([]);

      // Once the data folder can be written, the next run takes the corpus as known, as a first start does.
      await rm(blocked);
      await mkdir(join(blocked, 'data'), { recursive: true });
      await vi.advanceTimersByTimeAsync(INTERVAL_MS);
      await posts.whenIdle();
      expect(Object.keys((await stateFile(join(blocked, 'data'))).posted)).toHaveLength(3);
      expect(channelPosts(fake)).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
