import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import type { CorpusDocument } from '../src/corpus/types.ts';
import { DISCORD_LIMITS } from '../src/discord/render/discordLimits.ts';
import { markdownExcerpt } from '../src/discord/render/markdownExcerpt.ts';
import { renderSource } from '../src/discord/render/renderSource.ts';
import { type Command, customId } from '../src/discord/runtime/Command.ts';
import { documentChoices } from '../src/discord/runtime/documentChoices.ts';
import { showPage } from '../src/discord/runtime/showStoredPage.ts';
import { UserError } from '../src/discord/runtime/UserError.ts';
import type { PassageIndex } from '../src/search/PassageIndex.ts';

/** The id of the button that opens a paragraph; none when the document id is too long to fit in one. */
function paragraphId(document: CorpusDocument): ((paragraph: number) => string) | undefined {
  const longest = `source:para:${document.id}:${document.passages.length}`;
  if (longest.length > DISCORD_LIMITS.customId) return undefined;
  return (paragraph) => customId('source', 'para', document.id, paragraph);
}

/** The document picked from the list, or the one article whose title, source or date match what was typed. */
function findDocument(index: PassageIndex, typed: string): CorpusDocument {
  const exact = index.document(typed);
  if (exact) return exact;
  const matches = documentChoices(index.corpus.documents, typed, 2);
  const only = matches.length === 1 ? index.document(String(matches[0]?.value)) : undefined;
  if (only) return only;
  const shown = markdownExcerpt(typed, { max: 100 });
  throw new UserError(
    matches.length > 1
      ? `Several articles match “${shown}”. Start typing its title and pick one from the list.`
      : `No article matches “${shown}”. Start typing its title and pick one from the list.`,
  );
}

export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'source',
    description: "Read a paragraph of an article with the ones around it, and the article's details",
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'document',
        description: 'The article: type part of its title, source or date and pick it',
        required: true,
        autocomplete: true,
      },
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'paragraph',
        description: 'Which paragraph (¶) to show; the first by default',
        min_value: 1,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show it only to you (by default the channel sees it)',
      },
    ],
  },

  async execute(request, context) {
    const document = findDocument(
      context.live.current.index,
      request.options.string('document', true).trim(),
    );
    const paragraph = request.options.integer('paragraph') ?? 1;
    const count = document.passages.length;
    if (paragraph > count) {
      const title = markdownExcerpt(document.title, { max: 150 });
      throw new UserError(`“${title}” has ${count} paragraphs; pick a number from 1 to ${count}.`);
    }
    const view = renderSource({ document, paragraph, paragraphId: paragraphId(document) });
    await request.reply({ ...view, ephemeral: request.options.boolean('private') ?? false });
  },

  autocomplete(request, context) {
    return documentChoices(context.live.current.corpus.documents, request.focused.value);
  },

  components: {
    async para(request, context, [docId = '', paragraph = '1']) {
      const document = context.live.current.index.document(docId);
      if (!document)
        throw new UserError('That article is no longer in the corpus. Use /source to pick another.');
      await showPage(
        request,
        null,
        renderSource({ document, paragraph: Number(paragraph) || 1, paragraphId: paragraphId(document) }),
      );
    },
  },
} satisfies Command;
