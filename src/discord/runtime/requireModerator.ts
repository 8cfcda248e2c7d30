import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { BotConfig } from '../../config.ts';
import type { InteractionBase } from './InteractionRequest.ts';
import { UserError } from './UserError.ts';

/** Whether the person may curate the corpus: Manage Server in this server, or the moderator role when one is set. */
export function isModerator(request: InteractionBase, config: Pick<BotConfig, 'MODERATOR_ROLE_ID'>): boolean {
  if (request.guildId === null) return false;
  const permissions = request.memberPermissions ?? 0n;
  if ((permissions & PermissionFlagsBits.ManageGuild) === PermissionFlagsBits.ManageGuild) return true;
  return config.MODERATOR_ROLE_ID !== undefined && request.memberRoleIds.includes(config.MODERATOR_ROLE_ID);
}

/**
 * Refuses, with a `UserError` that says what is needed, anyone who is not a moderator. Commands check this
 * at run time even when their data sets `default_member_permissions`, because server admins can override it.
 */
export function requireModerator(
  request: InteractionBase,
  config: Pick<BotConfig, 'MODERATOR_ROLE_ID'>,
): void {
  if (request.guildId === null) throw new UserError('This command works only inside a server.');
  if (isModerator(request, config)) return;
  const role = config.MODERATOR_ROLE_ID ? ` or the <@&${config.MODERATOR_ROLE_ID}> role` : '';
  throw new UserError(
    `Only moderators can do this: it needs the Manage Server permission${role}. Nothing was changed.`,
  );
}
