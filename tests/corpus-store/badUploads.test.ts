import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusStore } from '../../src/store/CorpusStore.ts';
import { CorpusStoreError, type RefusalCode } from '../../src/store/CorpusStoreError.ts';
import type { Upload } from '../../src/store/UploadChecks.ts';
import { markdownArticle } from '../corpus/corpusFrom.ts';
import {
  MODERATOR,
  makeStoreDirs,
  openStore,
  type StoreDirs,
  snapshotFiles,
  uploadOf,
} from './storeFixture.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

interface BadUpload {
  what: string;
  upload: () => Promise<Upload>;
  code: RefusalCode;
  reason: RegExp;
}

const BAD_UPLOADS: BadUpload[] = [
  {
    what: 'a word-processor file',
    upload: () => uploadOf('tokayev-address.docx'),
    code: 'unsupported-type',
    reason:
      /^tokayev-address\.docx has an unsupported type \(\.docx\); Dossier reads \.md, \.markdown, \.txt$/,
  },
  {
    what: 'a file over the upload limit',
    upload: async () => {
      const { bytes } = await uploadOf('detention-figures.md');
      const longer = `${bytes.toString()}\n${'Families waited outside the detention centre in Almaty for news. '.repeat(30)}\n`;
      return { name: 'detention-figures-long.md', bytes: utf8(longer) };
    },
    code: 'too-large',
    reason: /^detention-figures-long\.md is 2\d{3} bytes, over the 2048 bytes upload limit$/,
  },
  {
    what: 'text that is not UTF-8',
    upload: () => uploadOf('cafe-losses-latin1.md'),
    code: 'invalid',
    reason: /^cafe-losses-latin1\.md is not valid UTF-8 text; save it as UTF-8/,
  },
  {
    what: 'a binary file with an article extension',
    upload: () => uploadOf('front-page-scan.md'),
    code: 'invalid',
    reason: /^front-page-scan\.md is a binary file, not text$/,
  },
  {
    what: 'an article with front matter and no body',
    upload: () => uploadOf('placeholder.md'),
    code: 'invalid',
    reason: /^placeholder\.md has no body text$/,
  },
  {
    what: 'front matter that is never closed',
    upload: () => uploadOf('unclosed-front-matter.md'),
    code: 'invalid',
    reason: /^unclosed-front-matter\.md: front matter opens with --- but is never closed$/,
  },
  {
    what: 'front matter without a source, and no source option',
    upload: async () => ({
      name: 'curfew-lifted.md',
      bytes: utf8(
        markdownArticle(
          { title: 'Curfew lifted in Almaty', date: '2022-01-14' },
          'Authorities in Almaty lifted the overnight curfew on Friday.\n',
        ),
      ),
    }),
    code: 'invalid',
    reason: /^curfew-lifted\.md: front matter has no "source"$/,
  },
  {
    what: 'a date option that is not a date',
    upload: () => uploadOf('massimov-arrest.txt', { title: 'Massimov detained', date: '8 January' }),
    code: 'invalid',
    reason: /^massimov-arrest\.txt: front matter "date" must be a real date written YYYY-MM-DD/,
  },
  {
    what: 'an undated plain-text file whose title and source would need front matter',
    upload: () => uploadOf('massimov-arrest.txt', { title: 'Massimov detained', source: 'Nur Daily' }),
    code: 'invalid',
    reason: /^massimov-arrest\.txt has no date: .*give the date too$/,
  },
  {
    what: 'the same text as an article already in the corpus',
    upload: () => uploadOf('fuel-protests-wire-copy.md'),
    code: 'duplicate',
    reason: /^fuel-protests-wire-copy\.md duplicates fuel-price-protests\.md \(same text\)$/,
  },
  {
    what: 'the same title and date as an article already in the corpus',
    upload: () => uploadOf('emergency-update.md'),
    code: 'duplicate',
    reason: /^emergency-update\.md duplicates state-of-emergency\.md \(same title and date\)$/,
  },
  {
    what: 'a file name that would overwrite an article',
    upload: () => uploadOf('state-of-emergency.md'),
    code: 'exists',
    reason:
      /^state-of-emergency\.md: the corpus already has "Government resigns .*" as state-of-emergency\.md \(id state-of-emergency\); use replace to update it$/,
  },
  {
    what: 'a file name that differs only in case and spacing from an article',
    upload: async () => ({ ...(await uploadOf('state-of-emergency.md')), name: 'State of Emergency.md' }),
    code: 'exists',
    reason: /use replace/,
  },
  {
    what: 'a file name with folders in it',
    upload: async () => ({ ...(await uploadOf('detention-figures.md')), name: '../detention-figures.md' }),
    code: 'bad-name',
    reason: /^"\.\.\/detention-figures\.md" is not a usable file name$/,
  },
  {
    what: 'a hidden file name',
    upload: async () => ({ ...(await uploadOf('detention-figures.md')), name: '.detention-figures.md' }),
    code: 'bad-name',
    reason: /is not a usable file name/,
  },
];

describe('uploads the store refuses', () => {
  let dirs: StoreDirs;
  let store: CorpusStore;

  beforeAll(async () => {
    dirs = await makeStoreDirs();
    store = await openStore(dirs, { maxUploadBytes: 2048 });
  });
  afterAll(async () => {
    await store.close();
    await dirs.remove();
  });

  it.each(BAD_UPLOADS)(
    'refuses $what with its reason, and changes nothing',
    async ({ upload, code, reason }) => {
      const version = store.live.current.corpus.version;
      const index = store.live.current.index;
      const corpusFiles = await snapshotFiles(dirs.corpusDir);
      const dataFiles = await snapshotFiles(dirs.dataDir);

      const attempt = store.add(await upload(), MODERATOR);
      await expect(attempt).rejects.toBeInstanceOf(CorpusStoreError);
      const error = (await attempt.catch((caught: unknown) => caught)) as CorpusStoreError;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(reason);

      expect(store.live.current.corpus.version).toBe(version);
      expect(store.live.current.index).toBe(index);
      expect(await snapshotFiles(dirs.corpusDir)).toEqual(corpusFiles);
      expect(await snapshotFiles(dirs.dataDir)).toEqual(dataFiles);
    },
  );

  it('accepts a file just under the limit, so the limit is the only reason above', async () => {
    const result = await store.add(await uploadOf('detention-figures.md'), MODERATOR);
    expect(result.document.id).toBe('detention-figures');
  });
});

describe('changes the store refuses for documents', () => {
  let dirs: StoreDirs;
  let store: CorpusStore;

  beforeAll(async () => {
    dirs = await makeStoreDirs();
    store = await openStore(dirs);
  });
  afterAll(async () => {
    await store.close();
    await dirs.remove();
  });

  /** Runs a change that must be refused, and checks the corpus directory is untouched. */
  async function refusal(change: () => Promise<unknown>): Promise<CorpusStoreError> {
    const corpusFiles = await snapshotFiles(dirs.corpusDir);
    const error = await change().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CorpusStoreError);
    expect(await snapshotFiles(dirs.corpusDir)).toEqual(corpusFiles);
    return error as CorpusStoreError;
  }

  it('refuses to replace, remove or restore an id nobody has, naming it', async () => {
    const upload = await uploadOf('detention-figures.md');
    const replace = await refusal(() => store.replace('curfew-lifted', upload, MODERATOR));
    expect(replace).toMatchObject({ code: 'not-found', message: expect.stringContaining('"curfew-lifted"') });
    expect(await refusal(() => store.remove('curfew-lifted', MODERATOR))).toMatchObject({
      code: 'not-found',
    });
    expect(await refusal(() => store.restore('curfew-lifted', MODERATOR))).toMatchObject({
      code: 'not-found',
      message: 'nothing in history matches "curfew-lifted"',
    });
  });

  it('refuses a replacement identical to the live version', async () => {
    const live = await readFile(join(dirs.corpusDir, 'state-of-emergency.md'));
    const error = await refusal(() =>
      store.replace('state-of-emergency', { name: 'state-of-emergency.md', bytes: live }, MODERATOR),
    );
    expect(error).toMatchObject({
      code: 'unchanged',
      message: expect.stringMatching(/is the same as the live version/),
    });
  });

  it('refuses a replacement that duplicates another article', async () => {
    const upload = await uploadOf('fuel-protests-wire-copy.md');
    const error = await refusal(() => store.replace('state-of-emergency', upload, MODERATOR));
    expect(error).toMatchObject({
      code: 'duplicate',
      message: expect.stringMatching(/duplicates fuel-price-protests\.md/),
    });
  });

  it('refuses to restore a document while one with its id is live again', async () => {
    await store.remove('airport-reopens', MODERATOR);
    const otherArticle = await uploadOf('detention-figures.md');
    await store.add({ ...otherArticle, name: 'airport-reopens.md' }, MODERATOR);
    const error = await refusal(() => store.restore('airport-reopens', MODERATOR));
    expect(error).toMatchObject({
      code: 'live',
      message: expect.stringMatching(/^airport-reopens is live again/),
    });
  });

  it('refuses to restore a document whose text is live under another name', async () => {
    await store.remove('fuel-price-protests', MODERATOR);
    await store.add(await uploadOf('fuel-protests-wire-copy.md'), MODERATOR);
    const error = await refusal(() => store.restore('fuel-price-protests', MODERATOR));
    expect(error).toMatchObject({
      code: 'duplicate',
      message: expect.stringMatching(/duplicates fuel-protests-wire-copy\.md \(same text\)/),
    });
  });

  it('refuses to remove the last document, so the bot always has something to answer from', async () => {
    for (const document of store.list().slice(1)) await store.remove(document.id, MODERATOR);
    const [last] = store.list();
    const error = await refusal(() => store.remove(last?.id ?? '', MODERATOR));
    expect(error).toMatchObject({
      code: 'last-document',
      message: expect.stringMatching(/is the only document/),
    });
  });
});
