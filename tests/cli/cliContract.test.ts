import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KAZAKHSTAN_DIR } from '../corpus/corpusFrom.ts';
import { runOnDemand, runScript, type ScriptRun } from './runScript.ts';

// The blank line stays: its reply keeps every later reply on the line of its question.
const STDIN_QUESTIONS = [
  'Where did the protests begin?',
  'Who won the Eurovision song contest?',
  '',
  'Who was named acting prime minister?',
  'When did the last troops leave Kazakhstan?',
];

const BAD_FILES: Record<string, Buffer> = {
  'broken-front-matter.md': Buffer.from(
    '---\ntitle: [Curfew lifted\nsource: Steppe Herald\ndate: 2022-01-13\n---\nThe curfew was lifted.\n',
  ),
  'latin1-notes.txt': Buffer.from([
    ...Buffer.from('date 2022-01-14\nThe caf'),
    0xe9,
    ...Buffer.from(' on Abay Avenue reopened.\n'),
  ]),
  'photo.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
};

let workDir: string;
let dataDir: string;
let mixedCorpus: string;
let onlyBadCorpus: string;
let missingCorpus: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dossier-cli-'));
  dataDir = join(workDir, 'data');
  mixedCorpus = join(workDir, 'mixed');
  onlyBadCorpus = join(workDir, 'only-bad');
  missingCorpus = join(workDir, 'no-such-folder');
  await cp(KAZAKHSTAN_DIR, mixedCorpus, { recursive: true });
  await cp(KAZAKHSTAN_DIR, onlyBadCorpus, {
    recursive: true,
    filter: (source) => !/\.(md|txt)$/.test(source),
  });
  for (const [file, bytes] of Object.entries(BAD_FILES)) {
    await writeFile(join(mixedCorpus, file), bytes);
    await writeFile(join(onlyBadCorpus, file), bytes);
  }
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

const run = runOnDemand(() => {
  const fixture = ['--corpus', KAZAKHSTAN_DIR];
  const options = { dataDir };
  const question = 'Who was named acting prime minister?';
  return {
    json: ['ask', [...fixture, '--json', 'Where did the protests begin?'], options],
    stdin: ['ask', [...fixture, '--json', '--stdin'], { dataDir, stdin: `${STDIN_QUESTIONS.join('\n')}\n` }],
    text: ['ask', [...fixture, 'What did Tokayev call the rioters?'], options],
    mixed: ['ask', ['--corpus', mixedCorpus, '--json', question], options],
    missing: ['ask', ['--corpus', missingCorpus, question], options],
    onlyBad: ['ask', ['--corpus', onlyBadCorpus, '--json', question], options],
    search: ['search', [...fixture, 'Massimov treason'], options],
    checkShipped: ['corpus:check', [], options],
    checkMixed: ['corpus:check', ['--corpus', mixedCorpus], options],
  };
});

function expectNoStackTrace(result: ScriptRun): void {
  for (const line of [...result.stderrLines, ...result.stdout.split('\n')]) {
    expect(line).not.toMatch(/^\s+at\s|Error:|node:internal/);
  }
}

async function corpusText(): Promise<string> {
  const files = [
    'alliance-troops-land.md',
    'csto-withdrawal-begins.md',
    'last-troops-leave.txt',
    'security-council-shakeup.md',
  ];
  const texts = await Promise.all(files.map((file) => readFile(join(KAZAKHSTAN_DIR, file), 'utf8')));
  return texts.join('\n');
}

describe('npm run ask -- --json "QUESTION"', () => {
  it('prints one JSON object with the question, whether it was answered, and cited verbatim answers', async () => {
    const result = await run('json');
    expect(result.status).toBe(0);
    expect(result.stderrLines).toEqual([]);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const reply = JSON.parse(lines[0] ?? '');
    expect(reply).toMatchObject({ question: 'Where did the protests begin?', answered: true });
    expect(reply.answers.length).toBeGreaterThan(0);
    const text = await corpusText();
    for (const answer of reply.answers) {
      expect(answer).toMatchObject({
        quote: expect.any(String),
        context: expect.any(String),
        score: expect.any(Number),
      });
      expect(answer.citation).toEqual({
        docId: expect.any(String),
        title: expect.any(String),
        source: expect.any(String),
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        paragraph: expect.any(Number),
        ...(answer.citation.url ? { url: expect.stringMatching(/^https?:\/\//) } : {}),
      });
      expect(Number.isInteger(answer.citation.paragraph)).toBe(true);
      expect(answer.context).toContain(answer.quote);
      expect(text).toContain(answer.context);
    }
    expect(reply.answers[0].quote).toContain('Zhanaozen');
    expect(reply.answers[0].citation).toEqual({
      docId: 'security-council-shakeup',
      title: 'Tokayev takes over security council as Nazarbayev era fades',
      source: 'Steppe Herald',
      date: '2022-01-08',
      paragraph: 3,
    });
  });
});

describe('npm run ask -- --json --stdin', () => {
  it('prints one JSON line per input line, in the order asked, blank lines included', async () => {
    const result = await run('stdin');
    expect(result.status).toBe(0);
    const replies = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(replies.map((reply) => reply.question)).toEqual(STDIN_QUESTIONS);
    expect(replies.map((reply) => reply.answered)).toEqual([true, false, false, true, true]);
    expect(replies[0].answers[0].quote).toContain('Zhanaozen');
    expect(replies[1].answers).toEqual([]);
    expect(replies[2].reason).toMatch(/no words/);
    expect(replies[3].answers[0].quote).toContain('Alikhan Smailov');
    expect(replies[4].answers[0].quote).toContain('The last alliance soldiers left Kazakhstan');
  });
});

describe('npm run ask -- "QUESTION" (terminal output)', () => {
  it('shows the quote and the citation line, and the paragraph only when it holds more than the quote', async () => {
    const result = await run('text');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    const quoteLine = lines.findIndex((line) =>
      line.includes('He called the rioters "bandits and terrorists"'),
    );
    expect(quoteLine).toBeGreaterThanOrEqual(0);
    expect(lines[quoteLine + 1]).toContain(
      'First alliance troops land in Kazakhstan as Tokayev orders a crackdown · Central Asia Wire · 2022-01-07 · ¶5 · https://centralasiawire.example/2022/01/07/alliance-troops-land',
    );
    // The quote is the whole paragraph: the sentence it leans on, then the answer.
    expect(lines[quoteLine]).toContain('In a televised address on Friday, Tokayev said he had authorised');
    expect(lines[quoteLine + 2]).toBe('');
    expect(result.stdout).not.toContain('{"question"');
  });
});

describe('npm run ask with a corpus that has bad files', () => {
  it('names each bad file and its reason on one stderr line', async () => {
    const result = await run('mixed');
    expect(result.stderrLines).toHaveLength(Object.keys(BAD_FILES).length);
    expect(result.stderrLines.find((line) => line.includes('broken-front-matter.md'))).toMatch(/YAML/);
    expect(result.stderrLines.find((line) => line.includes('latin1-notes.txt'))).toMatch(/UTF-8/);
    expect(result.stderrLines.find((line) => line.includes('photo.md'))).toMatch(/binary/);
  });

  it('still answers from the good articles and exits 0', async () => {
    const result = await run('mixed');
    expect(result.status).toBe(0);
    const reply = JSON.parse(result.stdout.trim());
    expect(reply.answered).toBe(true);
    expect(reply.answers[0].quote).toContain('Alikhan Smailov');
  });
});

describe('npm run ask with nothing usable to answer from', () => {
  it('prints one line naming a missing corpus folder, exits 2, and shows no stack trace', async () => {
    const result = await run('missing');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderrLines).toHaveLength(1);
    expect(result.stderrLines[0]).toContain(missingCorpus);
    expect(result.stderrLines[0]).toMatch(/does not exist/);
    expectNoStackTrace(result);
  });

  it('lists the bad files, then one line naming the folder with no valid article, and exits 2', async () => {
    const result = await run('onlyBad');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderrLines).toHaveLength(Object.keys(BAD_FILES).length + 1);
    expect(result.stderrLines.at(-1)).toContain(onlyBadCorpus);
    expect(result.stderrLines.at(-1)).toMatch(/no valid document/);
    expectNoStackTrace(result);
  });
});

describe('npm run search -- "terms"', () => {
  it('lists matching passages, each under its citation line', async () => {
    const result = await run('search');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^\d+\. Tokayev takes over security council as Nazarbayev era fades · Steppe Herald · 2022-01-08 · ¶4\n\s+Karim Massimov, a former prime minister/m,
    );
    expect(result.stdout).toMatch(
      /^\d+\. Russian-led contingent begins its withdrawal from Kazakhstan · AFP · 2022-01-13 · ¶18\n\s+One of Nazarbayev’s allies, Karim Massimov/m,
    );
  });
});

describe('npm run corpus:check', () => {
  it('passes on the shipped corpus', async () => {
    const result = await run('checkShipped');
    expect(result.status).toBe(0);
    expect(result.stderrLines).toEqual([]);
    expect(result.stdout).toMatch(/\d+ documents?, \d+ passages, 0 invalid files/);
  });

  it('fails on a corpus with bad files, naming each one', async () => {
    const result = await run('checkMixed');
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    for (const file of Object.keys(BAD_FILES)) {
      expect(result.stderrLines.some((line) => line.includes(file))).toBe(true);
    }
    expectNoStackTrace(result);
  });
});

describe('what every command shares', () => {
  const scratch = () => ({ dataDir });
  const HELP = runOnDemand(() =>
    Object.fromEntries(
      ['ask', 'search', 'summary', 'timeline', 'corpus'].map((script) => [
        script,
        [script, ['--help'], scratch()],
      ]),
    ),
  );

  for (const script of ['ask', 'search', 'summary', 'timeline', 'corpus']) {
    it(`${script} --help prints its usage, naming --corpus and --data, and exits 0`, async () => {
      const result = await HELP(script);
      expect(result.status).toBe(0);
      expect(result.stderrLines).toEqual([]);
      expect(result.stdout).toMatch(new RegExp(`^Usage:\\n  npm run (--silent )?${script} -- `));
      expect(result.stdout).toContain('--corpus DIR');
      expect(result.stdout).toContain('--data DIR');
    });
  }

  it('reads the corpus from --corpus and keeps snapshots in --data, on the timeline too', async () => {
    const snapshots = join(workDir, 'timeline-data');
    const result = await runScript('timeline', ['--corpus', KAZAKHSTAN_DIR, '--data', snapshots, '--json'], {
      dataDir,
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).found).toBe(true);
    expect(await readdir(join(snapshots, 'index'))).toHaveLength(1);
  });

  it('takes --limit on ask, and --top as another name for it', async () => {
    const question = 'Where did the protests begin?';
    const [limited, top] = await Promise.all([
      runScript('ask', ['--corpus', KAZAKHSTAN_DIR, '--json', '--limit', '1', question], scratch()),
      runScript('ask', ['--corpus', KAZAKHSTAN_DIR, '--json', '--top', '1', question], scratch()),
    ]);
    expect(JSON.parse(limited.stdout).answers).toHaveLength(1);
    expect(top.stdout).toBe(limited.stdout);
  });

  it('says on stderr and in the JSON reply when a question was cut to its first 500 characters', async () => {
    const pasted = `Who was named acting prime minister? ${'The crowd gathered in the square again. '.repeat(120)}`;
    const result = await runScript('ask', ['--corpus', KAZAKHSTAN_DIR, '--json', pasted], scratch());
    expect(result.status).toBe(0);
    expect(result.stderrLines).toEqual([
      `ask: the question has ${pasted.trim().length} characters; only the first 500 were read.`,
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ questionCut: true, answered: true });
  });

  it('prints a one-sentence paragraph once, not again as its context', async () => {
    const result = await runScript('ask', ['Who commanded the contingent?'], scratch());
    expect(result.status).toBe(0);
    const sentence = 'said Russian General Andrei Serdiukov, commander of the contingent';
    expect(result.stdout.split(sentence)).toHaveLength(2);
    expect(result.stdout).toContain('Russian-led contingent begins its withdrawal from Kazakhstan · AFP');
  });
});
