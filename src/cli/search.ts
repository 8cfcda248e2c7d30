import { searchPassages } from '../search/searchPassages.ts';
import { DIRECTORY_OPTIONS, fail, openCorpusIndex, parseCommandLine, runCli } from './openCorpusIndex.ts';
import { citationLine } from './renderText.ts';

const COMMAND_LINE = {
  allowPositionals: true,
  options: {
    ...DIRECTORY_OPTIONS,
    limit: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
} as const;

const USAGE = `Usage:
  npm run --silent search -- [--limit N] [--json] "TERMS"
The N passages that best match the terms (default 5, at most 100), each with its citation.`;

runCli(async () => {
  const { values, positionals } = parseCommandLine(COMMAND_LINE, USAGE);
  const query = positionals.join(' ').trim();
  const limit = Number(values.limit ?? 5);
  if (!query || !Number.isInteger(limit) || limit < 1 || limit > 100) fail(USAGE);
  const results = searchPassages(await openCorpusIndex(values), query, limit);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ query, results })}\n`);
    return;
  }
  if (results.length === 0) process.stdout.write(`No passage matches "${query}".\n`);
  results.forEach((result, i) => {
    process.stdout.write(
      `${i + 1}. ${citationLine(result.citation)}\n   ${result.text.replace(/\s+/g, ' ')}\n\n`,
    );
  });
});
