import type { Command } from '../src/discord/runtime/Command.ts';
import about from './about.ts';
import ask from './ask.ts';
import checkSources from './checkSources.ts';
import corpus from './corpus.ts';
import digest from './digest.ts';
import search from './search.ts';
import source from './source.ts';
import summary from './summary.ts';
import timeline from './timeline.ts';

/** Every command Dossier serves and registers. Add a command by adding its file and a line here. */
export const commands: readonly Command[] = [
  ask,
  search,
  source,
  summary,
  timeline,
  digest,
  checkSources,
  about,
  corpus,
];
