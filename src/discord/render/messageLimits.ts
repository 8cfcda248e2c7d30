import { embedLength } from 'discord.js';
import { DISCORD_LIMITS } from './discordLimits.ts';
import type { ReplyMessage } from './ReplyMessage.ts';

/** Every way a message breaks Discord's limits, as readable problems; empty when Discord would accept it. */
export function limitViolations(message: ReplyMessage): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what} has ${length} characters, over ${max}`);
  };
  over('content', message.content?.length ?? 0, DISCORD_LIMITS.content);
  const embeds = message.embeds ?? [];
  if (embeds.length > DISCORD_LIMITS.embedsPerMessage) problems.push(`${embeds.length} embeds, over 10`);
  over(
    'embeds together',
    embeds.reduce((sum, embed) => sum + embedLength(embed), 0),
    DISCORD_LIMITS.embedTotal,
  );
  embeds.forEach((embed, i) => {
    over(`embed ${i} title`, embed.title?.length ?? 0, DISCORD_LIMITS.embedTitle);
    over(`embed ${i} description`, embed.description?.length ?? 0, DISCORD_LIMITS.embedDescription);
    over(`embed ${i} footer`, embed.footer?.text.length ?? 0, DISCORD_LIMITS.footerText);
    if ((embed.fields?.length ?? 0) > DISCORD_LIMITS.embedFields)
      problems.push(`embed ${i} has over 25 fields`);
    for (const field of embed.fields ?? []) {
      over(`embed ${i} field name`, field.name.length, DISCORD_LIMITS.fieldName);
      over(`embed ${i} field "${field.name}"`, field.value.length, DISCORD_LIMITS.fieldValue);
      if (field.value.length === 0 || field.name.length === 0) problems.push(`embed ${i} has an empty field`);
    }
  });
  const rows = message.components ?? [];
  if (rows.length > DISCORD_LIMITS.actionRows) problems.push(`${rows.length} action rows, over 5`);
  for (const row of rows) {
    if (row.components.length > DISCORD_LIMITS.buttonsPerRow)
      problems.push('a row has more than 5 components');
    for (const component of row.components) {
      if ('custom_id' in component) over('custom id', component.custom_id.length, DISCORD_LIMITS.customId);
      if ('label' in component)
        over('button label', component.label?.length ?? 0, DISCORD_LIMITS.buttonLabel);
    }
  }
  return problems;
}
