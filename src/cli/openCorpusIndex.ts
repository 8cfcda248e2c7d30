import { join, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Corpus } from '../corpus/types.ts';
import type { PassageIndex } from '../search/PassageIndex.ts';

// The corpus, settings and index modules are imported when a command first reads the corpus, so `--help` and
// a mistyped option answer as fast as node starts.

/** Exit status when the CLI has nothing to work from: no corpus, or bad arguments. */
export const EXIT_UNUSABLE = 2;

/** Prints a one-line message on stderr and exits; the CLI never shows a stack trace. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(EXIT_UNUSABLE);
}

/** `--corpus DIR` and `--data DIR`, which every command that reads the corpus takes. */
export const DIRECTORY_OPTIONS = {
  corpus: { type: 'string' },
  data: { type: 'string' },
} as const;

/** What `DIRECTORY_OPTIONS` mean, added to the help of every command that takes them. */
const DIRECTORY_USAGE = `--corpus DIR: the articles (default: CORPUS_DIR, ./corpus)
--data DIR: where index snapshots are kept (default: DATA_DIR, ./data)`;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses the command line; `--help` (`-h`) prints the usage (with `DIRECTORY_OPTIONS` explained when the
 * command takes them) and exits 0, and a mistake ends the command with the message and the usage.
 */
export function parseCommandLine<const Config extends ParseArgsConfig>(
  config: Config,
  usage: string,
): ReturnType<typeof parseArgs<Config>> {
  let parsed: ReturnType<typeof parseArgs<Config>>;
  try {
    // The help flag is checked here, before the command sees the values, so its type leaves it out.
    parsed = parseArgs({ ...config, options: { ...config.options, ...HELP_OPTION } }) as ReturnType<
      typeof parseArgs<Config>
    >;
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error}\n${usage}`);
  }
  if ((parsed.values as { help?: boolean }).help) {
    const directories = config.options && 'corpus' in config.options ? `\n${DIRECTORY_USAGE}` : '';
    process.stdout.write(`${usage}${directories}\n`);
    process.exit(0);
  }
  return parsed;
}

/** Loads a corpus directory, ending the command when the directory itself cannot be used. */
export async function loadCorpusOrFail(dir: string): Promise<Corpus> {
  const { CorpusError, loadCorpus } = await import('../corpus/loadCorpus.ts');
  try {
    return await loadCorpus(dir);
  } catch (error) {
    if (error instanceof CorpusError) fail(`corpus: ${error.message}`);
    throw error;
  }
}

/** Lists each file that did not load on stderr, one line each with its reason. */
export function reportProblems(corpus: Corpus): void {
  for (const problem of corpus.problems) process.stderr.write(`corpus: ${problem.file}: ${problem.reason}\n`);
}

/**
 * Loads the corpus and its index for a CLI command, from `--corpus` and `--data` or the settings. Bad files
 * are listed on stderr and skipped; a corpus with nothing usable ends the command with exit status 2.
 */
export async function openCorpusIndex(directories: {
  corpus?: string;
  data?: string;
}): Promise<PassageIndex> {
  const [{ loadCoreConfig }, { openIndex }] = await Promise.all([
    import('../config.ts'),
    import('../search/openIndex.ts'),
  ]);
  const config = loadCoreConfig();
  const dir = resolve(directories.corpus ?? config.CORPUS_DIR);
  const corpus = await loadCorpusOrFail(dir);
  reportProblems(corpus);
  if (corpus.documents.length === 0) fail(`corpus: ${dir} has no valid document`);
  const { index } = await openIndex(corpus, join(directories.data ?? config.DATA_DIR, 'index'));
  return index;
}

/** Runs a CLI command, turning any error into a one-line message instead of a stack trace. */
export function runCli(main: () => Promise<void>): void {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    fail(error.message);
  });
  main().catch((error: unknown) => {
    fail(error instanceof Error ? error.message : String(error));
  });
}
