import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { ARTICLE_EXTENSIONS } from '../src/constants.ts';
import type { MetadataDefaults } from '../src/corpus/parseDocument.ts';
import { changeReportEmbed, duration } from '../src/discord/render/changeReportEmbed.ts';
import { markdownExcerpt } from '../src/discord/render/markdownExcerpt.ts';
import { type CorpusChange, renderCorpusChange } from '../src/discord/render/renderCorpusChange.ts';
import { renderCorpusList } from '../src/discord/render/renderCorpusList.ts';
import { renderCorpusStatus } from '../src/discord/render/renderCorpusStatus.ts';
import { truncateText } from '../src/discord/render/truncateText.ts';
import type { BotContext } from '../src/discord/runtime/BotContext.ts';
import { type Command, customId } from '../src/discord/runtime/Command.ts';
import type { CommandOptions } from '../src/discord/runtime/CommandOptions.ts';
import { type ChoosableDocument, documentChoices } from '../src/discord/runtime/documentChoices.ts';
import { fetchAttachment } from '../src/discord/runtime/fetchAttachment.ts';
import type { Choice, CommandRequest, InteractionBase } from '../src/discord/runtime/InteractionRequest.ts';
import { isModerator, requireModerator } from '../src/discord/runtime/requireModerator.ts';
import { showPage } from '../src/discord/runtime/showStoredPage.ts';
import { UserError } from '../src/discord/runtime/UserError.ts';
import { announceChangeReport } from '../src/discord/services/announceChangeReport.ts';
import { type ChangeReport, renderChangeReport, reportLogFields } from '../src/store/ChangeReport.ts';
import type { Actor, HistoryEntry } from '../src/store/CorpusHistory.ts';
import type { CorpusStore } from '../src/store/CorpusStore.ts';
import { CorpusStoreError } from '../src/store/CorpusStoreError.ts';
import type { StoreActivity } from '../src/store/storeTypes.ts';

/** Metadata options for files that lack it; the file's own front matter wins. */
const METADATA_OPTIONS: APIApplicationCommandBasicOption[] = [
  {
    type: ApplicationCommandOptionType.String,
    name: 'title',
    description: 'The headline, when the file has none',
    max_length: 300,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'source',
    description: 'Who published it, e.g. "Reuters", when the file does not say',
    max_length: 200,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'date',
    description: 'Publication date as YYYY-MM-DD, when the file has none',
    max_length: 40,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'url',
    description: 'Link to the original article, when the file has none',
    max_length: 500,
  },
];

const FILE_OPTION: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Attachment,
  name: 'file',
  description: `The article: ${ARTICLE_EXTENSIONS.join(', ')} with front matter, UTF-8 text`,
  required: true,
};

const documentOption = (description: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: 'document',
  description,
  required: true,
  autocomplete: true,
  max_length: 200,
});

const pageId = (page: number) => customId('corpus', 'list', page);

/** The store moderators change; a bot serving a given index (a bench) has none. */
function storeOf(context: BotContext): CorpusStore {
  if (!context.corpus) {
    throw new UserError('This Dossier answers from a fixed index, so its corpus cannot be changed here.');
  }
  return context.corpus;
}

/** The moderator as the audit log and history record them. */
function actorOf(request: InteractionBase): Actor {
  return { id: request.user.id, name: request.user.username };
}

/**
 * Runs a store operation, turning its refusal into a reply that names the reason, with a hint where the
 * reason alone does not say what to do next.
 */
async function refusable<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof CorpusStoreError)) throw error;
    const hint =
      error.code === 'invalid' && /front matter has no/.test(error.message)
        ? ' Add it to the front matter, or give it with the `title`, `source` and `date` options.'
        : error.code === 'unavailable'
          ? ' The corpus folder needs fixing on the server first: put a valid article in it, then use `/corpus reload`.'
          : '';
    const reason = markdownExcerpt(error.message, { max: 1500 });
    const stop = /[.!?]$/.test(reason) ? '' : '.';
    throw new UserError(truncateText(`${what}: ${reason}${stop}${hint} Nothing was changed.`, 1900));
  }
}

function defaultsOf(options: CommandOptions): MetadataDefaults {
  const values = {
    title: options.string('title'),
    source: options.string('source'),
    date: options.string('date'),
    url: options.string('url'),
  };
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as MetadataDefaults;
}

/** Downloads the attached article at once, since Discord's attachment URLs expire. */
async function uploadOf(request: CommandRequest, context: BotContext) {
  const attachment = request.options.attachment('file', true);
  const bytes = await fetchAttachment(attachment, {
    maxBytes: context.config.MAX_UPLOAD_BYTES,
    extensions: ARTICLE_EXTENSIONS,
    timeoutMs: context.config.DOWNLOAD_TIMEOUT_SECONDS * 1000,
  });
  return { name: attachment.filename, bytes, defaults: defaultsOf(request.options) };
}

/** Says which change a reload waited for, and how long, when the store was busy. */
function waitedLine(busy: StoreActivity | undefined, waitedMs: number): string | undefined {
  if (!busy) return undefined;
  const who = markdownExcerpt(busy.actor.name, { max: 64 });
  return `Another change was running (${busy.action} by ${who}); yours waited ${duration(waitedMs)} for it, then ran on the corpus it left.`;
}

/** Logs a refresh a moderator caused, as the watcher logs its own, and announces it when it went live. */
async function recordReport(context: BotContext, report: ChangeReport): Promise<string | undefined> {
  const details = {
    trigger: report.trigger,
    actorId: report.actor.id,
    ...reportLogFields(report),
  };
  if (report.ok) context.logger.info(details, renderChangeReport(report));
  else context.logger.warn(details, renderChangeReport(report));
  return report.ok && !report.unchanged && !report.adopted
    ? announceChangeReport(context, report)
    : undefined;
}

/** Replies with the outcome of a change, announcing its report when it went live. */
async function replyWithChange(request: CommandRequest, context: BotContext, change: CorpusChange) {
  const notice = await recordReport(context, change.result.report);
  await request.reply(renderCorpusChange(change, notice));
}

async function reload(request: CommandRequest, context: BotContext) {
  const store = storeOf(context);
  await request.defer({ ephemeral: true });
  const busy = store.activity;
  const report = await refusable('Not reloaded', () => store.reload(actorOf(request)));
  const announced = await recordReport(context, report);
  const lines = [waitedLine(busy, report.waitedMs), announced].filter(Boolean);
  await request.reply({
    ...(lines.length > 0 ? { content: lines.join('\n') } : {}),
    embeds: [changeReportEmbed(report)],
    ephemeral: true,
  });
}

async function add(request: CommandRequest, context: BotContext) {
  const store = storeOf(context);
  await request.defer({ ephemeral: true });
  const upload = await uploadOf(request, context);
  const result = await refusable('Not added', () => store.add(upload, actorOf(request)));
  await replyWithChange(request, context, { action: 'add', result });
}

/** What `replace` and `remove` can name: live documents, and files that do not load. */
function changeableDocuments(store: CorpusStore): ChoosableDocument[] {
  return [
    ...store.list(),
    ...store.invalidFiles().map((problem) => ({ id: problem.id, title: problem.file, source: '', date: '' })),
  ];
}

const IN_CORPUS = { one: 'No article in the corpus matches', many: 'Several articles in the corpus match' };
const REMOVED = { one: 'No removed article matches', many: 'Several removed articles match' };

/**
 * The document picked from the list, or, when the moderator typed words and sent them without picking, the
 * one document whose title, id, source or date hold them all. Anything else is refused, changing nothing.
 */
function pickDocument(
  candidates: readonly ChoosableDocument[],
  typed: string,
  refusal: { one: string; many: string },
): string {
  if (candidates.some((candidate) => candidate.id === typed)) return typed;
  const matches = documentChoices(candidates, typed, 2);
  const [only] = matches;
  if (matches.length === 1 && only) return String(only.value);
  const shown = markdownExcerpt(typed, { max: 100 });
  throw new UserError(
    `${matches.length > 1 ? refusal.many : refusal.one} “${shown}”. Start typing its title and pick one from the list. Nothing was changed.`,
  );
}

async function replace(request: CommandRequest, context: BotContext) {
  const store = storeOf(context);
  const typed = request.options.string('document', true).trim();
  const docId = pickDocument(changeableDocuments(store), typed, IN_CORPUS);
  await request.defer({ ephemeral: true });
  const upload = await uploadOf(request, context);
  const before = context.live.current.index.document(docId);
  const result = await refusable('Not replaced', () => store.replace(docId, upload, actorOf(request)));
  const after = context.live.current.index.document(result.document.id);
  await replyWithChange(request, context, {
    action: 'replace',
    result,
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
  });
}

async function remove(request: CommandRequest, context: BotContext) {
  const store = storeOf(context);
  const typed = request.options.string('document', true).trim();
  const docId = pickDocument(changeableDocuments(store), typed, IN_CORPUS);
  await request.defer({ ephemeral: true });
  const result = await refusable('Not removed', () => store.remove(docId, actorOf(request)));
  await replyWithChange(request, context, { action: 'remove', result });
}

async function restore(request: CommandRequest, context: BotContext) {
  const store = storeOf(context);
  const typed = request.options.string('document', true).trim();
  // A history entry id (`docId@time`) names one kept version exactly.
  const target = typed.includes('@')
    ? typed
    : pickDocument(removedDocuments(await store.removedDocuments()), typed, REMOVED);
  await request.defer({ ephemeral: true });
  const result = await refusable('Not restored', () => store.restore(target, actorOf(request)));
  await replyWithChange(request, context, { action: 'restore', result });
}

function listPage(store: CorpusStore, page: number) {
  return renderCorpusList({ documents: store.list(), invalid: store.invalidFiles(), page, pageId });
}

function removedDocuments(entries: readonly HistoryEntry[]): ChoosableDocument[] {
  return entries.map((entry) => ({
    id: entry.docId,
    title: entry.title,
    source: entry.source,
    date: entry.date,
  }));
}

/** Suggestions for `replace` and `remove`; a file that does not load says so, with its reason. */
function changeableChoices(store: CorpusStore, typed: string): Choice[] {
  const invalid = store.invalidFiles();
  const invalidIds = new Set(invalid.map((problem) => problem.id));
  return documentChoices(changeableDocuments(store), typed).map((choice) => {
    const problem = invalidIds.has(String(choice.value))
      ? invalid.find((each) => each.id === choice.value)
      : undefined;
    return problem ? { ...choice, name: `⚠ ${problem.file}: does not load (${problem.reason})` } : choice;
  });
}

export default {
  data: {
    type: ApplicationCommandType.ChatInput,
    name: 'corpus',
    description: 'Moderators: add, correct, remove and restore articles, reload the folder, see the corpus',
    default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    contexts: [InteractionContextType.Guild],
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'reload',
        description: 'Read the corpus folder again and report what changed; the old index answers meanwhile',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        description: 'Add an article from an attached .md or .txt file',
        options: [FILE_OPTION, ...METADATA_OPTIONS],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'replace',
        description: 'Replace an article with a corrected file; the old version is kept in history',
        options: [
          documentOption('The article to replace: type part of its title and pick it'),
          FILE_OPTION,
          ...METADATA_OPTIONS,
        ],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'remove',
        description: 'Take an article out of the corpus; it is kept in history and can be restored',
        options: [documentOption('The article to remove: type part of its title and pick it')],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'restore',
        description: 'Bring a removed article back from history',
        options: [documentOption('The removed article: type part of its title and pick it')],
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'list',
        description: 'Every article with its source, date, passages and id, page by page',
      },
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'status',
        description: 'Corpus version, counts, dates, last refresh, index size and history',
      },
    ],
  },

  async execute(request, context) {
    requireModerator(request, context.config);
    switch (request.options.subcommand) {
      case 'reload':
        return reload(request, context);
      case 'add':
        return add(request, context);
      case 'replace':
        return replace(request, context);
      case 'remove':
        return remove(request, context);
      case 'restore':
        return restore(request, context);
      case 'list':
        return request.reply(listPage(storeOf(context), 0));
      case 'status':
        return request.reply(
          renderCorpusStatus(await storeOf(context).status(), await context.replicas?.list()),
        );
      default:
        throw new UserError(
          'Pick one of the /corpus subcommands: reload, add, replace, remove, restore, list, status.',
        );
    }
  },

  async autocomplete(request, context) {
    // Removed articles and broken files are moderators' business.
    if (!isModerator(request, context.config) || !context.corpus) return [];
    const store = context.corpus;
    const typed = request.focused.value;
    if (request.options.subcommand === 'restore') {
      return documentChoices(removedDocuments(await store.removedDocuments()), typed);
    }
    return changeableChoices(store, typed);
  },

  components: {
    async list(request, context, [page = '0']) {
      requireModerator(request, context.config);
      await showPage(request, null, listPage(storeOf(context), Number(page) || 0));
    },
  },
} satisfies Command;
