import { createInterface } from 'node:readline';
import { DIRECTORY_OPTIONS, fail, openCorpusIndex, parseCommandLine, runCli } from './openCorpusIndex.ts';

const COMMAND_LINE = {
  allowPositionals: true,
  options: {
    ...DIRECTORY_OPTIONS,
    limit: { type: 'string' },
    // The name this option had first; scripts written for it keep working.
    top: { type: 'string' },
    json: { type: 'boolean', default: false },
    stdin: { type: 'boolean', default: false },
  },
} as const;

const USAGE = `Usage:
  npm run --silent ask -- [--limit K] [--json] "QUESTION"
  npm run --silent ask -- [--limit K] [--json] --stdin      one question a line, one reply a line
Answers with up to K quotes (default 3, at most 20; --top K means the same). A question longer than the
limit (500 characters) is cut, and ask says so on stderr and with "questionCut": true in JSON.`;

runCli(async () => {
  const { values, positionals } = parseCommandLine(COMMAND_LINE, USAGE);
  if (values.limit !== undefined && values.top !== undefined)
    fail(`--limit and --top are the same option: give one\n${USAGE}`);
  const limit = Number(values.limit ?? values.top ?? 3);
  if (!Number.isInteger(limit) || limit < 1 || limit > 20)
    fail(`--limit must be a whole number from 1 to 20\n${USAGE}`);
  const question = positionals.join(' ').trim();
  if (!values.stdin && !question) fail(USAGE);

  const [index, { answerQuestion, MAX_QUESTION_CHARS }, { renderAnswerText }, { loadCoreConfig }] =
    await Promise.all([
      openCorpusIndex(values),
      import('../answer/answerQuestion.ts'),
      import('./renderText.ts'),
      import('../config.ts'),
    ]);
  const { ANSWER_MIN_CONFIDENCE: minConfidence } = loadCoreConfig();
  const reply = (text: string, line?: number) => {
    const cut = text.length > MAX_QUESTION_CHARS;
    if (cut) {
      const where = line === undefined ? 'the question' : `the question on line ${line}`;
      process.stderr.write(
        `ask: ${where} has ${text.length} characters; only the first ${MAX_QUESTION_CHARS} were read.\n`,
      );
    }
    const result = answerQuestion(index, text, { top: limit, minConfidence });
    process.stdout.write(
      values.json
        ? `${JSON.stringify(cut ? { ...result, questionCut: true } : result)}\n`
        : `${renderAnswerText(result)}\n\n`,
    );
  };
  if (!values.stdin) return reply(question);
  // Every input line gets its reply, blank ones too, so the nth reply always belongs to the nth line.
  let line = 0;
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    reply(text.trim(), ++line);
  }
});
