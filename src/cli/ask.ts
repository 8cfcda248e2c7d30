import { createInterface } from 'node:readline';
import { answerQuestion } from '../answer/answerQuestion.ts';
import { loadCoreConfig } from '../config.ts';
import { fail, openCorpusIndex, parseCommandLine, runCli } from './openCorpusIndex.ts';
import { renderAnswerText } from './renderText.ts';

const COMMAND_LINE = {
  allowPositionals: true,
  options: {
    corpus: { type: 'string' },
    top: { type: 'string' },
    json: { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
  },
} as const;

const USAGE = `Usage:
  npm run --silent ask -- [--corpus DIR] [--top K] [--json] "QUESTION"
  npm run --silent ask -- [--corpus DIR] [--top K] [--json] --stdin   (one question a line)`;

runCli(async () => {
  const { values, positionals } = parseCommandLine(COMMAND_LINE, USAGE);
  const top = Number(values.top ?? 3);
  if (!Number.isInteger(top) || top < 1 || top > 20)
    fail(`--top must be a whole number from 1 to 20\n${USAGE}`);
  const question = positionals.join(' ').trim();
  if (!values.stdin && !question) fail(USAGE);

  const index = await openCorpusIndex(values.corpus);
  const { ANSWER_MIN_CONFIDENCE: minConfidence } = loadCoreConfig();
  const reply = (text: string) => {
    const result = answerQuestion(index, text, { top, minConfidence });
    process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${renderAnswerText(result)}\n\n`);
  };
  if (!values.stdin) return reply(question);
  // Every input line gets its reply, blank ones too, so the nth reply always belongs to the nth line.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    reply(line.trim());
  }
});
