import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { followOutput } from '../../support/runScript.ts';
import { TEST_TOKEN } from '../../support/startTestBot.ts';
import { KAZAKHSTAN_DIR } from './fixtureAnswers.ts';

const PROJECT_ROOT = new URL('../..', import.meta.url);
/**
 * Signals to the process group (a terminal's Ctrl+C, a service manager) are tried this many times each: a
 * shutdown that only usually works is a broken one.
 */
const TRIES = 20;

let fake: FakeDiscord;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  dataDir = await mkdtemp(join(tmpdir(), 'dossier-signals-'));
});

afterAll(async () => {
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * Starts `npm start` in a process group of its own, as a terminal or a service manager does, waits for the
 * bot's "online" log line, sends `signal` to the group or to npm alone, and resolves with how it ended.
 */
async function startAndSignal(signal: NodeJS.Signals, target: 'group' | 'npm') {
  const child = spawn('npm', ['start'], {
    cwd: PROJECT_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_BASE: fake.apiBase,
      CORPUS_DIR: KAZAKHSTAN_DIR,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    },
  });
  const run = followOutput(child);
  const pid = child.pid as number;
  try {
    await run.untilStdout('"msg":"Dossier is online"');
    process.kill(target === 'group' ? -pid : pid, signal);
    return { ...(await run.exited), stdout: run.stdout(), stderr: run.stderr() };
  } finally {
    // Whatever happened, no bot outlives its test.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
}

describe('stopping `npm start`', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const target of ['group', 'npm'] as const) {
      const tries = target === 'group' ? TRIES : 3;
      const to = target === 'group' ? 'its process group' : "npm's process alone";
      for (let i = 1; i <= tries; i++) {
        it(`exits 0 after logging "Dossier stopped" on ${signal} to ${to} (${i} of ${tries})`, async () => {
          const ended = await startAndSignal(signal, target);
          expect(ended, ended.stderr).toMatchObject({ code: 0, signal: null });
          expect(ended.stdout).toContain('"msg":"Dossier stopped"');
        });
      }
    }
  }
});
