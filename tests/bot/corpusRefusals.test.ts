import type { APIAttachment } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionValues } from '../../support/payloads.ts';
import { markdownArticle } from '../corpus/corpusFrom.ts';
import { ANNOUNCE_ENV, type CorpusBot, type CorpusCall, startCorpusBot } from './corpusTestBot.ts';
import { isEphemeral, type SentMessage } from './discordBodies.ts';

/** Small enough that a long article is over it, large enough for every fixture upload. */
const MAX_UPLOAD_BYTES = 2048;

let corpus: CorpusBot;

beforeAll(async () => {
  corpus = await startCorpusBot({ env: { ...ANNOUNCE_ENV, MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) } });
});
afterAll(() => corpus?.stop());

/** Runs a `/corpus` call that must be refused and change nothing; resolves with the refusal's text. */
async function refused(
  subcommand: string,
  options: OptionValues = {},
  call: CorpusCall = {},
): Promise<string> {
  const version = corpus.version();
  const index = corpus.bot.bot.context.live.current.index;
  const files = await corpus.files();
  const announced = corpus.announcements().length;

  const reply: SentMessage | undefined = await corpus.corpus(subcommand, options, call);

  expect(isEphemeral(reply)).toBe(true);
  expect(reply?.embeds ?? []).toEqual([]);
  expect(corpus.version()).toBe(version);
  expect(corpus.bot.bot.context.live.current.index).toBe(index);
  expect(await corpus.files()).toEqual(files);
  expect(corpus.announcements()).toHaveLength(announced);
  return reply?.content ?? '';
}

function downloaded(attachment: APIAttachment): boolean {
  return corpus.bot.fake.requests.some((request) => attachment.url.endsWith(encodeURI(request.path)));
}

describe('a regular member', () => {
  const REFUSAL = 'Only moderators can do this: it needs the Manage Server permission. Nothing was changed.';

  it.each([
    ['reload', {}],
    ['remove', { document: 'state-of-emergency' }],
    ['restore', { document: 'state-of-emergency' }],
    ['list', {}],
    ['status', {}],
  ] as Array<[string, OptionValues]>)(
    'is refused /corpus %s, and nothing changes',
    async (subcommand, options) => {
      expect(await refused(subcommand, options, { member: true })).toBe(REFUSAL);
    },
  );

  it('is refused /corpus add and replace before the attachment is even downloaded', async () => {
    const article = await corpus.attach('detention-figures.md');
    expect(await refused('add', {}, { member: true, attachment: article })).toBe(REFUSAL);
    expect(
      await refused('replace', { document: 'state-of-emergency' }, { member: true, attachment: article }),
    ).toBe(REFUSAL);
    expect(downloaded(article)).toBe(false);
  });

  it('gets no suggestions of articles to remove or restore', async () => {
    expect(await corpus.autocomplete('corpus', 'remove', 'document', '', true)).toEqual([]);
    expect(await corpus.autocomplete('corpus', 'restore', 'document', '', true)).toEqual([]);
  });

  it('cannot use it in a direct message either', async () => {
    expect(await refused('reload', {}, { guildId: null })).toBe('This command works only inside a server.');
  });
});

describe('uploads a moderator gets refused, each with its reason, changing nothing', () => {
  it('refuses a file of another type without downloading it', async () => {
    const docx = await corpus.attach('tokayev-address.docx');
    expect(await refused('add', {}, { attachment: docx })).toBe(
      '`tokayev-address.docx` is a .docx file; only .md, .markdown, .txt files are accepted.',
    );
    expect(downloaded(docx)).toBe(false);
  });

  it('refuses a file Discord says is over the size limit without downloading it', async () => {
    const large = await corpus.attach('detention-figures.md', { size: 5 * 1024 * 1024 });
    expect(await refused('add', {}, { attachment: large })).toBe(
      '`detention-figures.md` is larger than the limit of 2 KB.',
    );
    expect(downloaded(large)).toBe(false);
  });

  it('refuses a file that turns out larger than the limit while downloading', async () => {
    const article = markdownArticle(
      { title: 'Families wait for news', source: 'Steppe Herald', date: '2022-01-11' },
      'Families waited outside the detention centre in Almaty for news. '.repeat(40),
    );
    const understated = corpus.attachText('families-wait.md', article, { size: 900 });
    expect(await refused('add', {}, { attachment: understated })).toBe(
      '`families-wait.md` is larger than the limit of 2 KB.',
    );
    expect(downloaded(understated)).toBe(true);
  });

  it.each([
    [
      'text that is not UTF-8',
      'cafe-losses-latin1.md',
      /^Not added: cafe-losses-latin1\.md is not valid UTF-8 text; save it as UTF-8/,
    ],
    [
      'a binary file named like an article',
      'front-page-scan.md',
      /^Not added: front-page-scan\.md is a binary file, not text\. Nothing was changed\.$/,
    ],
    [
      'front matter and no body',
      'placeholder.md',
      /^Not added: placeholder\.md has no body text\. Nothing was changed\.$/,
    ],
    [
      'front matter that is never closed',
      'unclosed-front-matter.md',
      /^Not added: unclosed-front-matter\.md: front matter opens with --- but is never closed\. Nothing was changed\.$/,
    ],
    [
      'the same text as a live article',
      'fuel-protests-wire-copy.md',
      /^Not added: fuel-protests-wire-copy\.md duplicates fuel-price-protests\.md \(same text\)\. Nothing was changed\.$/,
    ],
    [
      'the same title and date as a live article',
      'emergency-update.md',
      /^Not added: emergency-update\.md duplicates state-of-emergency\.md \(same title and date\)\. Nothing was changed\.$/,
    ],
    [
      'the name of a live article',
      'state-of-emergency.md',
      /^Not added: state-of-emergency\.md: the corpus already has .* use replace to update it\. Nothing was changed\.$/,
    ],
  ])('refuses %s', async (_what, file, reason) => {
    expect(await refused('add', {}, { attachment: await corpus.attach(file) })).toMatch(reason);
  });

  it('refuses an article without a source, and says how to give one', async () => {
    const text = markdownArticle(
      { title: 'Curfew lifted in Almaty', date: '2022-01-14' },
      'Authorities in Almaty lifted the overnight curfew on Friday.\n',
    );
    expect(await refused('add', {}, { attachment: corpus.attachText('curfew-lifted.md', text) })).toBe(
      'Not added: curfew-lifted.md: front matter has no "source". Add it to the front matter, or give it with the `title`, `source` and `date` options. Nothing was changed.',
    );
  });

  it('refuses a plain-text article given a title and source but no date', async () => {
    const reply = await refused(
      'add',
      { title: 'Massimov detained', source: 'Nur Daily' },
      { attachment: await corpus.attach('massimov-arrest.txt') },
    );
    expect(reply).toMatch(
      /^Not added: massimov-arrest\.txt has no date: .*give the date too\. Nothing was changed\.$/,
    );
  });

  it('refuses a date option that is not a date', async () => {
    const reply = await refused(
      'add',
      { title: 'Massimov detained', source: 'Nur Daily', date: '8 January' },
      { attachment: await corpus.attach('massimov-arrest.txt') },
    );
    expect(reply).toMatch(
      /^Not added: massimov-arrest\.txt: front matter "date" must be a real date written YYYY-MM-DD/,
    );
  });

  it('shows a file name with Markdown and mentions inert in a refusal', async () => {
    const reply = await refused(
      'add',
      {},
      {
        attachment: corpus.attachText('@everyone_*breaking*.md', '---\ntitle: x\n---\n'),
      },
    );
    expect(reply).toMatch(/^Not added: @\u200beveryone\\_\\\*breaking\\\*\.md/);
  });

  it('refuses to replace, remove or restore what is not there, and a replacement identical to the live text', async () => {
    const article = await corpus.attach('detention-figures.md');
    expect(await refused('replace', { document: 'curfew-lifted' }, { attachment: article })).toBe(
      'No article in the corpus matches “curfew-lifted”. Start typing its title and pick one from the list. Nothing was changed.',
    );
    expect(await refused('remove', { document: 'curfew-lifted' })).toBe(
      'No article in the corpus matches “curfew-lifted”. Start typing its title and pick one from the list. Nothing was changed.',
    );
    expect(await refused('remove', { document: 'almaty' })).toBe(
      'Several articles in the corpus match “almaty”. Start typing its title and pick one from the list. Nothing was changed.',
    );
    expect(await refused('restore', { document: 'curfew-lifted@2022-01-14T09-00-00-000Z-removed' })).toBe(
      'Not restored: nothing in history matches "curfew-lifted@2022-01-14T09-00-00-000Z-removed". Nothing was changed.',
    );
    expect(await refused('restore', { document: 'curfew-lifted' })).toBe(
      'No removed article matches “curfew-lifted”. Start typing its title and pick one from the list. Nothing was changed.',
    );
    const same = await corpus.attach('fuel-protests-wire-copy.md');
    expect(await refused('replace', { document: 'state-of-emergency' }, { attachment: same })).toMatch(
      /^Not replaced: fuel-protests-wire-copy\.md duplicates fuel-price-protests\.md \(same text\)/,
    );
  });
});
