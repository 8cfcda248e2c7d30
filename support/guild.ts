import {
  type APIGuildMember,
  type APIRole,
  type APITextChannel,
  type APIUser,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  PermissionFlagsBits,
  type RoleFlags,
} from 'discord-api-types/v10';
import { botUser, defaultUser, fakeIds, memberPermissions, ownerUser } from './payloads.ts';

/** Builds the fake guild's text channel, where messages and interactions happen by default. */
export function textChannel(overrides: Partial<APITextChannel> = {}): APITextChannel {
  return {
    id: fakeIds.channel,
    type: ChannelType.GuildText,
    guild_id: fakeIds.guild,
    name: 'news',
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    ...overrides,
  };
}

function member(user: APIUser, roles: string[]): APIGuildMember {
  return {
    user,
    roles,
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  };
}

/** The guild's members: the bot (with its role), the default interaction user and the owner. */
export function guildMembers(): APIGuildMember[] {
  return [member(botUser, [fakeIds.botRole]), member(defaultUser, []), member(ownerUser, [])];
}

function role(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: String(permissions),
    managed: id === fakeIds.botRole,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

/** Builds the GUILD_CREATE payload: @everyone with member permissions, a moderator role and the bot's role. */
export function guildCreatePayload(
  channels: APITextChannel[],
  botPermissions: bigint,
): GatewayGuildCreateDispatchData {
  const members = guildMembers();
  return {
    id: fakeIds.guild,
    name: 'Fake Guild',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ownerUser.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [
      role(fakeIds.guild, '@everyone', memberPermissions, 0),
      role(fakeIds.moderatorRole, 'Moderator', PermissionFlagsBits.ManageGuild, 1),
      role(fakeIds.botRole, botUser.username, botPermissions, 2),
    ],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    stickers: [],
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: members.length,
    voice_states: [],
    members,
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
