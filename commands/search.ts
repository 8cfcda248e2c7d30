import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { markdownExcerpt } from '../src/discord/render/markdownExcerpt.ts';
import { pageCount, renderSearchPage } from '../src/discord/render/renderSearchPage.ts';
import { type Command, customId } from '../src/discord/runtime/Command.ts';
import { pagingIds, rerunClick } from '../src/discord/runtime/pagingIds.ts';
import { showPage, showStoredPage } from '../src/discord/runtime/showStoredPage.ts';
import { UserError } from '../src/discord/runtime/UserError.ts';
import type { PassageIndex } from '../src/search/PassageIndex.ts';
import { type PassageResult, searchPassages } from '../src/search/searchPassages.ts';

/** Five pages of five: further passages match too weakly to be worth reading. */
const MAX_RESULTS = 25;
const MAX_QUERY_CHARS = 200;

interface StoredSearch {
  query: string;
  results: PassageResult[];
  terms: string[];
}

const pageId = (key: string) => (page: number) => customId('search', 'page', key, page);

const render = (search: StoredSearch, page: number, ids: (page: number) => string) =>
  renderSearchPage({ ...search, terms: new Set(search.terms), page, pageId: ids });

/** The passages matching `query`, best first, and the index terms to show in bold. */
function runSearch(index: PassageIndex, query: string): StoredSearch {
  const results = searchPassages(index, query, MAX_RESULTS);
  const { terms, aliasTerms } = index.queryTerms(query);
  return { query, results, terms: [...terms, ...aliasTerms] };
}

export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'search',
    description: 'Find the passages of the articles that match your words, best first',
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: 'query',
        description: 'Words to look for, e.g. "Almaty airport"',
        required: true,
        max_length: MAX_QUERY_CHARS,
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'private',
        description: 'Show the results only to you (by default the channel sees them)',
      },
    ],
  },

  cooldownSeconds: (config) => config.SEARCH_COOLDOWN_SECONDS,

  async execute(request, context) {
    const query = request.options.string('query', true).trim();
    const search = runSearch(context.live.current.index, query);
    if (search.results.length === 0) {
      const shown = markdownExcerpt(query, { max: MAX_QUERY_CHARS });
      throw new UserError(
        `No passage matches “${shown}”. Try fewer or other words, or ask a question with /ask.`,
      );
    }
    await request.reply({
      ...render(
        search,
        0,
        await pagingIds(context, 'search', query, pageCount(search.results.length), {
          ownerId: request.user.id,
          value: () => search,
        }),
      ),
      ephemeral: request.options.boolean('private') ?? false,
    });
  },

  components: {
    async q(request, context, args) {
      const { page, text, pageId: ids } = rerunClick(context, 'search', args);
      await showPage(request, null, render(runSearch(context.live.current.index, text), page, ids));
    },
    page: (request, context, [key = '', page = '0']) =>
      showStoredPage<StoredSearch>(request, context, 'search', key, (search) =>
        render(search, Number(page) || 0, pageId(key)),
      ),
  },
} satisfies Command;
