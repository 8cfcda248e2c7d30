import type { IndexState, LiveIndex } from '../../search/LiveIndex.ts';
import { QuestionSuggester } from '../../search/QuestionSuggester.ts';
import { DISCORD_LIMITS } from '../render/discordLimits.ts';

/** Discord shows 25 autocomplete choices of up to 100 characters, name and value alike. */
const AUTOCOMPLETE_LIMITS = {
  count: DISCORD_LIMITS.choices,
  length: Math.min(DISCORD_LIMITS.choiceName, DISCORD_LIMITS.choiceValue),
};

/**
 * The question suggester for whatever corpus is live. After a swap, the new corpus's suggester is built in
 * the background; until it is ready, suggestions come from the previous one, which is nearly always as good.
 */
export class LiveSuggester {
  private ready?: { state: IndexState; suggester: QuestionSuggester };
  private building?: { state: IndexState; done: Promise<QuestionSuggester> };

  constructor(private readonly live: LiveIndex) {}

  /** The best suggester available now, or `undefined` before the first one is built. */
  current(): QuestionSuggester | undefined {
    const state = this.live.current;
    if (this.ready?.state !== state) void this.whenReady().catch(() => undefined);
    return this.ready?.suggester;
  }

  /** The suggester for the live corpus, built if needed. */
  whenReady(): Promise<QuestionSuggester> {
    const state = this.live.current;
    if (this.ready?.state === state) return Promise.resolve(this.ready.suggester);
    if (this.building?.state !== state) {
      const done = QuestionSuggester.build(state.corpus, state.index, AUTOCOMPLETE_LIMITS).then(
        (suggester) => {
          // A newer swap may have happened meanwhile; never replace a newer suggester with an older one.
          if (this.live.current === state || !this.ready) this.ready = { state, suggester };
          return suggester;
        },
      );
      this.building = { state, done };
    }
    return this.building.done;
  }
}
