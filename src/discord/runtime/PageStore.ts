import { randomBytes } from 'node:crypto';

/** How long paged results stay reachable from their buttons. */
export const PAGE_TTL_MS = 30 * 60 * 1000;
/** Most results kept at once; the oldest go first. */
const MAX_STORED_PAGES = 500;

interface Entry {
  kind: string;
  ownerId: string;
  value: unknown;
  expiresAt: number;
}

/** What a button finds behind its key. */
export interface StoredPages<T> {
  /** Who ran the command that produced the results. */
  ownerId: string;
  value: T;
}

/** Where results that buttons page through are kept: this process's memory, or a database every replica shares. */
export interface Pages {
  /** Stores `value` (plain JSON) under a new key that fits in a custom id. */
  put<T>(kind: string, ownerId: string, value: T): string | Promise<string>;
  /** The entry for `key` if it is of `kind` and has not expired. */
  get<T>(kind: string, key: string): StoredPages<T> | undefined | Promise<StoredPages<T> | undefined>;
}

/**
 * Keeps results that buttons page through (answers, search hits) in memory, behind a short key that fits
 * in a custom id. Entries expire and the store is bounded, so a button may outlive its results: handlers
 * must treat a missing entry as expired.
 */
export class PageStore implements Pages {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = PAGE_TTL_MS,
    private readonly maxEntries = MAX_STORED_PAGES,
  ) {}

  /** Stores `value` under a new key; `kind` names its type so a key from another command never matches. */
  put<T>(kind: string, ownerId: string, value: T, now = Date.now()): string {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now && this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
    const key = randomBytes(6).toString('base64url');
    this.entries.set(key, { kind, ownerId, value, expiresAt: now + this.ttlMs });
    return key;
  }

  /** The entry for `key` if it is of `kind` and has not expired. */
  get<T>(kind: string, key: string, now = Date.now()): StoredPages<T> | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.kind !== kind) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return { ownerId: entry.ownerId, value: entry.value as T };
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
