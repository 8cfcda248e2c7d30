import type { Corpus } from '../corpus/types.ts';
import type { PassageIndex } from './PassageIndex.ts';

/** One loaded corpus and its index: everything an answer is computed from. */
export interface IndexState {
  corpus: Corpus;
  index: PassageIndex;
  loadedAt: Date;
  /** Who triggered the load: a moderator's name, "startup", "watch" or "cli". */
  loadedBy: string;
  snapshotBytes?: number;
}

/**
 * Holds the index the bot answers from. A refresh builds its replacement elsewhere and swaps it in with
 * one assignment, so readers always see a complete index: the old one until the instant the new one is live.
 */
export class LiveIndex {
  constructor(private state: IndexState) {}

  get current(): IndexState {
    return this.state;
  }

  /** Makes `next` live and returns the state it replaced. */
  swap(next: IndexState): IndexState {
    const previous = this.state;
    this.state = next;
    return previous;
  }
}
