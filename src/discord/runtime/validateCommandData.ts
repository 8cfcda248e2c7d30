import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { DISCORD_LIMITS } from '../render/discordLimits.ts';
import type { CommandData } from './CommandData.ts';

/** The characters Discord allows in a slash command or option name. */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
/** Name, description, option names and descriptions, and choices together, per command. */
const MAX_COMMAND_CHARS = 4000;

function checkName(name: string, where: string, problems: string[]): void {
  if (!NAME.test(name)) problems.push(`${where}: name "${name}" must be 1–32 letters, digits, - or _`);
  else if (name !== name.toLowerCase()) problems.push(`${where}: name "${name}" must be lower case`);
}

function checkDescription(description: string | undefined, where: string, problems: string[]): void {
  const length = description?.length ?? 0;
  if (length < 1 || length > DISCORD_LIMITS.commandDescription) {
    problems.push(`${where}: description must be 1–100 characters (it has ${length})`);
  }
}

function countChars(option: APIApplicationCommandOption): number {
  let total = option.name.length + option.description.length;
  if ('choices' in option && option.choices) {
    for (const choice of option.choices) total += choice.name.length + String(choice.value).length;
  }
  if ('options' in option && option.options) for (const child of option.options) total += countChars(child);
  return total;
}

function checkOptions(
  options: readonly APIApplicationCommandOption[],
  where: string,
  problems: string[],
): void {
  if (options.length > DISCORD_LIMITS.commandOptions) problems.push(`${where}: more than 25 options`);
  const names = new Set<string>();
  let optionalSeen = false;
  for (const option of options) {
    const at = `${where} ${option.name}`;
    checkName(option.name, at, problems);
    checkDescription(option.description, at, problems);
    if (names.has(option.name)) problems.push(`${at}: two options share this name`);
    names.add(option.name);
    const nested =
      option.type === ApplicationCommandOptionType.Subcommand ||
      option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) {
      checkOptions(option.options ?? [], at, problems);
      continue;
    }
    if (option.required && optionalSeen)
      problems.push(`${at}: required options must come before optional ones`);
    if (!option.required) optionalSeen = true;
    if (!('choices' in option) || !option.choices) continue;
    if ('autocomplete' in option && option.autocomplete)
      problems.push(`${at}: choices and autocomplete exclude each other`);
    if (option.choices.length > DISCORD_LIMITS.optionChoices) problems.push(`${at}: more than 25 choices`);
    for (const choice of option.choices) {
      if (choice.name.length < 1 || choice.name.length > DISCORD_LIMITS.optionChoiceName) {
        problems.push(`${at}: choice "${choice.name}" must be 1–100 characters`);
      }
      if (typeof choice.value === 'string' && choice.value.length > DISCORD_LIMITS.choiceValue) {
        problems.push(`${at}: choice value "${choice.value}" is longer than 100 characters`);
      }
    }
  }
}

function isChatInput(data: CommandData): data is RESTPostAPIChatInputApplicationCommandsJSONBody {
  return data.type === undefined || data.type === ApplicationCommandType.ChatInput;
}

/** Everything in a command's data that Discord would reject, as readable problems; empty when it is valid. */
export function validateCommandData(data: CommandData): string[] {
  const problems: string[] = [];
  const where = `/${data.name}`;
  if (!isChatInput(data)) {
    if (data.name.length < 1 || data.name.length > DISCORD_LIMITS.commandName) {
      problems.push(`${where}: a context-menu name must be 1–32 characters`);
    }
    return problems;
  }
  checkName(data.name, where, problems);
  checkDescription(data.description, where, problems);
  const options = data.options ?? [];
  checkOptions(options, where, problems);
  const chars =
    data.name.length + data.description.length + options.reduce((sum, option) => sum + countChars(option), 0);
  if (chars > MAX_COMMAND_CHARS) problems.push(`${where}: ${chars} characters in all, over Discord's 4000`);
  return problems;
}
