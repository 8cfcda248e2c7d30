import { escapeMarkdown } from 'discord.js';

const ZERO_WIDTH_SPACE = '\u200b';

const ESCAPE_EVERYTHING = {
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: true,
} as const;

/**
 * Makes mentions in text inert, so they show as typed but neither ping nor render as a mention:
 * `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&id>`, `<#id>` and `</command:id>`. This is on top of
 * `allowed_mentions`, which already stops every ping.
 */
export function neutralizeMentions(text: string): string {
  return text
    .replace(/@(everyone|here)\b/g, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(?=[@#/])/g, `<${ZERO_WIDTH_SPACE}`);
}

/** Escapes every Markdown construct Discord renders, block quotes and subtext included. */
function escapeQuoted(text: string): string {
  return escapeMarkdown(text, ESCAPE_EVERYTHING).replace(/^(\s*)(>|-#)/gm, '$1\\$2');
}

/**
 * Text from an article or a user, made safe to show inside a reply: on one line, its Markdown escaped so
 * an article's asterisks don't restyle the reply, and its mentions inert.
 */
export function quoteMarkdown(text: string): string {
  return neutralizeMentions(escapeQuoted(text.replace(/\s+/g, ' ')));
}
