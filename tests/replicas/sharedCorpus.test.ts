import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/corpus/parseDocument.ts';
import { CORPUS_LOCK } from '../../src/postgres/PostgresCorpus.ts';
import { fakeIds } from '../../support/payloads.ts';
import { corpusInteraction, finalMessage } from '../bot/corpusTestBot.ts';
import { visibleText } from '../bot/discordBodies.ts';
import { STORE_UPLOADS } from '../corpus-store/storeFixture.ts';
import { askIn, type Deployment, reply, useReplicas } from './replicaDeployment.ts';

const { tempDir, deployment, startReplica } = useReplicas();

/** A server whose interactions reach shard 0, as the fixture guild's reach shard 1. */
const SHARD_0_GUILD = (BigInt(fakeIds.guild) + (1n << 22n)).toString();

const connections: postgres.Sql[] = [];
afterEach(async () => {
  for (const sql of connections.splice(0)) await sql.end({ timeout: 5 });
});

/** One connection of the test's own to the deployment's database. */
function connect(shared: Deployment): postgres.Sql {
  const sql = postgres(shared.databaseUrl, { max: 1, onnotice: () => {} });
  connections.push(sql);
  return sql;
}

/** Sends `/corpus <subcommand>` to the replica serving `shard`; `reply()` waits for its final message. */
function corpusOn(
  shared: Deployment,
  shard: 0 | 1,
  subcommand: string,
  options: Record<string, string>,
  attachment?: { filename: string; bytes: Uint8Array | string },
) {
  const payload = corpusInteraction(subcommand, options, {
    ...(attachment ? { attachment: shared.fake.hostAttachment(attachment.filename, attachment.bytes) } : {}),
    ...(shard === 0 ? { guildId: SHARD_0_GUILD } : {}),
  });
  shared.fake.interact(payload);
  return { reply: () => finalMessage(shared.fake, payload.id) };
}

/** How many rows each table of the shared corpus holds, and the live version. */
async function corpusRows(sql: postgres.Sql) {
  const [row] = await sql`
    SELECT (SELECT version FROM corpus_live) AS live,
      (SELECT count(*) FROM corpus_versions) AS versions,
      (SELECT count(*) FROM corpus_version_files) AS files,
      (SELECT count(*) FROM corpus_blobs) AS blobs,
      (SELECT count(*) FROM corpus_history) AS history,
      (SELECT count(*) FROM corpus_refused_uploads) AS refused`;
  return row;
}

// Each test starts two bot processes, each loading the corpus and connecting to Discord.
describe('the corpus shared through PostgreSQL', { timeout: 240_000 }, () => {
  it('answers on one replica from an article added through another, and announces the change once', async () => {
    const shared = await deployment();
    const env = { CORPUS_ANNOUNCE_CHANNEL_ID: shared.fake.channelId };
    // The first replica finds the database empty and imports its folder; the second starts from an empty
    // folder of its own, so everything it knows comes from the database.
    await startReplica(shared, 0, env);
    await startReplica(shared, 1, env, { corpusDir: await tempDir() });
    const fromFixture = await reply(shared.fake, askIn('guild', 'Who commanded the contingent?'));
    expect(visibleText(fromFixture)).toContain('General Andrei Serdiukov');

    const question = 'When did Almaty airport receive its first civilian flight?';
    const before = await reply(shared.fake, askIn('direct message', question));
    expect(visibleText(before)).not.toContain('first civilian flight in more than a week');

    const added = await corpusOn(
      shared,
      1,
      'add',
      {},
      {
        filename: 'airport-reopens.md',
        bytes: await readFile(join(STORE_UPLOADS, 'airport-reopens.md')),
      },
    ).reply();
    expect(added?.embeds?.[0]?.title).toBe('Added: Almaty airport reopens to civilian flights');

    // The other replica hears of the new version and re-indexes in the background: ask until it answers.
    await expect
      .poll(async () => visibleText(await reply(shared.fake, askIn('direct message', question))), {
        timeout: 90_000,
        interval: 500,
      })
      .toContain('first civilian flight in more than a week');
    const reports = shared.fake
      .messages(shared.fake.channelId)
      .filter((message) => !message.webhook_id && message.embeds.length > 0);
    expect(reports.map((message) => message.embeds[0]?.title)).toEqual([expect.stringMatching(/added/i)]);

    const status = await corpusOn(shared, 0, 'status', {}).reply();
    const sharedField = status?.embeds?.[0]?.fields?.find((field) => field.name === 'Shared corpus');
    expect(sharedField?.value).toBe('This replica serves version 2, the live one.');
  });

  it('accepts one of two simultaneous replaces of one article on two replicas, refuses the other clearly, and keeps both uploads', async () => {
    const shared = await deployment();
    await startReplica(shared, 0);
    await startReplica(shared, 1, {}, { corpusDir: await tempDir() });
    const original = await readFile(join(shared.corpusDir, 'security-council-shakeup.md'), 'utf8');
    const corrections = [
      original.replace('The move stunned officials', 'The decision stunned officials'),
      original.replace('The move stunned officials', 'The announcement surprised officials'),
    ];
    expect(new Set(corrections.map(sha256)).size).toBe(2);

    // Both replicas check their upload while the test holds the lock every change takes to commit, so both
    // start from the same version and neither can commit before the other has checked its upload.
    const sql = connect(shared);
    await sql`SELECT pg_advisory_lock(${CORPUS_LOCK})`;
    const replaces = ([0, 1] as const).map((shard) =>
      corpusOn(
        shared,
        shard,
        'replace',
        { document: 'security-council-shakeup' },
        { filename: 'security-council-shakeup.md', bytes: corrections[shard] ?? '' },
      ),
    );
    await expect
      .poll(
        async () =>
          (
            await sql`SELECT count(*)::int AS waiting FROM pg_locks
              WHERE locktype = 'advisory' AND objid = ${CORPUS_LOCK} AND NOT granted`
          )[0]?.waiting,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(2);
    await sql`SELECT pg_advisory_unlock(${CORPUS_LOCK})`;
    const texts = (await Promise.all(replaces.map((replace) => replace.reply()))).map(visibleText);

    const accepted = texts.filter((text) => text.trimStart().startsWith('Replaced: '));
    const refused = texts.filter((text) => text.startsWith('Not replaced: '));
    expect(accepted).toHaveLength(1);
    expect(refused).toEqual([
      expect.stringMatching(
        /^Not replaced: the corpus changed on another replica while this change was checked \(it is now at version 2\); try again on the corpus as it is now\. Your file is kept in the database as refused upload 1\. Nothing was changed\.$/,
      ),
    ]);

    // Nothing is lost: the live version holds one upload, and the refused one is kept byte for byte.
    const [live] = await sql`
      SELECT b.bytes FROM corpus_version_files f JOIN corpus_blobs b USING (sha256)
      WHERE f.version = (SELECT version FROM corpus_live) AND f.file_name = 'security-council-shakeup.md'`;
    const [kept] = await sql`
      SELECT b.bytes, r.doc_id FROM corpus_refused_uploads r JOIN corpus_blobs b USING (sha256)`;
    expect(kept?.doc_id).toBe('security-council-shakeup');
    expect(new Set([String(live?.bytes), String(kept?.bytes)])).toEqual(new Set(corrections));
    // And the version it replaced is in history.
    const [history] = await sql`
      SELECT b.bytes FROM corpus_history h JOIN corpus_blobs b USING (sha256)`;
    expect(String(history?.bytes)).toBe(original);
  });

  it('has a change the database took when its replica was killed at once served everywhere, that replica included once restarted', async () => {
    const shared = await deployment();
    await startReplica(shared, 0, {}, { corpusDir: await tempDir() });
    const dataDir = await tempDir();
    const crashing = await startReplica(shared, 1, { DOSSIER_CRASH_AT: 'shared:committed#1' }, { dataDir });
    const question = 'When did Almaty airport receive its first civilian flight?';
    corpusOn(
      shared,
      1,
      'add',
      {},
      {
        filename: 'airport-reopens.md',
        bytes: await readFile(join(STORE_UPLOADS, 'airport-reopens.md')),
      },
    );
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const sql = connect(shared);
    expect(await corpusRows(sql)).toMatchObject({ live: '2', versions: '2' });
    await expect
      .poll(async () => visibleText(await reply(shared.fake, askIn('direct message', question))), {
        timeout: 90_000,
        interval: 500,
      })
      .toContain('first civilian flight in more than a week');

    await startReplica(shared, 1, {}, { dataDir });
    expect(visibleText(await reply(shared.fake, askIn('guild', question)))).toContain(
      'first civilian flight in more than a week',
    );
    const audit = (await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    expect(audit.map((line) => JSON.parse(line)).map((record) => `${record.action} ${record.docId}`)).toEqual(
      ['add airport-reopens'],
    );
  });

  it('commits nothing when an upload fails its checks', async () => {
    const shared = await deployment();
    await startReplica(shared, 1);
    const sql = connect(shared);
    const before = await corpusRows(sql);

    const refused = await corpusOn(
      shared,
      1,
      'add',
      {},
      {
        filename: 'unclosed-front-matter.md',
        bytes: await readFile(join(STORE_UPLOADS, 'unclosed-front-matter.md')),
      },
    ).reply();
    expect(refused?.content).toMatch(/^Not added: unclosed-front-matter\.md.*Nothing was changed\.$/s);
    const duplicate = await corpusOn(
      shared,
      1,
      'add',
      {},
      {
        filename: 'shakeup-again.md',
        bytes: await readFile(join(shared.corpusDir, 'security-council-shakeup.md')),
      },
    ).reply();
    expect(duplicate?.content).toMatch(/^Not added: .*duplicates security-council-shakeup\.md/);

    expect(await corpusRows(sql)).toEqual(before);
    expect(before).toMatchObject({ live: '1', versions: '1', refused: '0' });
  });
});
