import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { chatInputInteraction, defaultUser } from '../../support/payloads.ts';
import { runScript, type ScriptRun } from '../../support/runScript.ts';
import { botProcessEnv } from '../../support/startTestBot.ts';
import { sentMessage } from '../bot/discordBodies.ts';
import { KAZAKHSTAN_DIR } from '../bot/fixtureAnswers.ts';
import { useTestDatabases } from '../postgres/usePostgres.ts';

/** Everything several replicas share: one database, one Discord (which wants two shards), one corpus folder. */
export interface Deployment {
  databaseUrl: string;
  fake: FakeDiscord;
  /** The fixture corpus, in a folder of its own. */
  corpusDir: string;
}

/**
 * Starts a PostgreSQL server for the test file, and gives each test deployments of bot processes that are
 * all killed, and their folders deleted, after it.
 */
export function useReplicas() {
  const { createDatabase, onCleanup } = useTestDatabases('replicas');

  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-replicas-'));
    onCleanup(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async function deployment(): Promise<Deployment> {
    const databaseUrl = await createDatabase();
    const fake = await startFakeDiscord({ requiredShards: 2 });
    onCleanup(() => fake.close());
    const corpusDir = await tempDir();
    await cp(KAZAKHSTAN_DIR, corpusDir, { recursive: true });
    return { databaseUrl, fake, corpusDir };
  }

  /**
   * Starts one replica as its own `npm start` process serving `shardId` of 2 shards, with a data folder of
   * its own and the deployment's corpus folder unless `dirs` names others, and resolves once it is online.
   */
  async function startReplica(
    { databaseUrl, fake, corpusDir: sharedCorpusDir }: Deployment,
    shardId: number,
    env: Record<string, string> = {},
    dirs: { corpusDir?: string; dataDir?: string } = {},
  ): Promise<ScriptRun> {
    const corpusDir = dirs.corpusDir ?? sharedCorpusDir;
    const run = runScript(
      'src/bot.ts',
      {
        ...botProcessEnv(fake, { corpusDir, dataDir: dirs.dataDir ?? (await tempDir()) }),
        DISCORD_SHARD_IDS: String(shardId),
        DISCORD_SHARD_COUNT: '2',
        DATABASE_URL: databaseUrl,
        ASK_COOLDOWN_SECONDS: '0',
        ...env,
      },
      await tempDir(),
    );
    onCleanup(async () => {
      run.child.kill('SIGKILL');
      await run.exited;
    });
    await waitForLog(run, 'Dossier is online');
    return run;
  }

  return { tempDir, deployment, startReplica };
}

/** Resolves once the replica has logged `message`, the line after which its state is known. */
export function waitForLog(run: ScriptRun, message: string): Promise<void> {
  return expect.poll(() => run.stdout(), { timeout: 30_000 }).toContain(`"msg":"${message}"`);
}

export function askIn(where: 'guild' | 'direct message', question: string, asker = defaultUser) {
  return chatInputInteraction({
    name: 'ask',
    options: { question },
    user: asker,
    // The fixture guild's interactions reach shard 1; direct messages reach shard 0.
    ...(where === 'guild' ? {} : { guildId: null }),
  });
}

/** Sends an interaction and resolves with the first message it gets back. */
export async function reply(fake: FakeDiscord, payload: ReturnType<typeof chatInputInteraction>) {
  fake.interact(payload);
  const [response] = await fake.waitForInteractionResponses(payload.id, 1, 30_000);
  return response ? sentMessage(response) : undefined;
}
