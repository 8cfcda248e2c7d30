import {
  type APIActionRowComponent,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIButtonComponentWithCustomId,
  type APIChatInputApplicationCommandInteraction,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIPingInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';

const discordEpoch = 1_420_070_400_000n;
let increment = 0n;
let tokenCounter = 0;

/** Returns a new snowflake timestamped at `at` (default now), unique within this process. */
export function snowflake(at: number | Date = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Number(at)) - discordEpoch) << 22n) | increment).toString();
}

/** Fixed ids of the fake application, guild, channel and roles shared by the fake and the payload factories. */
export const fakeIds = {
  application: '1100000000000000001',
  guild: '1100000000000000002',
  channel: '1100000000000000003',
  owner: '1100000000000000004',
  member: '1100000000000000005',
  moderatorRole: '1100000000000000006',
  botRole: '1100000000000000007',
} as const;

/** A regular member's permissions, also those of @everyone in the fake guild. */
export const memberPermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

/** A moderator's permissions: a member's plus Manage Guild. */
const moderatorPermissions = memberPermissions | PermissionFlagsBits.ManageGuild;

/** The bot's permissions: its role in the fake guild and `app_permissions` in interactions. */
export const botPermissions = memberPermissions | PermissionFlagsBits.SendMessagesInThreads;

/** Builds a user object; ids default to fresh snowflakes. */
export function user(overrides: Partial<APIUser> = {}): APIUser {
  const id = overrides.id ?? snowflake();
  return {
    id,
    username: `user${id.slice(-4)}`,
    discriminator: '0',
    global_name: null,
    avatar: null,
    ...overrides,
  };
}

/** The bot user; its id is the application id, as for real Discord bots. */
export const botUser: APIUser = user({
  id: fakeIds.application,
  username: 'Dossier',
  bot: true,
});

/** The guild member who sends interactions unless a factory is given another `user`. */
export const defaultUser: APIUser = user({ id: fakeIds.member, username: 'reader', global_name: 'Reader' });

/** The guild owner. */
export const ownerUser: APIUser = user({ id: fakeIds.owner, username: 'owner' });

/** Builds a message in the fake channel, timestamped and id'd at `at` (default now). */
export function message(overrides: Partial<APIMessage> & { at?: number | Date } = {}): APIMessage {
  const { at = Date.now(), ...rest } = overrides;
  return {
    id: snowflake(at),
    channel_id: fakeIds.channel,
    author: defaultUser,
    content: '',
    timestamp: new Date(at).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    ...rest,
  };
}

interface InteractionOptions {
  user?: APIUser;
  /** The member's permissions in the channel; defaults to `memberPermissions`, or `moderatorPermissions` with `moderator`. */
  permissions?: bigint;
  roles?: string[];
  /** Gives the member Manage Guild and the moderator role. */
  moderator?: boolean;
  /** `null` makes a bot-DM interaction (a `user`, no `member`). */
  guildId?: string | null;
  channelId?: string;
  appPermissions?: bigint;
  locale?: Locale;
}

function interactionBase<Type extends InteractionType>(type: Type, options: InteractionOptions) {
  const guildId = options.guildId === undefined ? fakeIds.guild : options.guildId;
  const channelId = options.channelId ?? fakeIds.channel;
  const interactionUser = options.user ?? defaultUser;
  const common = {
    id: snowflake(),
    application_id: fakeIds.application,
    type,
    token: `fake-interaction-token-${++tokenCounter}-${Math.random().toString(36).slice(2)}`,
    version: 1 as const,
    app_permissions: String(options.appPermissions ?? botPermissions),
    locale: options.locale ?? Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
    channel_id: channelId,
  };
  if (guildId === null) {
    return {
      ...common,
      user: interactionUser,
      channel: { id: channelId, type: ChannelType.DM as const, recipients: [interactionUser] },
      context: InteractionContextType.BotDM,
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
    };
  }
  const permissions = options.permissions ?? (options.moderator ? moderatorPermissions : memberPermissions);
  const member: APIInteractionGuildMember = {
    user: interactionUser,
    roles: options.roles ?? (options.moderator ? [fakeIds.moderatorRole] : []),
    permissions: String(permissions),
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
  };
  return {
    ...common,
    guild_id: guildId,
    guild: { id: guildId, features: [], locale: Locale.EnglishUS },
    guild_locale: Locale.EnglishUS,
    member,
    channel: { id: channelId, type: ChannelType.GuildText as const, guild_id: guildId, name: 'news' },
    context: InteractionContextType.Guild,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
  };
}

export type OptionValues = Record<string, string | number | boolean>;

/** Converts `{ name: value }` to typed options: strings, booleans, integers (4) and non-integers (10). */
export function toOptions(values: OptionValues): APIApplicationCommandInteractionDataBasicOption[] {
  return Object.entries(values).map(([name, value]) => {
    if (typeof value === 'string') return { name, type: ApplicationCommandOptionType.String, value };
    if (typeof value === 'boolean') return { name, type: ApplicationCommandOptionType.Boolean, value };
    return Number.isInteger(value)
      ? { name, type: ApplicationCommandOptionType.Integer, value }
      : { name, type: ApplicationCommandOptionType.Number, value };
  });
}

function commandOptions(
  options: OptionValues | APIApplicationCommandInteractionDataOption[] | undefined,
  subcommand: string | undefined,
): APIApplicationCommandInteractionDataOption[] {
  const list = Array.isArray(options) ? options : toOptions(options ?? {});
  if (subcommand === undefined) return list;
  return [
    {
      name: subcommand,
      type: ApplicationCommandOptionType.Subcommand,
      options: list as APIApplicationCommandInteractionDataBasicOption[],
    },
  ];
}

export interface ChatInputOptions extends InteractionOptions {
  name: string;
  /** Raw options, or `{ name: value }` converted by `toOptions`. */
  options?: OptionValues | APIApplicationCommandInteractionDataOption[];
  subcommand?: string;
  commandId?: string;
}

/** Builds a slash-command interaction (type 2, data.type 1). */
export function chatInputInteraction(options: ChatInputOptions): APIChatInputApplicationCommandInteraction {
  return {
    ...interactionBase(InteractionType.ApplicationCommand, options),
    data: {
      id: options.commandId ?? snowflake(),
      name: options.name,
      type: ApplicationCommandType.ChatInput,
      options: commandOptions(options.options, options.subcommand),
    },
  };
}

export interface AutocompleteOptions extends InteractionOptions {
  name: string;
  /** The option being typed; its value is always sent as a string, as Discord does. */
  focused: { name: string; value: string; type?: ApplicationCommandOptionType };
  options?: OptionValues;
  subcommand?: string;
  commandId?: string;
}

/** Builds an autocomplete interaction (type 4) with one focused option. */
export function autocompleteInteraction(
  options: AutocompleteOptions,
): APIApplicationCommandAutocompleteInteraction {
  const focused = {
    name: options.focused.name,
    type: options.focused.type ?? ApplicationCommandOptionType.String,
    value: options.focused.value,
    focused: true,
  } as APIApplicationCommandInteractionDataBasicOption<InteractionType.ApplicationCommandAutocomplete>;
  const list = [...toOptions(options.options ?? {}), focused];
  return {
    ...interactionBase(InteractionType.ApplicationCommandAutocomplete, options),
    data: {
      id: options.commandId ?? snowflake(),
      name: options.name,
      type: ApplicationCommandType.ChatInput,
      options: commandOptions(
        list,
        options.subcommand,
      ) as APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>[],
    },
  };
}

/** Builds a bot message carrying one row with a button per custom id. */
export function messageWithButtons(customIds: string[], overrides: Partial<APIMessage> = {}): APIMessage {
  const row: APIActionRowComponent<APIButtonComponentWithCustomId> = {
    type: ComponentType.ActionRow,
    components: customIds.map((customId) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      custom_id: customId,
      label: customId,
    })),
  };
  return message({ author: botUser, content: 'Buttons', components: [row], ...overrides });
}

export interface ButtonOptions extends InteractionOptions {
  customId: string;
  /** The message carrying the button; defaults to a bot message with that button. */
  message?: APIMessage;
}

/** Builds a button-click interaction (type 3, component_type 2). */
export function buttonInteraction(options: ButtonOptions): APIMessageComponentButtonInteraction {
  const base = interactionBase(InteractionType.MessageComponent, options);
  return {
    ...base,
    message: options.message ?? messageWithButtons([options.customId], { channel_id: base.channel_id }),
    data: { custom_id: options.customId, component_type: ComponentType.Button },
  };
}

export interface MessageContextMenuOptions extends InteractionOptions {
  name: string;
  targetMessage: APIMessage;
  commandId?: string;
}

/** Builds a message context-menu interaction (type 2, data.type 3) with the target in resolved.messages. */
export function messageContextMenuInteraction(
  options: MessageContextMenuOptions,
): APIMessageApplicationCommandInteraction {
  return {
    ...interactionBase(InteractionType.ApplicationCommand, options),
    data: {
      id: options.commandId ?? snowflake(),
      name: options.name,
      type: ApplicationCommandType.Message,
      target_id: options.targetMessage.id,
      resolved: { messages: { [options.targetMessage.id]: options.targetMessage } },
    },
  };
}

/** The PING Discord sends an interactions endpoint to check it, e.g. when its URL is saved. */
export function pingInteraction(): APIPingInteraction {
  return {
    id: snowflake(),
    application_id: fakeIds.application,
    type: InteractionType.Ping,
    token: `fake-ping-token-${++tokenCounter}`,
    version: 1,
  } as APIPingInteraction;
}
