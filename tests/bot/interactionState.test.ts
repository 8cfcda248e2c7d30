import { PermissionFlagsBits } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { CooldownTracker } from '../../src/discord/runtime/CooldownTracker.ts';
import type { InteractionBase } from '../../src/discord/runtime/InteractionRequest.ts';
import { PageStore } from '../../src/discord/runtime/PageStore.ts';
import { isModerator, requireModerator } from '../../src/discord/runtime/requireModerator.ts';
import { UserError } from '../../src/discord/runtime/UserError.ts';

describe('per-user cooldowns', () => {
  it('lets a command through, then says how many whole seconds are left', () => {
    const cooldowns = new CooldownTracker();
    expect(cooldowns.take('reader', 'ask', 5, 1_000)).toBe(0);
    expect(cooldowns.take('reader', 'ask', 5, 1_200)).toBe(5);
    expect(cooldowns.take('reader', 'ask', 5, 4_500)).toBe(2);
    expect(cooldowns.take('reader', 'ask', 5, 6_000)).toBe(0);
  });

  it('keeps people and commands apart, and a cooldown of 0 turns it off', () => {
    const cooldowns = new CooldownTracker();
    cooldowns.take('reader', 'ask', 5, 0);
    expect(cooldowns.take('writer', 'ask', 5, 10)).toBe(0);
    expect(cooldowns.take('reader', 'search', 5, 10)).toBe(0);
    expect(cooldowns.take('reader', 'about', 0, 10)).toBe(0);
    expect(cooldowns.take('reader', 'about', 0, 11)).toBe(0);
  });

  it('forgets expired cooldowns once many have piled up', () => {
    const cooldowns = new CooldownTracker();
    for (let i = 0; i < 1_500; i++) cooldowns.take(`user${i}`, 'ask', 1, 0);
    cooldowns.take('late', 'ask', 1, 10_000);
    expect(cooldowns.size).toBeLessThan(1_000);
  });
});

describe('results kept for buttons', () => {
  it('returns what was stored under its key, with who stored it', () => {
    const pages = new PageStore();
    const key = pages.put('search', 'reader', { query: 'Almaty airport' });
    expect(key).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(pages.get('search', key)).toEqual({ ownerId: 'reader', value: { query: 'Almaty airport' } });
  });

  it('never hands one command the results of another', () => {
    const pages = new PageStore();
    const key = pages.put('search', 'reader', 1);
    expect(pages.get('ask', key)).toBeUndefined();
  });

  it('lets results expire', () => {
    const pages = new PageStore(1_000);
    const key = pages.put('ask', 'reader', 1, 0);
    expect(pages.get('ask', key, 999)).toBeDefined();
    expect(pages.get('ask', key, 1_000)).toBeUndefined();
  });

  it('keeps a bounded number of results, dropping the oldest', () => {
    const pages = new PageStore(60_000, 3);
    const keys = [1, 2, 3, 4].map((n) => pages.put('ask', 'reader', n, n));
    expect(pages.size).toBe(3);
    expect(pages.get('ask', keys[0] ?? '', 5)).toBeUndefined();
    expect(pages.get('ask', keys[3] ?? '', 5)?.value).toBe(4);
  });
});

describe('who counts as a moderator', () => {
  const member = (overrides: Partial<InteractionBase> = {}): InteractionBase => ({
    id: '1',
    user: { id: '2', username: 'reader', displayName: 'Reader' },
    guildId: '3',
    channelId: '4',
    memberPermissions: PermissionFlagsBits.SendMessages,
    memberRoleIds: [],
    appPermissions: null,
    locale: 'en-US',
    createdAt: new Date(),
    ...overrides,
  });
  const moderatorRole = '110000000000000006';

  it('is anyone with Manage Server', () => {
    const permissions = PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageGuild;
    expect(isModerator(member({ memberPermissions: permissions }), {})).toBe(true);
  });

  it('is anyone with the moderator role, when one is configured', () => {
    const withRole = member({ memberRoleIds: [moderatorRole] });
    expect(isModerator(withRole, { MODERATOR_ROLE_ID: moderatorRole })).toBe(true);
    expect(isModerator(withRole, {})).toBe(false);
  });

  it('refuses a regular member with a message naming what is needed', () => {
    expect(() => requireModerator(member(), { MODERATOR_ROLE_ID: moderatorRole })).toThrow(
      new UserError(
        `Only moderators can do this: it needs the Manage Server permission or the <@&${moderatorRole}> role. Nothing was changed.`,
      ),
    );
  });

  it('refuses outside a server', () => {
    const permissions = PermissionFlagsBits.ManageGuild;
    expect(() => requireModerator(member({ guildId: null, memberPermissions: permissions }), {})).toThrow(
      'This command works only inside a server.',
    );
  });
});
