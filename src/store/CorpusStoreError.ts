/** Why the store refused a change; nothing was written. */
export type RefusalCode =
  | 'bad-name'
  | 'unsupported-type'
  | 'too-large'
  | 'invalid'
  | 'duplicate'
  | 'exists'
  | 'not-found'
  | 'live'
  | 'unchanged'
  | 'last-document'
  | 'unavailable'
  | 'unwritable'
  | 'moved'
  | 'offline';

/** A change the store refused. The message is safe to show a moderator as it is; nothing was changed. */
export class CorpusStoreError extends Error {
  override name = 'CorpusStoreError';
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** `name is …` for reasons that read as a predicate, `name: …` for the others ("front matter has no date"). */
export function fileSays(name: string, reason: string): string {
  return /^(is|has|duplicates)\b/.test(reason) ? `${name} ${reason}` : `${name}: ${reason}`;
}
