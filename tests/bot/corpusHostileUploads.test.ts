import type { APIAttachment } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownArticle } from '../corpus/corpusFrom.ts';
import { type CorpusBot, startCorpusBot } from './corpusTestBot.ts';
import { isEphemeral } from './discordBodies.ts';

const FAMILIES = markdownArticle(
  { title: 'Families wait for news', source: 'Steppe Herald', date: '2022-01-11' },
  'Families waited outside the detention centre in Almaty for news of their relatives.\n',
);

let corpus: CorpusBot;
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.message);

beforeAll(async () => {
  // A one-second deadline, so the stalled download below is cut off without a long wait.
  corpus = await startCorpusBot({ env: { DOWNLOAD_TIMEOUT_SECONDS: '1' } });
  process.on('warning', onWarning);
});
afterAll(async () => {
  process.off('warning', onWarning);
  await corpus?.stop();
});

/** Runs `/corpus add` with an attachment that must be refused; resolves with the refusal's text. */
async function refusedAdd(attachment: APIAttachment): Promise<string> {
  const version = corpus.version();
  const files = await corpus.files();
  const reply = await corpus.corpus('add', {}, { attachment });
  expect(isEphemeral(reply)).toBe(true);
  expect(corpus.version()).toBe(version);
  expect(await corpus.files()).toEqual(files);
  return reply?.content ?? '';
}

describe('uploads built to get past the checks', () => {
  it('refuses a file that sends more bytes than Discord declared for it', async () => {
    const understated = corpus.attachText('families-wait.md', FAMILIES, { size: 40 });
    expect(await refusedAdd(understated)).toBe(
      '`families-wait.md` sent more than the 40 bytes Discord declared for it, so it was not taken; attach it again.',
    );
  });

  it('refuses a file whose download never finishes, naming the deadline', async () => {
    const trickle = corpus.attachText(
      'families-wait.md',
      FAMILIES.slice(0, 20),
      { size: FAMILIES.length },
      { stalls: true },
    );
    expect(await refusedAdd(trickle)).toBe(
      '`families-wait.md` did not finish downloading within 1 s, so it was not taken; attach it again.',
    );
  });

  it('refuses front matter with a !!js/function tag by name, and prints no YAML warning', async () => {
    const tagged = FAMILIES.replace(
      'source: Steppe Herald',
      'source: !!js/function "function () { return 1 }"',
    );
    expect(await refusedAdd(corpus.attachText('families-wait.md', tagged))).toBe(
      'Not added: families-wait.md: front matter uses the YAML tag !!js/function, which Dossier does not read; write plain "key: value" lines. Nothing was changed.',
    );
    expect(warnings).toEqual([]);
  });

  it('adds an article with 120,000 spaces in a paragraph, and /ask still answers from it', async () => {
    const padded = FAMILIES.replace(
      'for news',
      `for news${' '.repeat(120_000)}of their relatives. They waited`,
    );
    const reply = await corpus.corpus(
      'add',
      {},
      { attachment: corpus.attachText('families-wait.md', padded) },
    );
    expect(reply?.embeds?.[0]?.title ?? reply?.content).toContain('Families wait for news');
    expect(await corpus.ask('Where did families wait for news?')).toContain('detention centre in Almaty');
  });
});
