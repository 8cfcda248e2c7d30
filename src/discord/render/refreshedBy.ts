import { STARTUP_ACTOR, WATCH_ACTOR } from '../../store/CorpusStore.ts';
import { markdownExcerpt } from './markdownExcerpt.ts';

/** Who or what last loaded the corpus, as a reader would say it: "at start-up", "by aigerim". */
export function refreshedBy(name: string): string {
  if (name === STARTUP_ACTOR.name) return 'at start-up';
  if (name === WATCH_ACTOR.name) return 'by the file watcher, after the files changed';
  return `by ${markdownExcerpt(name, { max: 64 })}`;
}
