import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { CommandData } from '../../src/discord/runtime/CommandData.ts';
import { validateCommandData } from '../../src/discord/runtime/validateCommandData.ts';

const option = (name: string, required = false) => ({
  type: ApplicationCommandOptionType.String as const,
  name,
  description: `The ${name}`,
  required,
});

describe("every command's data, as Discord will check it", () => {
  it.each(commands.map((command) => [command.data.name, command.data] as const))(
    '/%s is within Discord’s limits for names, descriptions, options and choices',
    (_name, data) => {
      expect(validateCommandData(data)).toEqual([]);
    },
  );

  it('names no two commands alike', () => {
    const names = commands.map((command) => command.data.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('registers a component handler under every action a command builds buttons for', () => {
    for (const command of commands) {
      for (const [action, handler] of Object.entries(command.components ?? {})) {
        expect(action).toMatch(/^[a-z]+$/);
        expect(typeof handler).toBe('function');
      }
    }
  });
});

describe('the command data check', () => {
  const valid: CommandData = {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    description: 'Answer a question',
    options: [option('question', true)],
  };

  it('accepts valid data', () => {
    expect(validateCommandData(valid)).toEqual([]);
  });

  it('refuses names Discord would reject', () => {
    expect(validateCommandData({ ...valid, name: 'Ask' })).toEqual(['/Ask: name "Ask" must be lower case']);
    expect(validateCommandData({ ...valid, name: 'ask question' })[0]).toMatch(/must be 1–32 letters/);
    expect(validateCommandData({ ...valid, name: 'a'.repeat(33) })[0]).toMatch(/must be 1–32 letters/);
  });

  it('refuses an empty or over-long description', () => {
    expect(validateCommandData({ ...valid, description: 'x'.repeat(101) })).toEqual([
      '/ask: description must be 1–100 characters (it has 101)',
    ]);
    expect(validateCommandData({ ...valid, description: '' })[0]).toMatch(/description must be 1–100/);
  });

  it('refuses more than 25 options, a required option after an optional one, and duplicate names', () => {
    const many = Array.from({ length: 26 }, (_, i) => option(`o${i}`));
    expect(validateCommandData({ ...valid, options: many })).toContain('/ask: more than 25 options');
    expect(validateCommandData({ ...valid, options: [option('a'), option('b', true)] })).toEqual([
      '/ask b: required options must come before optional ones',
    ]);
    expect(validateCommandData({ ...valid, options: [option('a'), option('a')] })).toEqual([
      '/ask a: two options share this name',
    ]);
  });

  it('refuses more than 25 choices, over-long choice names, and choices with autocomplete', () => {
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `choice ${i}`, value: `c${i}` }));
    expect(validateCommandData({ ...valid, options: [{ ...option('length'), choices }] })).toEqual([
      '/ask length: more than 25 choices',
    ]);
    const longName = [{ name: 'x'.repeat(101), value: 'x' }];
    expect(
      validateCommandData({ ...valid, options: [{ ...option('length'), choices: longName }] })[0],
    ).toMatch(/must be 1–100 characters/);
    const both = {
      ...option('length'),
      autocomplete: true as const,
      choices: [{ name: 'short', value: 's' }],
    };
    expect(validateCommandData({ ...valid, options: [both as never] })).toEqual([
      '/ask length: choices and autocomplete exclude each other',
    ]);
  });

  it('checks the options inside subcommands', () => {
    const data: CommandData = {
      ...valid,
      name: 'corpus',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'remove',
          description: 'Remove a document',
          options: [option('Document', true)],
        },
      ],
    };
    expect(validateCommandData(data)).toEqual([
      '/corpus remove Document: name "Document" must be lower case',
    ]);
  });

  it('allows spaces and capitals in a context-menu command name, up to 32 characters', () => {
    expect(
      validateCommandData({ type: ApplicationCommandType.Message, name: 'Check against sources' }),
    ).toEqual([]);
    expect(validateCommandData({ type: ApplicationCommandType.Message, name: 'x'.repeat(33) })).toHaveLength(
      1,
    );
  });
});
