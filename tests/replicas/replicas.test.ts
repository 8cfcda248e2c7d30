import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type APIMessage, InteractionResponseType } from 'discord-api-types/v10';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/loadCorpus.ts';
import { SCHEDULED_POSTS_FILE } from '../../src/discord/services/ScheduledPosts.ts';
import { openDatabase } from '../../src/postgres/openDatabase.ts';
import { buttonInteraction, chatInputInteraction, defaultUser, user } from '../../support/payloads.ts';
import { freeLoopbackPort } from '../../support/postgresServer.ts';
import { runScript } from '../../support/runScript.ts';
import { botProcessEnv } from '../../support/startTestBot.ts';
import { buttons, callbackType, messageCarrying, sentMessage, visibleText } from '../bot/discordBodies.ts';
import { STORE_UPLOADS } from '../corpus-store/storeFixture.ts';
import { askIn, reply, useReplicas, waitForLog } from './replicaDeployment.ts';

const { tempDir, deployment, startReplica } = useReplicas();

// Each test starts two or three bot processes, each loading the corpus and connecting to Discord.
describe('several replicas against one PostgreSQL', { timeout: 180_000 }, () => {
  it('makes a reader wait on one replica after asking on another', async () => {
    const shared = await deployment();
    const env = { ASK_COOLDOWN_SECONDS: '600' };
    await startReplica(shared, 0, env);
    await startReplica(shared, 1, env);
    const reader = user({ username: 'hurried-reader' });

    const first = await reply(shared.fake, askIn('direct message', 'Who commanded the contingent?', reader));
    expect(first?.embeds?.[0]?.description).toContain('General Andrei Serdiukov');
    const second = await reply(shared.fake, askIn('guild', 'Who commanded the contingent?', reader));
    expect(second?.content).toMatch(/^You're going a little fast: try again in \d+ s\.$/);
  });

  it('lists every running replica in /corpus status, with the corpus version it serves and which one leads', async () => {
    const shared = await deployment();
    const leader = await startReplica(shared, 0);
    await waitForLog(leader, 'this replica is the leader');
    await startReplica(shared, 1);
    const status = chatInputInteraction({ name: 'corpus', subcommand: 'status', moderator: true });
    const fields = (await reply(shared.fake, status))?.embeds?.[0]?.fields ?? [];
    const version = fields.find((field) => field.name === 'Version')?.value;
    const replicas = fields.find((field) => field.name.startsWith('Replicas'));
    expect(replicas?.name).toBe('Replicas (2 running)');
    const lines = replicas?.value.split('\n') ?? [];
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toContain(`version ${version}`);
    expect(lines.filter((line) => line.endsWith(' · leader'))).toEqual([
      expect.stringContaining(`(pid ${leader.child.pid})`),
    ]);
  });

  it('turns the pages of an answer on a replica that did not give it, after the one that did was killed', async () => {
    const shared = await deployment();
    const answering = await startReplica(shared, 1);
    const asked = askIn('guild', 'How many soldiers were in the contingent?');
    const answer = await reply(shared.fake, asked);
    const next = buttons(answer).get('Next ▶')?.customId;
    expect(next).toBeDefined();

    answering.child.kill('SIGKILL');
    await answering.exited;
    await startReplica(shared, 1);
    const press = buttonInteraction({
      customId: next ?? '',
      message: messageCarrying(shared.fake, answer ?? {}),
      user: defaultUser,
    });
    shared.fake.interact(press);
    const responses = await shared.fake.waitForInteractionResponses(press.id, 1, 30_000);
    const page = responses[0] ? sentMessage(responses[0]) : undefined;
    expect(visibleText(page)).not.toContain('no longer available');
    expect(page?.embeds?.[0]?.footer?.text).toMatch(/^Answer 2 of \d+/);
    expect(callbackType(responses)).toBe(InteractionResponseType.UpdateMessage);
  });

  it('posts to the digest channel from the leader only; when the leader is killed another takes over, missing nothing and posting nothing twice', async () => {
    const shared = await deployment();
    const digest = shared.fake.channelId;
    // The bookmark says every article but one was posted already, as if the digest had run for a while.
    const corpus = await loadCorpus(shared.corpusDir);
    const posted = Object.fromEntries(
      corpus.documents
        .filter((document) => document.id !== 'security-council-shakeup')
        .map((document) => [document.id, document.contentHash]),
    );
    const database = await openDatabase(shared.databaseUrl, pino({ level: 'silent' }));
    await database.sql`INSERT INTO state_documents (name, body)
      VALUES (${SCHEDULED_POSTS_FILE}, ${JSON.stringify({ version: 1, posted, reports: [] })})`;
    await database.close();

    const env = { DIGEST_CHANNEL_ID: digest, CORPUS_WATCH: 'true' };
    const leader = await startReplica(shared, 0, env);
    await waitForLog(leader, 'this replica is the leader');
    const follower = await startReplica(shared, 1, env);
    await waitForLog(leader, 'scheduled posts: posted what is new in the corpus');

    leader.child.kill('SIGKILL');
    await leader.exited;
    await waitForLog(follower, 'this replica is the leader');
    await waitForLog(follower, 'watching the corpus folder for changes');
    await copyFile(join(STORE_UPLOADS, 'airport-reopens.md'), join(shared.corpusDir, 'airport-reopens.md'));
    await waitForLog(follower, 'scheduled posts: posted what is new in the corpus');
    // A clean stop waits for any post in progress, so the channel holds everything that will ever be posted.
    follower.child.kill('SIGTERM');
    expect((await follower.exited).code).toBe(0);

    const channelPosts = shared.fake.messages(digest).filter((message) => !message.webhook_id);
    expect(channelPosts.map(describePost)).toEqual([
      'articles: security-council-shakeup',
      'change report',
      'articles: airport-reopens',
    ]);
    expect(follower.stdout()).not.toContain(
      '"msg":"scheduled posts: the articles already in the corpus are taken',
    );
  });
});

describe('npm start with DATABASE_URL', { timeout: 120_000 }, () => {
  it('stops with a clear message when the database cannot be reached, without printing its password', async () => {
    const shared = await deployment();
    const unreachable = new URL(shared.databaseUrl);
    unreachable.port = String(await freeLoopbackPort());
    unreachable.password = 'hunter2-secret';
    const run = runScript(
      'src/bot.ts',
      {
        ...botProcessEnv(shared.fake, { corpusDir: shared.corpusDir, dataDir: await tempDir() }),
        DATABASE_URL: unreachable.toString(),
      },
      await tempDir(),
    );
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toMatch(
      /^Dossier cannot start: could not open the database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/replicas_\d+ \(.*ECONNREFUSED.*\); check DATABASE_URL and that PostgreSQL is running\n$/,
    );
    expect(run.stdout() + run.stderr()).not.toContain('hunter2-secret');
  });

  it('exits with status 1 when the leader loses its database connection, so that it never leads twice', async () => {
    const shared = await deployment();
    const leader = await startReplica(shared, 0);
    await waitForLog(leader, 'this replica is the leader');
    const database = await openDatabase(shared.databaseUrl, pino({ level: 'silent' }));
    await database.sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = 'dossier leader lock'`;
    await database.close();
    expect(await leader.exited).toEqual({ code: 1, signal: null });
    expect(leader.stderr()).toBe(
      'Dossier went offline: this replica lost the leader lock with its database connection\n',
    );
  });
});

/** What a post in the digest channel is: the articles it sums up, by id, or a change report. */
function describePost(message: APIMessage): string {
  const ids = message.embeds
    .map((embed) => /\/source document:(\S+)$/.exec(embed.footer?.text ?? '')?.[1])
    .filter(Boolean);
  return ids.length > 0 ? `articles: ${ids.join(', ')}` : 'change report';
}
