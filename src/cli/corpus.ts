import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCoreConfig } from '../config.ts';
import { CorpusError, loadCorpus } from '../corpus/loadCorpus.ts';
import { fail, runCli } from './openCorpusIndex.ts';

const USAGE = 'Usage: npm run corpus -- check [--corpus DIR]';

async function check(dir: string): Promise<void> {
  let corpus: Awaited<ReturnType<typeof loadCorpus>>;
  try {
    corpus = await loadCorpus(dir);
  } catch (error) {
    if (error instanceof CorpusError) fail(`corpus: ${error.message}`);
    throw error;
  }
  const passages = corpus.documents.reduce((sum, document) => sum + document.passages.length, 0);
  for (const problem of corpus.problems) process.stderr.write(`corpus: ${problem.file}: ${problem.reason}\n`);
  process.stdout.write(
    `${dir}: ${corpus.documents.length} documents, ${passages} passages, ${corpus.problems.length} invalid files (version ${corpus.version})\n`,
  );
  if (corpus.problems.length > 0 || corpus.documents.length === 0) process.exit(1);
}

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { corpus: { type: 'string' } },
  });
  const dir = resolve(values.corpus ?? loadCoreConfig().CORPUS_DIR);
  const [action] = positionals;
  if (action === 'check') return check(dir);
  fail(USAGE);
});
