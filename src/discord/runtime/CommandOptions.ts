import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { UserError } from './UserError.ts';

/** An uploaded file as Discord describes it; its URL expires, so download it while handling the command. */
export interface AttachmentInfo {
  id: string;
  filename: string;
  /** Size in bytes, as Discord reports it. */
  size: number;
  url: string;
  contentType?: string;
}

/** One option as Discord sends it; the gateway and an HTTP interactions endpoint both deliver this shape. */
export interface OptionData {
  name: string;
  type: ApplicationCommandOptionType;
  value?: string | number | boolean;
  options?: readonly OptionData[];
  focused?: boolean;
}

type OptionValue = string | number | boolean;

/** The options of one command invocation, read by name, with the subcommand it names if any. */
export class CommandOptions {
  readonly subcommandGroup: string | null = null;
  readonly subcommand: string | null = null;
  /** The option being typed, for autocomplete. */
  readonly focused: { name: string; value: string } | null = null;
  private readonly values = new Map<string, OptionValue>();

  constructor(
    data: readonly OptionData[] = [],
    private readonly attachments: ReadonlyMap<string, AttachmentInfo> = new Map(),
  ) {
    let level = data;
    const group = level.find((option) => option.type === ApplicationCommandOptionType.SubcommandGroup);
    if (group) {
      this.subcommandGroup = group.name;
      level = group.options ?? [];
    }
    const subcommand = level.find((option) => option.type === ApplicationCommandOptionType.Subcommand);
    if (subcommand) {
      this.subcommand = subcommand.name;
      level = subcommand.options ?? [];
    }
    for (const option of level) {
      if (option.value === undefined) continue;
      this.values.set(option.name, option.value);
      if (option.focused) this.focused = { name: option.name, value: String(option.value) };
    }
  }

  /** The options by name, for debug logs. */
  toJSON(): Record<string, OptionValue> {
    return Object.fromEntries(this.values);
  }

  private read<T extends OptionValue>(name: string, type: string, required: boolean): T | undefined {
    const value = this.values.get(name);
    if (typeof value === type) return value as T;
    if (required) throw new UserError(`The \`${name}\` option is required.`);
    return undefined;
  }

  string(name: string): string | undefined;
  string(name: string, required: true): string;
  string(name: string, required = false): string | undefined {
    return this.read<string>(name, 'string', required);
  }

  integer(name: string): number | undefined;
  integer(name: string, required: true): number;
  integer(name: string, required = false): number | undefined {
    const value = this.read<number>(name, 'number', required);
    if (value !== undefined && !Number.isInteger(value))
      throw new UserError(`\`${name}\` must be a whole number.`);
    return value;
  }

  number(name: string): number | undefined;
  number(name: string, required: true): number;
  number(name: string, required = false): number | undefined {
    return this.read<number>(name, 'number', required);
  }

  boolean(name: string): boolean | undefined;
  boolean(name: string, required: true): boolean;
  boolean(name: string, required = false): boolean | undefined {
    return this.read<boolean>(name, 'boolean', required);
  }

  attachment(name: string): AttachmentInfo | undefined;
  attachment(name: string, required: true): AttachmentInfo;
  attachment(name: string, required = false): AttachmentInfo | undefined {
    const id = this.read<string>(name, 'string', required);
    const attachment = id === undefined ? undefined : this.attachments.get(id);
    if (!attachment && required) throw new UserError(`The \`${name}\` option needs a file.`);
    return attachment;
  }
}
