import type { APIEmbedField } from 'discord-api-types/v10';
import type { ReplicaStatus } from '../../postgres/ReplicaRegistry.ts';
import type { CorpusStatus } from '../../store/storeTypes.ts';
import { countOf, problemLine } from './changeReportEmbed.ts';
import { dateRangeText } from './dateRangeText.ts';
import { DISCORD_LIMITS } from './discordLimits.ts';
import { EMBED_COLORS } from './embedColors.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';
import type { ReplyMessage } from './ReplyMessage.ts';
import { refreshedBy } from './refreshedBy.ts';
import { linesWithin, truncateText } from './truncateText.ts';

/** `12.3 KB`, `1.4 MB`. */
function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `<t:…:f> (<t:…:R>)`: a moment each reader sees in their own time zone, and how long ago it was. */
function moment(iso: string | Date): string {
  const seconds = Math.floor(new Date(iso).getTime() / 1000);
  return `<t:${seconds}:f> (<t:${seconds}:R>)`;
}

function indexLine(index: CorpusStatus['index']): string {
  const snapshot =
    index.snapshotBytes === undefined ? 'no snapshot saved' : `snapshot ${byteSize(index.snapshotBytes)}`;
  const origin =
    index.fromSnapshot === undefined ? '' : index.fromSnapshot ? ', loaded from it' : ', built afresh';
  return `${countOf(index.terms, 'term')} over ${countOf(index.passages, 'passage')} · ${snapshot}${origin}`;
}

/** One line per replica: where it runs, the version it serves (flagged when not the live one), whether it leads. */
function replicaLines(replicas: readonly ReplicaStatus[], liveVersion: string): string[] {
  return replicas.map((replica) => {
    const where = `${markdownExcerpt(replica.host, { max: 64 })} (pid ${replica.pid})`;
    if (replica.gone) return `- ${where}: stopped, last seen ${moment(replica.seenAt)}`;
    const version = replica.corpusVersion ?? 'unknown';
    const behind = version === liveVersion ? '' : ', not the version this replica serves';
    return `- ${where}: version \`${version}\`${behind}${replica.leader ? ' · leader' : ''}`;
  });
}

/** Which version of the corpus shared in the database this replica serves, and why not the live one. */
function sharedLine(shared: NonNullable<CorpusStatus['shared']>): string {
  const serving =
    shared.version === shared.live
      ? `version ${shared.version}, the live one`
      : `version ${shared.version}; the live one is ${shared.live}, on its way here`;
  const failure = shared.failure
    ? `\nCould not load ${markdownExcerpt(shared.failure, { max: 400 })}; the previous version keeps answering.`
    : '';
  return `This replica serves ${serving}.${failure}`;
}

/**
 * The corpus at a glance for moderators: version, document and passage counts, the articles' dates, when
 * and by whom it was last refreshed, the last change, index and snapshot size, history, files that do not
 * load, every replica sharing the database with the version it serves, and what is running now.
 */
export function renderCorpusStatus(status: CorpusStatus, replicas?: readonly ReplicaStatus[]): ReplyMessage {
  const range = status.dateRange;
  const change = status.lastChange;
  const fields: APIEmbedField[] = [
    { name: 'Version', value: `\`${status.version}\``, inline: true },
    {
      name: 'Documents',
      value: `${status.documents.toLocaleString('en-US')} (${countOf(status.passages, 'passage')})`,
      inline: true,
    },
    {
      name: 'Dates',
      value: dateRangeText(range),
      inline: true,
    },
    {
      name: 'Last refreshed',
      value: `${moment(status.lastRefresh.at)} ${refreshedBy(status.lastRefresh.by)}`,
    },
    {
      name: 'Last change',
      value: change
        ? `${change.action}${change.docId ? ` \`${change.docId}\`` : ''} by ${markdownExcerpt(change.actor.name, { max: 64 })}, ${moment(change.at)}${change.ok === false ? ' (failed; the previous corpus stayed live)' : ''}`
        : 'none recorded',
    },
    { name: 'Index', value: indexLine(status.index) },
    {
      name: 'History',
      value: `${countOf(status.history.entries, 'version')} kept · ${countOf(status.history.removedDocuments, 'removed document')} that \`/corpus restore\` can bring back`,
    },
    {
      name: `Not loaded (${status.invalid.length})`,
      value:
        status.invalid.length === 0
          ? 'none: every file loads'
          : linesWithin(
              status.invalid.map((problem) => `- ${problemLine(problem)}`),
              DISCORD_LIMITS.fieldValue,
            ),
    },
  ];
  if (status.shared) {
    fields.push({ name: 'Shared corpus', value: sharedLine(status.shared) });
  }
  if (replicas) {
    const running = replicas.filter((replica) => !replica.gone).length;
    fields.push({
      name: `Replicas (${running} running)`,
      value: linesWithin(replicaLines(replicas, status.version), DISCORD_LIMITS.fieldValue) || 'none',
    });
  }
  if (status.activity) {
    const { activity } = status;
    const waiting = activity.waiting > 0 ? `; ${activity.waiting} more waiting` : '';
    fields.push({
      name: 'Running now',
      value: `${activity.action} by ${markdownExcerpt(activity.actor.name, { max: 64 })}, since ${moment(activity.since)}${waiting}`,
    });
  }
  return {
    embeds: [
      {
        color: EMBED_COLORS.info,
        title: 'Corpus status',
        fields,
        footer: { text: truncateText(`Folder ${status.corpusDir}`, 300) },
      },
    ],
    ephemeral: true,
  };
}
