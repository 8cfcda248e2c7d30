import { copyFile, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CorpusStore } from '../../src/store/CorpusStore.ts';
import { user } from '../../support/payloads.ts';
import { makeStoreDirs, openStore, STORE_UPLOADS } from '../corpus-store/storeFixture.ts';
import { ANNOUNCE_ENV, type CorpusBot, startCorpusBot } from './corpusTestBot.ts';
import { isEphemeral, type SentMessage } from './discordBodies.ts';

const DETAINED = 'How many people were detained?';
const CURFEW = 'How long was the curfew?';

let corpus: CorpusBot | undefined;
let store: CorpusStore | undefined;
afterEach(async () => {
  await corpus?.stop();
  await store?.close();
  corpus = undefined;
  store = undefined;
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function report(message: SentMessage | undefined) {
  return { title: message?.embeds?.[0]?.title, description: message?.embeds?.[0]?.description ?? '' };
}

describe('/corpus reload', () => {
  it('reports documents added, removed and changed, passages before → after, and every file that does not load', async () => {
    corpus = await startCorpusBot({ env: ANNOUNCE_ENV });
    const { corpusDir } = corpus.dirs;
    const versionBefore = corpus.version();
    await copyFile(join(STORE_UPLOADS, 'detention-figures.md'), join(corpusDir, 'detention-figures.md'));
    await unlink(join(corpusDir, 'airport-reopens.txt'));
    const emergency = join(corpusDir, 'state-of-emergency.md');
    await writeFile(
      emergency,
      (await readFile(emergency, 'utf8')).replace('from 11 p.m. to 7 a.m.', 'from 11 p.m. to 6 a.m.'),
    );
    await copyFile(join(STORE_UPLOADS, 'cafe-losses-latin1.md'), join(corpusDir, 'cafe-losses.md'));

    const reply = await corpus.corpus('reload');

    expect(isEphemeral(reply)).toBe(true);
    const { title, description } = report(reply);
    expect(title).toBe('Corpus reloaded by aigerim');
    expect(description.split('\n')).toEqual([
      `Version \`${versionBefore}\` → \`${corpus.version()}\``,
      'Documents 3 → 3 · passages 9 → 9',
      '**Added** (1)',
      '- *Interior ministry says thousands were detained after the unrest* · Nur Daily · 2022-01-10 · 3 passages · `detention-figures`',
      '**Removed** (1)',
      '- *Almaty airport received its first civilian flight in a week on Thursday.* · unattributed · 2022-01-13 · 3 passages · `airport-reopens`',
      '**Changed** (1)',
      '- *Government resigns and a state of emergency is declared in Almaty* · Central Asia Wire · 2022-01-05 · 3 passages · `state-of-emergency` · text changed',
      '**Not loaded** (1)',
      expect.stringMatching(/^- cafe-losses\.md: is not valid UTF-8 text/),
    ]);
    expect(corpus.announcements().map((message) => report(message))).toEqual([{ title, description }]);
    expect(
      corpus.bot.logs.find((line) => String(line.msg).startsWith('Reload by aigerim: version')),
    ).toMatchObject({
      added: 1,
      removed: 1,
      changed: 1,
      invalid: 1,
    });
    expect(await corpus.ask(DETAINED)).toContain('7,939 people had been detained');
    expect(await corpus.ask(CURFEW)).toContain('from 11 p.m. to 6 a.m.');

    const again = await corpus.corpus('reload');
    expect(report(again).title).toBe('Corpus reloaded by aigerim: no changes');
    expect(report(again).description).toMatch(
      /^The files match the live corpus \(version `[0-9a-f]{16}`, 3 documents, 9 passages\)\.\n\*\*Not loaded\*\* \(1\)\n- cafe-losses\.md/,
    );
    expect(corpus.announcements()).toHaveLength(1);
  });

  it('keeps the old index answering when the corpus folder is gone, and says why', async () => {
    corpus = await startCorpusBot({ env: ANNOUNCE_ENV });
    const version = corpus.version();
    await rm(corpus.dirs.corpusDir, { recursive: true });

    const reply = await corpus.corpus('reload');

    const { title, description } = report(reply);
    expect(title).toBe('Reload by aigerim failed: the previous corpus is still live');
    expect(description).toBe(
      `**Why:** ${corpus.dirs.corpusDir} does not exist\nDossier keeps answering from the previous corpus (version \`${version}\`, 3 documents, 9 passages).`,
    );
    expect(corpus.version()).toBe(version);
    expect(await corpus.ask(CURFEW)).toContain('A curfew from 11 p.m. to 7 a.m.');
    expect(corpus.announcements()).toEqual([]);
  });

  it('keeps the old index answering when every file is broken, and lists each with its reason', async () => {
    corpus = await startCorpusBot();
    for (const file of ['fuel-price-protests.md', 'state-of-emergency.md', 'airport-reopens.txt']) {
      await writeFile(
        join(corpus.dirs.corpusDir, file),
        Buffer.from('Caf\u00e9 owners count their losses.\n', 'latin1'),
      );
    }
    const { title, description } = report(await corpus.corpus('reload'));
    expect(title).toBe('Reload by aigerim failed: the previous corpus is still live');
    expect(description).toMatch(/^\*\*Why:\*\* .*has no valid document \(3 invalid files\)\n/);
    expect(description).toMatch(
      /\*\*Files that did not load\*\* \(3\)\n(- .*: is not valid UTF-8 text.*\n?){3}$/,
    );
    expect(await corpus.ask(CURFEW)).toContain('A curfew from 11 p.m. to 7 a.m.');
  });

  it('runs two reloads asked at once one after the other, and tells the second moderator it waited', async () => {
    const dirs = await makeStoreDirs();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let hold = true;
    store = await openStore(dirs, {
      onStep: (action, step) => (hold && action === 'reload' && step === 'indexing' ? held : undefined),
    });
    const running = store;
    corpus = await startCorpusBot({ dirs, corpus: store, env: ANNOUNCE_ENV });

    const first = corpus.dispatch('reload');
    await until(() => running.activity?.action === 'reload', 'the first reload is running');
    hold = false;
    await copyFile(join(STORE_UPLOADS, 'detention-figures.md'), join(dirs.corpusDir, 'detention-figures.md'));
    const second = corpus.dispatch('reload', {}, { user: user({ username: 'nurlan' }) });
    await until(() => running.activity?.waiting === 1, 'the second reload waits');

    // Meanwhile the old index answers, and moderators can see what is running.
    expect(await corpus.ask(DETAINED)).not.toContain('7,939');
    const status = await corpus.corpus('status');
    expect(status?.embeds?.[0]?.fields?.find((field) => field.name === 'Running now')?.value).toMatch(
      /^reload by aigerim, since <t:\d+:f> \(<t:\d+:R>\); 1 more waiting$/,
    );

    release();
    const [firstReply, secondReply] = await Promise.all([first.reply(), second.reply()]);
    expect(report(firstReply).title).toBe('Corpus reloaded by aigerim');
    expect(report(firstReply).description).toContain('**Added** (1)\n- *Interior ministry');
    expect(secondReply?.content).toMatch(
      /^Another change was running \(reload by aigerim\); yours waited \d+(\.\d)? m?s for it, then ran on the corpus it left\.$/,
    );
    expect(report(secondReply).title).toBe('Corpus reloaded by nurlan: no changes');
    expect(await corpus.ask(DETAINED)).toContain('7,939');
    expect(corpus.announcements()).toHaveLength(1);
  });

  it('still makes the change, and says so, when the announce channel refuses the report', async () => {
    corpus = await startCorpusBot({ env: ANNOUNCE_ENV });
    corpus.bot.fake.failNext('POST /channels/:channelId/messages', 403, {
      message: 'Missing Access',
      code: 50001,
    });
    const reply = await corpus.corpus('add', {}, { attachment: await corpus.attach('detention-figures.md') });
    expect(reply?.content).toBe(
      `The change report could not be posted in <#${ANNOUNCE_ENV.CORPUS_ANNOUNCE_CHANNEL_ID}> (Missing Access): check that Dossier may send messages and embed links there.`,
    );
    expect(reply?.embeds?.[0]?.title).toMatch(/^Added: /);
    expect(await corpus.ask(DETAINED)).toContain('7,939');
  });
});

describe('an empty corpus folder', () => {
  it('still starts the bot, which declines questions, and the first article a moderator adds answers', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dossier-empty-'));
    const dirs = {
      root,
      corpusDir: join(root, 'corpus'),
      dataDir: join(root, 'data'),
      remove: () => rm(root, { recursive: true, force: true }),
    };
    await mkdir(dirs.corpusDir);
    corpus = await startCorpusBot({ dirs });
    expect(await corpus.ask(DETAINED)).toContain("The articles don't answer this question.");
    const list = await corpus.corpus('list');
    expect(list?.embeds?.[0]?.title).toBe('Corpus: 0 documents');
    expect(list?.embeds?.[0]?.description).toBe('*No article loads. Add one with `/corpus add`.*');

    const added = await corpus.corpus('add', {}, { attachment: await corpus.attach('detention-figures.md') });
    expect(added?.embeds?.[0]?.title).toContain('Interior ministry says thousands were detained');
    expect(await corpus.ask(DETAINED)).toContain('7,939');
    const status = await corpus.corpus('status');
    expect(status?.embeds?.[0]?.fields?.find((field) => field.name === 'Documents')?.value).toMatch(/^1 \(/);
  });
});

describe('watching the corpus folder (CORPUS_WATCH=true)', () => {
  it('reloads by itself when an article is copied in, and announces the report with mentions off', async () => {
    corpus = await startCorpusBot({ env: { ...ANNOUNCE_ENV, CORPUS_WATCH: 'true' } });
    await copyFile(
      join(STORE_UPLOADS, 'detention-figures.md'),
      join(corpus.dirs.corpusDir, 'detention-figures.md'),
    );
    const post = await corpus.bot.fake.waitForRequest(
      (request) => request.method === 'POST' && request.path.endsWith('/messages'),
    );
    const [announced] = corpus.announcements();
    expect(post.path).toBe(`/channels/${ANNOUNCE_ENV.CORPUS_ANNOUNCE_CHANNEL_ID}/messages`);
    expect(announced?.allowed_mentions).toEqual({ parse: [] });
    expect(report(announced).title).toBe('Corpus reloaded after its files changed');
    expect(report(announced).description).toContain(
      '**Added** (1)\n- *Interior ministry says thousands were detained after the unrest*',
    );
    expect(await corpus.ask(DETAINED)).toContain('7,939');
    expect(corpus.bot.logs.some((line) => String(line.msg).startsWith('Reload after files changed'))).toBe(
      true,
    );
    const status = await corpus.corpus('status');
    expect(JSON.stringify(status?.embeds)).toContain('by the file watcher, after the files changed');
  });
});
