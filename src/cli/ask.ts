import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../answer/answerQuestion.ts';
import { fail, openCorpusIndex, runCli } from './openCorpusIndex.ts';
import { renderAnswerText } from './renderText.ts';

const USAGE = `Usage:
  npm run --silent ask -- [--corpus DIR] [--top K] [--json] "QUESTION"
  npm run --silent ask -- [--corpus DIR] [--top K] [--json] --stdin   (one question a line)`;

runCli(async () => {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions();
  } catch (error) {
    fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const top = Number(values.top ?? 3);
  if (!Number.isInteger(top) || top < 1 || top > 20)
    fail(`--top must be a whole number from 1 to 20\n${USAGE}`);
  const question = positionals.join(' ').trim();
  if (!values.stdin && !question) fail(USAGE);

  const index = await openCorpusIndex(values.corpus);
  const reply = (text: string) => {
    const result = answerQuestion(index, text, { top });
    process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${renderAnswerText(result)}\n\n`);
  };
  if (!values.stdin) return reply(question);
  // Every input line gets its reply, blank ones too, so the nth reply always belongs to the nth line.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    reply(line.trim());
  }
});

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      top: { type: 'string' },
      json: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
    },
  });
}
