import { type Client, Events, GatewayIntentBits, type Interaction, type TextChannel } from 'discord.js';
import { GatewayOpcodes, InteractionResponseType, Routes } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  createTestClient,
  type FakeDiscord,
  fakeToken,
  startFakeDiscord,
} from '../../support/fakeDiscord.ts';
import {
  autocompleteInteraction,
  buttonInteraction,
  chatInputInteraction,
  message,
  messageContextMenuInteraction,
  messageWithButtons,
} from '../../support/payloads.ts';

describe('the fake Discord driven by the real discord.js client', () => {
  let fake: FakeDiscord;
  let client: Client<true>;

  beforeEach(async () => {
    fake = await startFakeDiscord();
    client = await connectClient(fake, {
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    });
  });

  afterEach(async () => {
    await client.destroy();
    await fake.close();
  });

  function onInteraction(handler: (interaction: Interaction) => Promise<unknown>): void {
    client.on(Events.InteractionCreate, (interaction) => void handler(interaction));
  }

  it('makes the client ready with the bot user, the guild and its text channel cached', () => {
    expect(client.isReady()).toBe(true);
    expect(client.user.id).toBe(fake.botUser.id);
    expect(client.application.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.members.me?.id).toBe(fake.botUser.id);
    expect(client.channels.cache.get(fake.channelId)?.isTextBased()).toBe(true);
  });

  it('records the IDENTIFY payload with the intents the client asked for', () => {
    const [identify] = fake.identifies();
    expect(identify?.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    expect(identify?.token).toBe(fakeToken);
  });

  it('records a reply as a type 4 callback with its content and allowed mentions', async () => {
    onInteraction(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({ content: 'hello <@123>', allowedMentions: { parse: [] } });
      }
    });
    const interaction = fake.interact(chatInputInteraction({ name: 'ask', options: { question: 'Who?' } }));

    const [callback] = await fake.waitForInteractionResponses(interaction.id);

    expect(callback?.method).toBe('POST');
    expect(callback?.status).toBe(204);
    expect(callback?.body).toEqual({
      type: 4,
      data: expect.objectContaining({ content: 'hello <@123>', allowed_mentions: { parse: [] } }),
    });
    expect(fake.messages().at(-1)?.content).toBe('hello <@123>');
  });

  it('passes options and member permissions through to the interaction the handler sees', async () => {
    const seen = new Promise<{ question: string | null; canManage: boolean | undefined }>((resolve) =>
      onInteraction(async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        resolve({
          question: interaction.options.getString('question'),
          canManage: interaction.memberPermissions?.has('ManageGuild'),
        });
        await interaction.reply('ok');
      }),
    );

    fake.interact(chatInputInteraction({ name: 'ask', options: { question: 'Why?' }, moderator: true }));

    await expect(seen).resolves.toEqual({ question: 'Why?', canManage: true });
  });

  it('records a deferred reply as a type 5 callback followed by a PATCH of the original', async () => {
    onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply('done');
    });
    const interaction = fake.interact(chatInputInteraction({ name: 'ask' }));

    const [callback, edit] = await fake.waitForInteractionResponses(interaction.id, 2);

    expect(callback?.body).toMatchObject({ type: 5 });
    expect(edit?.method).toBe('PATCH');
    expect(edit?.path).toBe(`/webhooks/${fake.applicationId}/${interaction.token}/messages/@original`);
    expect(edit?.body).toMatchObject({ content: 'done' });
    expect(edit?.status).toBe(200);
  });

  it('records an autocomplete response as a type 8 callback with the choices', async () => {
    onInteraction(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `${typed} one`, value: 'one' }]);
    });
    const interaction = fake.interact(
      autocompleteInteraction({ name: 'ask', focused: { name: 'question', value: 'Alm' } }),
    );

    const [callback] = await fake.waitForInteractionResponses(interaction.id);

    expect(callback?.body).toEqual({ type: 8, data: { choices: [{ name: 'Alm one', value: 'one' }] } });
  });

  it('records a button update as a type 7 callback and edits the message carrying the button', async () => {
    const carrier = messageWithButtons(['more']);
    fake.seedMessages([carrier]);
    onInteraction(async (interaction) => {
      if (interaction.isButton()) await interaction.update({ content: `pressed ${interaction.customId}` });
    });
    const interaction = fake.interact(buttonInteraction({ customId: 'more', message: carrier }));

    const [callback] = await fake.waitForInteractionResponses(interaction.id);

    expect(callback?.body).toMatchObject({ type: 7, data: { content: 'pressed more' } });
    expect(fake.messages().find((stored) => stored.id === carrier.id)?.content).toBe('pressed more');
  });

  it('delivers direct-message interactions with a user and no member', async () => {
    const seen = new Promise<boolean>((resolve) =>
      onInteraction(async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        resolve(interaction.inGuild());
        await interaction.reply('in private');
      }),
    );

    const interaction = fake.interact(chatInputInteraction({ name: 'ask', guildId: null }));

    await expect(seen).resolves.toBe(false);
    const [callback] = await fake.waitForInteractionResponses(interaction.id);
    expect(callback?.status).toBe(204);
  });

  it('delivers the target message of a message context-menu command', async () => {
    const target = message({ content: 'Is this true?' });
    const seen = new Promise<string | undefined>((resolve) =>
      onInteraction(async (interaction) => {
        if (!interaction.isMessageContextMenuCommand()) return;
        resolve(interaction.targetMessage.content);
        await interaction.reply({ content: 'checked', flags: 'Ephemeral' });
      }),
    );

    const interaction = fake.interact(
      messageContextMenuInteraction({ name: 'Check', targetMessage: target }),
    );

    await expect(seen).resolves.toBe('Is this true?');
    const [callback] = await fake.waitForInteractionResponses(interaction.id);
    expect(callback?.body).toMatchObject({ type: 4, data: { content: 'checked', flags: 64 } });
    expect(fake.messages().some((stored) => stored.content === 'checked')).toBe(false);
  });

  it('serves seeded channel messages newest first, honouring limit and before', async () => {
    const start = Date.now() - 60_000;
    const seeded = Array.from({ length: 60 }, (_, index) =>
      message({ content: `m${index}`, at: start + index * 100 }),
    );
    fake.seedMessages(seeded);
    const channel = client.channels.cache.get(fake.channelId) as TextChannel;

    const latest = await channel.messages.fetch({ limit: 50 });
    const older = await channel.messages.fetch({ limit: 50, before: seeded[10]?.id });

    expect(latest.size).toBe(50);
    expect(latest.first()?.content).toBe('m59');
    expect(latest.last()?.content).toBe('m10');
    expect([...older.values()].map((stored) => stored.content)).toEqual([
      'm9',
      'm8',
      'm7',
      'm6',
      'm5',
      'm4',
      'm3',
      'm2',
      'm1',
      'm0',
    ]);
    expect(fake.requests.at(-1)?.query).toEqual({ limit: '50', before: seeded[10]?.id });
  });

  it('sends multipart payloads with the JSON part parsed and the files recorded', async () => {
    const channel = client.channels.cache.get(fake.channelId) as TextChannel;

    const sent = await channel.send({
      content: 'export',
      files: [{ attachment: Buffer.from('quote'), name: 'quotes.txt' }],
    });

    const request = await fake.waitForRequest((candidate) => candidate.method === 'POST');
    expect(request.body).toMatchObject({ content: 'export' });
    expect(request.files.map((file) => [file.filename, file.data.toString()])).toEqual([
      ['quotes.txt', 'quote'],
    ]);
    expect(sent.attachments.first()?.name).toBe('quotes.txt');
  });

  it('fails the next matching request with the injected status and records the failure', async () => {
    fake.failNext('POST /channels/:channelId/messages', 403, { message: 'Missing Permissions', code: 50013 });
    const channel = client.channels.cache.get(fake.channelId) as TextChannel;

    await expect(channel.send('first')).rejects.toMatchObject({ status: 403, code: 50013 });
    await expect(channel.send('second')).resolves.toMatchObject({ content: 'second' });
    expect(
      fake.requests.filter((request) => request.method === 'POST').map((request) => request.status),
    ).toEqual([403, 200]);
  });

  it('answers unknown routes with a Discord-style 404 and records them', async () => {
    await expect(client.rest.get('/guilds/1/bans')).rejects.toMatchObject({ status: 404, code: 0 });
    expect(fake.unknownRequests.map((request) => request.path)).toEqual(['/guilds/1/bans']);
  });

  it('stores the commands registered globally and for the guild', async () => {
    await client.application.commands.set([{ name: 'ask', description: 'Ask a question' }]);
    await client.application.commands.set([{ name: 'admin', description: 'Moderate' }], fake.guildId);

    expect(fake.globalCommands.map((command) => command.name)).toEqual(['ask']);
    expect(fake.guildCommands.get(fake.guildId)?.map((command) => command.name)).toEqual(['admin']);
  });

  it('rejects a second acknowledgement of the same interaction as Discord does', async () => {
    const interaction = fake.interact(chatInputInteraction({ name: 'ask' }));
    const callback = (content: string) =>
      client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
        body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content } },
        auth: false,
      });

    await callback('first');

    await expect(callback('second')).rejects.toMatchObject({ status: 400, code: 40060 });
    expect(fake.interactionResponses(interaction.id).map((request) => request.status)).toEqual([204, 400]);
  });

  it('turns the first follow-up after a deferred reply into the original message', async () => {
    onInteraction(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.followUp('answer');
      await interaction.followUp('more');
    });
    const interaction = fake.interact(chatInputInteraction({ name: 'ask' }));

    await fake.waitForInteractionResponses(interaction.id, 3);

    expect(fake.messages().map((stored) => [stored.content, stored.flags])).toEqual([
      ['answer', 0],
      ['more', 0],
    ]);
  });

  it('returns the created message when a reply asks for the response', async () => {
    const replied = new Promise<string | undefined>((resolve) =>
      onInteraction(async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        const response = await interaction.reply({ content: 'quoted', withResponse: true });
        resolve(response.resource?.message?.content);
      }),
    );

    fake.interact(chatInputInteraction({ name: 'ask' }));

    await expect(replied).resolves.toBe('quoted');
  });

  it('connects the gateway with JSON encoding and no transport compression', () => {
    expect(fake.gatewayQueries).toEqual([{ v: '10', encoding: 'json' }]);
    expect(fake.identifies()[0]?.compress).toBe(false);
  });

  it('answers heartbeats with acknowledgements', async () => {
    const beating = await startFakeDiscord({ heartbeatIntervalMs: 50 });
    const beatingClient = createTestClient(beating);
    const acknowledged = new Promise<void>((resolve) =>
      beatingClient.on(Events.Debug, (line) => {
        if (line.includes('Heartbeat acknowledged')) resolve();
      }),
    );
    try {
      await beatingClient.login(fakeToken);
      await acknowledged;
      expect(beating.gatewayPayloads.some((payload) => payload.op === GatewayOpcodes.Heartbeat)).toBe(true);
    } finally {
      await beatingClient.destroy();
      await beating.close();
    }
  });
});
