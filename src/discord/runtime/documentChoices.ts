import type { DocumentMeta } from '../../corpus/types.ts';
import { foldDiacritics } from '../../text/textProcessing.ts';
import { DISCORD_LIMITS } from '../render/discordLimits.ts';
import { truncateText } from '../render/truncateText.ts';
import type { Choice } from './InteractionRequest.ts';

/** What a document option's autocomplete shows: enough to tell two articles apart. */
export type ChoosableDocument = Pick<DocumentMeta, 'title' | 'source' | 'date'> & { id: string };

const fold = (text: string) => foldDiacritics(text).toLowerCase();

/** `Title · Source · 2022-01-13`, within Discord's 100 characters, the title cut first. */
export function documentLabel(document: ChoosableDocument): string {
  const tail = ` · ${document.source} · ${document.date || 'undated'}`;
  const room = DISCORD_LIMITS.choiceName - Math.min(tail.length, DISCORD_LIMITS.choiceName / 2);
  return truncateText(`${truncateText(document.title, room)}${tail}`, DISCORD_LIMITS.choiceName);
}

/**
 * Autocomplete choices for an option naming a document (`/source`, `/corpus remove`): the documents whose
 * title, id, source or date hold every typed word, those whose id or title starts with the text first; with
 * nothing typed, the newest. The value is the document id.
 */
export function documentChoices(
  documents: readonly ChoosableDocument[],
  typed: string,
  limit: number = DISCORD_LIMITS.choices,
): Choice[] {
  const query = fold(typed.trim());
  const words = query.split(/\s+/).filter(Boolean);
  const ranked: Array<{ document: ChoosableDocument; rank: number }> = [];
  for (const document of documents) {
    if (document.id.length > DISCORD_LIMITS.choiceValue) continue;
    const title = fold(document.title);
    const haystack = `${title} ${document.id} ${fold(document.source)} ${document.date}`;
    if (!words.every((word) => haystack.includes(word))) continue;
    const rank = document.id.startsWith(query) ? 0 : title.startsWith(query) ? 1 : 2;
    ranked.push({ document, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.document.date.localeCompare(a.document.date));
  return ranked
    .slice(0, limit)
    .map(({ document }) => ({ name: documentLabel(document), value: document.id }));
}
