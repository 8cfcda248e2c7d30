import type { APIEmbedField } from 'discord-api-types/v10';
import { ApplicationCommandType } from 'discord-api-types/v10';
import type { IndexState } from '../../search/LiveIndex.ts';
import type { CommandData } from '../runtime/CommandData.ts';
import { dateRangeText } from './dateRangeText.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import type { ReplyMessage } from './ReplyMessage.ts';
import { refreshedBy } from './refreshedBy.ts';
import { linesWithin } from './truncateText.ts';

export interface AboutView {
  state: IndexState;
  /** The commands to list under "How to ask". */
  commands: readonly CommandData[];
  /** Names the corpus mentions most, offered as things to ask about. */
  names: readonly string[];
}

/** The first and last article dates, ignoring undated articles. */
function dateRange(dates: readonly string[]): { first: string; last: string } | undefined {
  const dated = dates.filter(Boolean).sort();
  const first = dated[0];
  const last = dated.at(-1);
  return first && last ? { first, last } : undefined;
}

function usage(command: CommandData): string {
  if (command.type === ApplicationCommandType.Message)
    return `**${command.name}**: right-click a message → Apps`;
  const required = ('options' in command ? (command.options ?? []) : [])
    .filter((option) => 'required' in option && option.required)
    .map((option) => ` ${option.name}:`);
  return `\`/${command.name}${required.join('')}\` ${'description' in command ? command.description : ''}`;
}

/** What Dossier knows and how to ask it: corpus size, the articles' dates, when it was loaded, the commands. */
export function renderAbout(view: AboutView): ReplyMessage {
  const { corpus, index, loadedAt, loadedBy } = view.state;
  const sources = new Set(corpus.documents.map((document) => document.source)).size;
  const range = dateRange(corpus.documents.map((document) => document.date));
  const loaded = Math.floor(loadedAt.getTime() / 1000);
  const fields: APIEmbedField[] = [
    {
      name: 'Articles',
      value: `${corpus.documents.length} from ${sources} ${sources === 1 ? 'source' : 'sources'}, ${index.passageCount} paragraphs`,
      inline: true,
    },
    {
      name: 'Dated',
      value: dateRangeText(range),
      inline: true,
    },
    {
      name: 'Loaded',
      value: `<t:${loaded}:f> (<t:${loaded}:R>) ${refreshedBy(loadedBy)} · version \`${corpus.version.slice(0, 12)}\``,
    },
    {
      name: 'How to ask',
      value: linesWithin(view.commands.map(usage), DISCORD_LIMITS.fieldValue),
    },
  ];
  if (view.names.length > 0) {
    fields.push({
      name: 'Try asking about',
      value: markdownExcerpt(view.names.join(', '), { max: 400 }),
    });
  }
  if (corpus.problems.length > 0) {
    fields.push({
      name: 'Skipped files',
      value: `${corpus.problems.length} ${corpus.problems.length === 1 ? 'file' : 'files'} in the corpus could not be read; moderators can see why.`,
    });
  }
  return {
    embeds: [
      {
        color: EMBED_COLORS.info,
        title: 'About Dossier',
        description:
          'Dossier answers questions about the news event its articles cover, by quoting them **word for word**, with the article, source, date and paragraph. When the articles do not answer a question, it says so rather than guess.',
        fields,
        footer: { text: 'Answers quote the articles; they are not Dossier’s own words.' },
      },
    ],
    ephemeral: true,
  };
}
