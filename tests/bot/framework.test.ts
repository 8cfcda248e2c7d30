import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type APIChatInputApplicationCommandInteraction,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  MessageFlags,
} from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { quoteMarkdown } from '../../src/discord/render/quoteMarkdown.ts';
import type { Command } from '../../src/discord/runtime/Command.ts';
import { fetchAttachment } from '../../src/discord/runtime/fetchAttachment.ts';
import { requireModerator } from '../../src/discord/runtime/requireModerator.ts';
import type { BotService } from '../../src/discord/services/BotService.ts';
import {
  chatInputInteraction,
  fakeIds,
  memberPermissions,
  message,
  messageContextMenuInteraction,
  user,
} from '../../support/payloads.ts';
import { startTestBot, type TestBot } from '../../support/startTestBot.ts';
import { sentMessage } from './discordBodies.ts';
import { KAZAKHSTAN_DIR } from './fixtureAnswers.ts';

/** Commands of the kinds the next features need, written against the framework alone. */
const probes: Command[] = [
  {
    data: { type: ApplicationCommandType.Message, name: 'Quote this message' },
    async execute(request) {
      const target = request.targetMessage;
      if (!target) throw new Error('no target message');
      await request.reply({
        content: `${quoteMarkdown(target.author.displayName)} said: ${quoteMarkdown(target.content)} (${target.createdAt})`,
        ephemeral: true,
      });
    },
  },
  {
    data: {
      type: ApplicationCommandType.ChatInput,
      name: 'upload',
      description: 'Read an uploaded article',
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'file',
          description: 'The article',
          required: true,
        },
      ],
    },
    async execute(request, context) {
      await request.defer({ ephemeral: true });
      const bytes = await fetchAttachment(request.options.attachment('file', true), {
        maxBytes: context.config.MAX_UPLOAD_BYTES,
        extensions: ['.md', '.txt'],
      });
      await request.reply({
        content: `Read ${bytes.length} bytes: ${quoteMarkdown(bytes.toString('utf8').split('\n')[0] ?? '')}`,
      });
    },
  },
  {
    data: {
      type: ApplicationCommandType.ChatInput,
      name: 'moderate',
      description: 'Something only moderators may do',
      default_member_permissions: '32',
    },
    async execute(request, context) {
      requireModerator(request, context.config);
      await request.reply({ content: `Done, ${request.user.displayName}.`, ephemeral: true });
    },
  },
];

let files: Server;
let filesBase: string;
const served = new Map<string, string>([
  [
    '/zhanaozen.md',
    '---\ntitle: Rally in Zhanaozen\nsource: Steppe Herald\ndate: 2022-01-02\n---\nResidents gathered.\n',
  ],
  ['/understated.md', 'Residents gathered in the square. '.repeat(100)],
]);

beforeAll(async () => {
  files = createServer((request, response) => {
    const body = served.get(request.url ?? '');
    response.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => files.close(() => resolve())));

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function uploadOf(
  filename: string,
  size: number,
  path = `/${filename}`,
): APIChatInputApplicationCommandInteraction {
  const payload = chatInputInteraction({
    name: 'upload',
    options: [{ name: 'file', type: ApplicationCommandOptionType.Attachment, value: '1100000000000000777' }],
  });
  const url = `${filesBase}${path}`;
  payload.data.resolved = {
    attachments: {
      '1100000000000000777': {
        id: '1100000000000000777',
        filename,
        size,
        url,
        proxy_url: url,
        content_type: 'text/markdown',
      },
    },
  };
  return payload;
}

describe('the command framework, for the commands still to come', () => {
  it('gives a message context-menu command the message it was used on', async () => {
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, commands: [...commands, ...probes] });
    const target = message({
      content: '@everyone the *airport* is open again <@&1100000000000000006>',
      author: user({ username: 'aidos', global_name: 'Aidos' }),
      at: Date.UTC(2022, 0, 13, 9),
    });
    const [response] = await bot.interact(
      messageContextMenuInteraction({ name: 'Quote this message', targetMessage: target }),
    );
    expect(response && sentMessage(response)).toMatchObject({
      content:
        'Aidos said: @\u200beveryone the \\*airport\\* is open again <\u200b@&1100000000000000006> (2022-01-13T09:00:00.000Z)',
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
  });

  it('hands an uploaded file to the command, downloaded while its URL is valid', async () => {
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, commands: [...commands, ...probes] });
    const declared = served.get('/zhanaozen.md')?.length ?? 0;
    const responses = await bot.interact(uploadOf('zhanaozen.md', declared), 2);
    expect(responses[1] && sentMessage(responses[1])?.content).toBe(
      `Read ${served.get('/zhanaozen.md')?.length} bytes: ---`,
    );
  });

  it('refuses an upload of the wrong type or over the size limit, saying which', async () => {
    bot = await startTestBot({
      corpusDir: KAZAKHSTAN_DIR,
      commands: [...commands, ...probes],
      env: { MAX_UPLOAD_BYTES: '2048' },
    });
    const pdf = await bot.interact(uploadOf('report.pdf', 900), 2);
    expect(pdf[1] && sentMessage(pdf[1])?.content).toBe(
      '`report.pdf` is a .pdf file; only .md, .txt files are accepted.',
    );
    const large = await bot.interact(uploadOf('zhanaozen.md', 4096), 2);
    expect(large[1] && sentMessage(large[1])?.content).toBe(
      '`zhanaozen.md` is larger than the limit of 2 KB.',
    );
    const understated = await bot.interact(uploadOf('understated.md', 100), 2);
    expect(understated[1] && sentMessage(understated[1])?.content).toBe(
      '`understated.md` is larger than the limit of 2 KB.',
    );
    const gone = await bot.interact(uploadOf('zhanaozen.md', 88, '/expired.md'), 2);
    expect(gone[1] && sentMessage(gone[1])?.content).toBe(
      '`zhanaozen.md` could not be downloaded from Discord (HTTP 404); attach it again.',
    );
  });

  it('passes permissions and roles through, so moderator checks work at run time', async () => {
    bot = await startTestBot({
      corpusDir: KAZAKHSTAN_DIR,
      commands: [...commands, ...probes],
      env: { MODERATOR_ROLE_ID: fakeIds.moderatorRole },
    });
    const run = async (options: { moderator?: boolean; roles?: string[] }) => {
      const [response] =
        (await bot?.interact(
          chatInputInteraction({ name: 'moderate', permissions: memberPermissions, ...options }),
        )) ?? [];
      return response && sentMessage(response)?.content;
    };
    expect(await run({ roles: [fakeIds.moderatorRole] })).toBe('Done, Reader.');
    expect(await run({ roles: [] })).toBe(
      `Only moderators can do this: it needs the Manage Server permission or the <@&${fakeIds.moderatorRole}> role. Nothing was changed.`,
    );
    const [response] = await bot.interact(
      chatInputInteraction({ name: 'moderate', moderator: true, roles: [] }),
    );
    expect(response && sentMessage(response)?.content).toBe('Done, Reader.');
  });

  it('posts to a channel with mentions off, and starts and stops services with the bot', async () => {
    const events: string[] = [];
    const announcer: BotService = {
      name: 'announcer',
      async start(context) {
        events.push('started');
        await context.channels.post(fakeIds.channel, { content: '@everyone the corpus was reloaded' });
        context.onShutdown(() => {
          events.push('stopped');
        });
      },
    };
    bot = await startTestBot({ corpusDir: KAZAKHSTAN_DIR, services: [announcer] });
    const post = bot.fake.requests.find(
      (request) => request.method === 'POST' && request.path.endsWith('/messages'),
    );
    expect(post?.path).toBe(`/channels/${fakeIds.channel}/messages`);
    expect(post?.body).toEqual({
      content: '@everyone the corpus was reloaded',
      allowed_mentions: { parse: [] },
    });
    expect(events).toEqual(['started']);
    await bot.bot.stop();
    expect(events).toEqual(['started', 'stopped']);
  });
});
