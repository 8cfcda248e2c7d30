import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationCommandType } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { Command } from '../../src/discord/runtime/Command.ts';
import { registerCommands } from '../../src/discord/runtime/registerCommands.ts';
import { type FakeDiscord, startFakeDiscord } from '../../support/fakeDiscord.ts';
import { runScript } from '../../support/runScript.ts';
import { TEST_TOKEN } from '../../support/startTestBot.ts';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(() => fake.close());

/** Every command in commands/index.ts, in its order. */
const names = commands.map((command) => command.data.name);

const settings = () => ({
  DISCORD_TOKEN: TEST_TOKEN,
  DISCORD_APPLICATION_ID: fake.applicationId,
  DISCORD_API_BASE: fake.apiBase,
});

describe('registering the commands', () => {
  it('puts every command in the configured server, as the data in commands/', async () => {
    const { guildId, commands: registered } = await registerCommands(
      { ...settings(), DISCORD_GUILD_ID: fake.guildId },
      commands,
    );
    expect(guildId).toBe(fake.guildId);
    const [put] = fake.requests;
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put?.body).toEqual(commands.map((command) => command.data));
    expect(names).toEqual(expect.arrayContaining(['ask', 'search', 'source', 'about', 'corpus']));
    expect(registered.map((command) => command.name)).toEqual(names);
    expect(fake.guildCommands.get(fake.guildId)?.map((command) => command.name)).toEqual(names);
    expect(fake.globalCommands).toEqual([]);
  });

  it('registers globally when no server is configured', async () => {
    const { guildId } = await registerCommands(settings(), commands);
    expect(guildId).toBeNull();
    expect(fake.requests[0]?.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(fake.globalCommands.map((command) => command.name)).toEqual(names);
  });

  it('refuses data Discord would reject before sending anything', async () => {
    const bad: Command = {
      data: { type: ApplicationCommandType.ChatInput, name: 'Ask Me', description: 'x' },
      execute: async () => {},
    };
    await expect(registerCommands(settings(), [...commands, bad])).rejects.toThrow(
      /invalid command data:\n {2}\/Ask Me: name "Ask Me" must be 1–32 letters/,
    );
    expect(fake.requests).toEqual([]);
  });

  it('runs as `npm run deploy-commands`, saying where the commands went', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dossier-deploy-'));
    try {
      const run = runScript('src/deployCommands.ts', { ...settings(), DISCORD_GUILD_ID: fake.guildId }, cwd);
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(run.stdout()).toMatch(
        new RegExp(
          `^Registered ${names.length} commands in server ${fake.guildId}: /ask, /search, .*\\. They are usable now\\.\n$`,
        ),
      );
      // A context-menu command is found by right-clicking a message, not by typing a slash.
      expect(run.stdout()).toContain('“Check against sources” (message menu → Apps)');
      expect(run.stdout()).not.toContain('/Check');
      expect(run.stdout() + run.stderr()).not.toContain(TEST_TOKEN);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('prints the steps to set the Interactions Endpoint URL when Dossier serves interactions over HTTP', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dossier-deploy-'));
    try {
      const run = runScript(
        'src/deployCommands.ts',
        { ...settings(), DISCORD_TRANSPORT: 'http', DISCORD_PUBLIC_KEY: fake.publicKeyHex, PORT: '8443' },
        cwd,
      );
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(run.stdout()).toMatch(/^Registered \d+ global commands: /);
      expect(run.stdout()).toContain('a reverse proxy or a tunnel to http://127.0.0.1:8443');
      expect(run.stdout()).toContain(
        `https://discord.com/developers/applications/${fake.applicationId}/information, set Interactions Endpoint URL to https://dossier.example.org/interactions`,
      );
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });

  it('refuses to run over HTTP without the public key that verifies interactions', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'dossier-deploy-'));
    try {
      const run = runScript('src/deployCommands.ts', { ...settings(), DISCORD_TRANSPORT: 'http' }, cwd);
      expect(await run.exited).toEqual({ code: 1, signal: null });
      expect(run.stderr()).toContain(
        "DISCORD_PUBLIC_KEY is not set: the Public Key on the Developer Portal's General Information page (needed with DISCORD_TRANSPORT=http)",
      );
      expect(fake.requests).toEqual([]);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
