import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { type Command, customId } from '../src/discord/Command.ts';
import { markdownExcerpt } from '../src/discord/markdownExcerpt.ts';
import { renderSearchPage } from '../src/discord/renderSearchPage.ts';
import { showStoredPage } from '../src/discord/showStoredPage.ts';
import { UserError } from '../src/discord/UserError.ts';
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

const render = (key: string, search: StoredSearch, page: number) =>
  renderSearchPage({ ...search, terms: new Set(search.terms), page, pageId: pageId(key) });

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
    const { index } = context.live.current;
    const results = searchPassages(index, query, MAX_RESULTS);
    if (results.length === 0) {
      const shown = markdownExcerpt(query, { max: MAX_QUERY_CHARS });
      throw new UserError(
        `No passage matches “${shown}”. Try fewer or other words, or ask a question with /ask.`,
      );
    }
    const { terms, aliasTerms } = index.queryTerms(query);
    const search: StoredSearch = { query, results, terms: [...terms, ...aliasTerms] };
    const key = await context.pages.put('search', request.user.id, search);
    await request.reply({
      ...render(key, search, 0),
      ephemeral: request.options.boolean('private') ?? false,
    });
  },

  components: {
    page: (request, context, [key = '', page = '0']) =>
      showStoredPage<StoredSearch>(request, context, 'search', key, (search) =>
        render(key, search, Number(page) || 0),
      ),
  },
} satisfies Command;
