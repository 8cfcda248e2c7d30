import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type APIInteraction, InteractionResponseType } from 'discord-api-types/v10';
import { LiveIndex } from '../src/search/LiveIndex.ts';
import { PassageIndex } from '../src/search/PassageIndex.ts';
import { autocompleteInteraction, chatInputInteraction, user } from '../support/payloads.ts';
import { startTestBot } from '../support/startTestBot.ts';
import { atLeast, atMost, type BenchRow, type BenchSection, loadAverageRow } from './BenchSection.ts';
import { TARGET_PASSAGES } from './engineSection.ts';
import { collectGarbage, elapsedMs, percentile } from './measure.ts';
import { seededRandom } from './seededRandom.ts';

const INTERACTIONS = 1_000;
const USERS = 200;
/** Discord drops an interaction that gets no first response within this. */
const DISCORD_DEADLINE_MS = 3_000;
/**
 * discord.js holds every REST call, interaction callbacks included, to 50 a second; the burst arrives just
 * under that, so what is timed is the bot, not the client library's queue.
 */
const SPACING_MS = 22;
/** Memory is back near its baseline when the burst is over: pages, cooldowns and caches hold little. */
const RSS_GROWTH_MB = 64;
/** A response this late means the bot is stuck; the bench stops waiting rather than hang. */
const GIVE_UP_MS = 60_000;

type Kind = '/ask' | '/search' | 'autocomplete';
type Outcome = 'answered' | 'cooldown' | 'error';

function interactionOf(kind: Kind, member: ReturnType<typeof user>, text: string): APIInteraction {
  if (kind === '/ask')
    return chatInputInteraction({ name: 'ask', options: { question: text }, user: member });
  if (kind === '/search')
    return chatInputInteraction({ name: 'search', options: { query: text }, user: member });
  return autocompleteInteraction({
    name: 'ask',
    focused: { name: 'question', value: text.slice(0, Math.max(3, text.length - 5)) },
    user: member,
  });
}

function outcomeOf(body: unknown): Outcome {
  const { type, data } = (body ?? {}) as { type?: number; data?: { content?: string } };
  const content = data?.content ?? '';
  if (/try again in \d+ s/.test(content)) return 'cooldown';
  if (/error id|went wrong/i.test(content)) return 'error';
  const known = [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.ApplicationCommandAutocompleteResult,
  ] as number[];
  return type !== undefined && known.includes(type) ? 'answered' : 'error';
}

/**
 * A burst of 1,000 interactions from 200 members (half /ask, three in ten /search, two in ten autocomplete
 * of a question), with the cooldowns on, through the real discord.js client and the loopback stand-in:
 * how fast each gets its first response, how many are answered or refused by cooldown, and the memory
 * the process holds before and after.
 */
export function burstSection(passages = TARGET_PASSAGES): BenchSection {
  const id = 'burst';
  return {
    id,
    async run(context) {
      const { corpus } = context.corpus(passages);
      const questions = context.questions(passages).map((question) => question.text);
      const random = seededRandom(context.seed + 2);
      const members = Array.from({ length: USERS }, () => user());
      const plan = Array.from({ length: INTERACTIONS }, () => {
        const roll = random.next();
        const kind: Kind = roll < 0.5 ? '/ask' : roll < 0.8 ? '/search' : 'autocomplete';
        return interactionOf(kind, random.pick(members), random.pick(questions));
      });

      context.log(`${id}: indexing ${passages} passages and starting the bot with cooldowns on`);
      const index = PassageIndex.build(corpus);
      const live = new LiveIndex({ corpus, index, loadedAt: new Date(), loadedBy: 'bench' });
      const bot = await startTestBot({
        live,
        env: { ASK_COOLDOWN_SECONDS: '5', SEARCH_COOLDOWN_SECONDS: '3' },
      });
      const latencies: number[] = [];
      const outcomes: Record<Outcome, number> = { answered: 0, cooldown: 0, error: 0 };
      let load: number;
      let rssBefore: number;
      let rssAfter: number;
      try {
        await bot.bot.context.suggester.whenReady();
        collectGarbage();
        rssBefore = process.memoryUsage().rss;
        load = loadavg()[0] ?? Number.NaN;
        context.log(`${id}: ${INTERACTIONS} interactions from ${USERS} members, one every ${SPACING_MS} ms`);
        const answered: Array<Promise<void>> = [];
        for (const payload of plan) {
          const start = process.hrtime.bigint();
          const callbackPath = `/interactions/${payload.id}/${payload.token}/callback`;
          let latencyMs: number | undefined;
          const response = bot.fake.waitForRequest((request) => {
            if (request.path !== callbackPath) return false;
            latencyMs ??= elapsedMs(start);
            return true;
          }, GIVE_UP_MS);
          bot.fake.interact(payload);
          answered.push(
            response.then((request) => {
              latencies.push(latencyMs ?? Number.POSITIVE_INFINITY);
              outcomes[request.status < 300 ? outcomeOf(request.body) : 'error']++;
            }),
          );
          const rest = SPACING_MS - elapsedMs(start);
          if (rest > 0) await sleep(rest);
        }
        await Promise.all(answered);
        collectGarbage();
        rssAfter = process.memoryUsage().rss;
      } finally {
        await bot.stop();
      }

      const late = latencies.filter((ms) => ms > DISCORD_DEADLINE_MS).length;
      const megabytes = (bytes: number) => bytes / (1024 * 1024);
      const rows: BenchRow[] = [
        { metric: 'interactions', unit: 'count', ours: latencies.length, note: `from ${USERS} members` },
        { metric: 'answered', unit: 'count', ours: outcomes.answered },
        { metric: 'refused by cooldown', unit: 'count', ours: outcomes.cooldown },
        { metric: 'errors', unit: 'count', ours: outcomes.error },
        { metric: `first response later than ${DISCORD_DEADLINE_MS} ms`, unit: 'count', ours: late },
        { metric: 'first response p50', unit: 'ms', ours: percentile(latencies, 50) },
        { metric: 'first response p99', unit: 'ms', ours: percentile(latencies, 99) },
        { metric: 'first response max', unit: 'ms', ours: Math.max(...latencies) },
        { metric: 'RSS before the burst', unit: 'MB', ours: megabytes(rssBefore), note: 'after a full GC' },
        { metric: 'RSS after the burst', unit: 'MB', ours: megabytes(rssAfter), note: 'after a full GC' },
        loadAverageRow(load),
      ];
      return {
        id,
        title: `A burst of ${INTERACTIONS} interactions from ${USERS} members at ${passages / 1000}k passages`,
        rows,
        targets: [
          atMost('burst: interactions that got an error', outcomes.error, 0, 'count'),
          atMost(`burst: first responses later than ${DISCORD_DEADLINE_MS} ms`, late, 0, 'count'),
          atMost(
            'burst: RSS growth over the burst, after a full GC',
            megabytes(rssAfter - rssBefore),
            RSS_GROWTH_MB,
            'MB',
          ),
          atLeast(
            'burst: interactions answered or refused by cooldown',
            outcomes.answered + outcomes.cooldown,
            INTERACTIONS,
            'count',
          ),
        ],
      };
    },
  };
}
