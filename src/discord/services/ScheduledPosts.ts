import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeFileDurably } from '../../corpus/durableFiles.ts';
import type { LiveIndex } from '../../search/LiveIndex.ts';
import type { ChangeReport } from '../../store/ChangeReport.ts';
import { prepareSentenceUnits } from '../../summary/sentenceUnits.ts';
import { summarizeDocument } from '../../summary/summarizeCorpus.ts';
import { changeReportEmbed } from '../render/changeReportEmbed.ts';
import { type NewDocument, renderNewDocuments } from '../render/renderNewDocuments.ts';
import type { ChannelPoster } from './ChannelPoster.ts';

/** Where the scheduled posts remember what they posted, inside `DATA_DIR`. */
export const SCHEDULED_POSTS_FILE = 'scheduled-posts.json';
/** Documents posted per run at most; a bulk import is posted over the following runs, oldest first. */
export const MAX_DOCUMENTS_PER_RUN = 10;
/** Lines that sum up one new document. */
const LINES_PER_DOCUMENT = 3;
/** Change reports waiting to be posted at most; older ones are dropped, the documents are posted anyway. */
const MAX_WAITING_REPORTS = 20;

const stateSchema = z.object({
  version: z.literal(1),
  /** Content hash of each document's version last posted (or taken as known), by document id. */
  posted: z.record(z.string(), z.string()),
  /** When the last post went out, ISO. */
  lastPostAt: z.string().optional(),
  /** Change reports not yet posted: a failed post is retried at the next run. */
  reports: z.array(z.custom<ChangeReport>((value) => typeof value === 'object' && value !== null)),
});

type PostedState = z.infer<typeof stateSchema>;

/** Where the scheduled posts keep their bookmark: a file in `DATA_DIR`, or a database every replica shares. */
export interface StateDocument {
  /** Names it in log lines. */
  readonly name: string;
  /** The stored text, or `undefined` when nothing was stored yet. */
  read(): Promise<string | undefined>;
  /** Replaces the stored text whole: a reader sees the old text or the new. */
  write(text: string): Promise<void>;
}

/** A state document in a file, written to a temporary file and renamed into place. */
function stateFile(dataDir: string, fileName: string): StateDocument {
  const name = join(dataDir, fileName);
  return {
    name,
    async read() {
      try {
        return await readFile(name, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(text) {
      await mkdir(dataDir, { recursive: true });
      await writeFileDurably(name, Buffer.from(text));
    },
  };
}

export interface ScheduledPostsOptions {
  channelId: string;
  /** The channel change reports are announced in already, if any: they are not posted there twice. */
  announceChannelId?: string;
  dataDir: string;
  /** Where to keep the bookmark instead of a file in `dataDir`, e.g. a database all replicas share. */
  bookmark?: StateDocument;
  intervalMs: number;
  live: LiveIndex;
  channels: Pick<ChannelPoster, 'post'>;
  logger: Logger;
  now?: () => Date;
}

/** What one run did. */
export interface ScheduledRun {
  /** Ids of the documents posted, in order. */
  posted: string[];
  reportsPosted: number;
  /** Documents still to post: beyond one run's share, or held back by a failed post. */
  waiting: number;
  /** Set on the very first run, which remembers the corpus as it is instead of posting all of it. */
  baseline?: number;
  /** Why a post failed; it is retried at the next run. */
  failure?: string;
}

/**
 * Posts to `DIGEST_CHANNEL_ID` what is new in the corpus, every interval and after each refresh: each new or
 * updated document summed up in quoted lines, and the change reports of refreshes. What was posted (each
 * document's id and content hash, the time) is remembered in `DATA_DIR`, written atomically after every
 * post, so a restart neither repeats a post nor misses what changed while the bot was down. A post that
 * fails is not remembered, so the next run retries it. The first run ever remembers the corpus as it is:
 * the channel hears about what is added from then on, not about every article already there.
 */
export class ScheduledPosts {
  private readonly bookmark: StateDocument;
  private readonly now: () => Date;
  private state: PostedState | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ScheduledPostsOptions) {
    this.bookmark = options.bookmark ?? stateFile(options.dataDir, SCHEDULED_POSTS_FILE);
    this.now = options.now ?? (() => new Date());
  }

  get channelId(): string {
    return this.options.channelId;
  }

  /** Runs at once (posting what changed while the bot was down), then every interval until `stop()`. */
  start(): void {
    this.stopped = false;
    // Another replica may have posted since this one last ran: read the bookmark afresh.
    this.state = undefined;
    // A failed run is logged by `enqueue`; nobody awaits this one, so its rejection must not go unhandled.
    void this.runOnce().catch(() => undefined);
    this.schedule();
  }

  /** Stops the timer and waits for a run in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.whenIdle();
  }

  /** Posts what is new now, after any run in progress. */
  runOnce(): Promise<ScheduledRun> {
    return this.enqueue(() => this.run());
  }

  /** Resolves once no run is in progress or waiting. */
  async whenIdle(): Promise<void> {
    let seen: Promise<unknown> | undefined;
    while (seen !== this.queue) {
      seen = this.queue;
      await seen;
    }
  }

  /**
   * Remembers a refresh's change report and posts it with the documents it brought, unless the report was
   * announced in this very channel already.
   */
  changeReport(report: ChangeReport): Promise<ScheduledRun> {
    return this.enqueue(async () => {
      if (this.options.announceChannelId !== this.options.channelId) {
        const { state } = await this.load();
        state.reports = [...state.reports, report].slice(-MAX_WAITING_REPORTS);
        await this.save(state);
      }
      return this.run();
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runOnce()
        .catch(() => undefined)
        .finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private enqueue(task: () => Promise<ScheduledRun>): Promise<ScheduledRun> {
    const run = this.queue.then(task);
    this.queue = run.catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'scheduled posts: a run failed');
    });
    return run;
  }

  private async run(): Promise<ScheduledRun> {
    const { state, fresh } = await this.load();
    const { corpus, index } = this.options.live.current;
    if (fresh) {
      this.options.logger.info(
        { channelId: this.channelId, documents: corpus.documents.length },
        'scheduled posts: the articles already in the corpus are taken as known; new ones will be posted',
      );
      return { posted: [], reportsPosted: 0, waiting: 0, baseline: corpus.documents.length };
    }
    const result: ScheduledRun = { posted: [], reportsPosted: 0, waiting: 0 };
    const pending = corpus.documents
      .filter((document) => state.posted[document.id] !== document.contentHash)
      .sort((a, b) => (a.date || '9999').localeCompare(b.date || '9999') || a.id.localeCompare(b.id));
    result.waiting = pending.length;
    while (state.reports[0]) {
      const failure = await this.post({ embeds: [changeReportEmbed(state.reports[0])] });
      if (failure) return { ...result, failure };
      state.reports = state.reports.slice(1);
      result.reportsPosted++;
      await this.save(state);
    }
    if (pending.length > 0) await prepareSentenceUnits(index);
    const entries: NewDocument[] = pending.slice(0, MAX_DOCUMENTS_PER_RUN).map((document) => ({
      document,
      lines: summarizeDocument(document, index, LINES_PER_DOCUMENT),
      updated: document.id in state.posted,
    }));
    const since = state.lastPostAt ? new Date(state.lastPostAt) : undefined;
    for (const { message, documents } of renderNewDocuments(entries, since)) {
      const failure = await this.post(message);
      if (failure) return { ...result, failure };
      for (const { document } of documents) {
        state.posted[document.id] = document.contentHash;
        result.posted.push(document.id);
      }
      result.waiting -= documents.length;
      state.lastPostAt = this.now().toISOString();
      await this.save(state);
    }
    if (result.posted.length > 0 || result.reportsPosted > 0) {
      this.options.logger.info(
        {
          channelId: this.channelId,
          documents: result.posted,
          reports: result.reportsPosted,
          waiting: result.waiting,
        },
        'scheduled posts: posted what is new in the corpus',
      );
    }
    return result;
  }

  /** Posts a message; on failure logs it and returns why, so the run stops and the next one retries. */
  private async post(message: Parameters<ChannelPoster['post']>[1]): Promise<string | undefined> {
    try {
      await this.options.channels.post(this.channelId, message);
      return undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.logger.warn(
        { err: error, channelId: this.channelId },
        'scheduled posts: could not post; retrying at the next run',
      );
      return reason;
    }
  }

  /**
   * The remembered state; on the first run ever (`fresh`), the corpus as it is now, remembered as posted.
   */
  private async load(): Promise<{ state: PostedState; fresh: boolean }> {
    if (this.state) return { state: this.state, fresh: false };
    const stored = await this.readState();
    if (stored) {
      this.state = stored;
      return { state: stored, fresh: false };
    }
    const posted = Object.fromEntries(
      this.options.live.current.corpus.documents.map((document) => [document.id, document.contentHash]),
    );
    this.state = { version: 1, posted, reports: [] };
    await this.save(this.state);
    return { state: this.state, fresh: true };
  }

  private async readState(): Promise<PostedState | undefined> {
    const text = await this.bookmark.read();
    if (text === undefined) return undefined;
    try {
      return stateSchema.parse(JSON.parse(text));
    } catch (error) {
      // Unreadable memory must not flood the channel with every article: start over from the corpus as it is.
      this.options.logger.warn(
        { err: error, file: this.bookmark.name },
        'scheduled posts: the remembered state is unreadable',
      );
      return undefined;
    }
  }

  private async save(state: PostedState): Promise<void> {
    await this.bookmark.write(`${JSON.stringify(state, null, 2)}\n`);
  }
}
