import type { APIEmbed } from 'discord-api-types/v10';
import type { Citation } from '../../corpus/citation.ts';
import type { Span } from '../../corpus/types.ts';
import { linkableUrl } from './citationMarkdown.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import { quoteMarkdown } from './quoteMarkdown.ts';
import { truncateText } from './truncateText.ts';

/** Titles are cut here in compact citations, where a line should stay a line. */
const MAX_COMPACT_TITLE_CHARS = 80;
/** A quote is never cut shorter than this to make lines fit: below it, lines are left out instead. */
const MIN_QUOTE_CHARS = 120;
/** Kept free in every message for what Discord counts that the packer does not see (timestamps, URLs). */
const EMBED_SLACK = 40;

const OWN_QUOTATION_MARK = /^[“"‘«]/;
/** Quotes this many times longer than their room are trimmed before rendering, which is slow on long text. */
const PRE_CUT_FACTOR = 4;

/**
 * A quote as Markdown within `max` characters: escaped, mentions inert, in curly quotation marks unless it
 * opens with its own, cut visibly at a sentence or word boundary when long. `highlights` are shown in bold.
 */
export function quotedExcerpt(quote: string, max: number, highlights: readonly Span[] = []): string {
  const ownMarks = OWN_QUOTATION_MARK.test(quote.trimStart());
  // Only the start of a very long quote can be shown; the excerpt still sees it is cut, and says so.
  const text = quote.length > PRE_CUT_FACTOR * max ? quote.slice(0, (PRE_CUT_FACTOR - 1) * max) : quote;
  const body = markdownExcerpt(text, { max: ownMarks ? max : max - 2, highlights });
  return ownMarks ? body : `“${body}”`;
}

/** `[Title](url) · 2022-01-13 · ¶3` (the title in italics when there is no link): a citation for one line. */
export function compactCitation(citation: Citation): string {
  const title = quoteMarkdown(
    truncateText(citation.title, MAX_COMPACT_TITLE_CHARS).replace(/\[/g, '(').replace(/\]/g, ')'),
  );
  const url = linkableUrl(citation.url);
  const linked = url ? `[${title}](${url})` : `*${title}*`;
  return `${linked} · ${citation.date || 'undated'} · ¶${citation.paragraph}`;
}

/** One line of a summary, rendered with its quote cut to at most `quoteMax` characters. */
export type QuotedBlock = (quoteMax: number) => string;

export interface QuotedEmbedsOptions {
  /** Safe Markdown, at most 256 characters. */
  title: string;
  url?: string;
  color: number;
  /** Safe Markdown shown before the lines. */
  intro?: string;
  footer: string;
  /** The longest any quote is shown; longer ones are cut visibly. */
  maxQuote: number;
  /** Room the message's other embeds already take. */
  reserved?: number;
}

export interface QuotedEmbeds {
  embeds: APIEmbed[];
  /** How many blocks are shown; the rest did not fit even with quotes cut short. */
  shown: number;
  /** Whether some quote had to be cut shorter than `maxQuote` to fit. */
  cut: boolean;
}

function totalLength(blocks: readonly string[]): number {
  return blocks.reduce((sum, block) => sum + block.length + 2, 0);
}

/** Fills embed descriptions with whole blocks, each description within Discord's 4096. */
function pack(intro: string | undefined, blocks: readonly string[]): string[] {
  const descriptions: string[] = [];
  let current = intro ?? '';
  for (const block of blocks) {
    const joined = current ? `${current}\n\n${block}` : block;
    if (joined.length <= DISCORD_LIMITS.embedDescription) {
      current = joined;
    } else {
      descriptions.push(current);
      current = block;
    }
  }
  if (current) descriptions.push(current);
  return descriptions;
}

/**
 * Lays out quoted lines as one message's embeds, in order and within Discord's limits (4096 per description,
 * 6000 for the message, 10 embeds): one embed when they fit, continued in further embeds when not, and with
 * every quote cut to the same length, visibly, when even that is too long. Lines that still do not fit are
 * left out and counted, never cut off silently.
 */
export function quotedEmbeds(blocks: readonly QuotedBlock[], options: QuotedEmbedsOptions): QuotedEmbeds {
  const fixed = options.title.length + options.footer.length + (options.intro?.length ?? 0) + 2;
  const budget = DISCORD_LIMITS.embedTotal - (options.reserved ?? 0) - fixed - EMBED_SLACK;
  let shown = blocks.length;
  let quoteMax = options.maxQuote;
  let rendered = blocks.map((block) => block(quoteMax));
  if (totalLength(rendered) > budget) {
    // As many lines as fit with every quote at its shortest, then the longest cut that fits them, by bisection:
    // a shorter cut never makes a line longer.
    const shortest = blocks.map((block) => block(MIN_QUOTE_CHARS));
    while (shown > 1 && totalLength(shortest.slice(0, shown)) > budget) shown--;
    let low = MIN_QUOTE_CHARS;
    let high = options.maxQuote;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      const candidate = blocks.slice(0, shown).map((block) => block(middle));
      if (totalLength(candidate) <= budget) low = middle;
      else high = middle - 1;
    }
    quoteMax = low;
    rendered = blocks.slice(0, shown).map((block) => block(quoteMax));
  }
  const left = blocks.length - shown;
  const footer = left > 0 ? `${options.footer} · ${left} more not shown` : options.footer;
  const descriptions = pack(options.intro, rendered).slice(0, DISCORD_LIMITS.embedsPerMessage);
  const embeds = descriptions.map(
    (description, i): APIEmbed => ({
      color: options.color,
      ...(i === 0 ? { title: options.title, ...(options.url ? { url: options.url } : {}) } : {}),
      description,
      ...(i === descriptions.length - 1 ? { footer: { text: footer } } : {}),
    }),
  );
  return { embeds, shown, cut: quoteMax < options.maxQuote };
}
