import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../cli/runScript.ts';

/** The README's sections a user follows at a terminal; the bot's commands need Discord itself. */
const TERMINAL_SECTIONS = ['ask', 'moderators', 'summaries'];

/** What a checkout holds that the README's commands use; node_modules is linked, not copied. */
const CHECKOUT = [
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts',
  'src',
  'commands',
  'dist',
  'corpus',
  'tests/fixtures/store-uploads',
];

/** Every command of the fenced `sh` blocks of the terminal sections, in the order the README gives them. */
function terminalCommands(readme: string): string[] {
  return TERMINAL_SECTIONS.flatMap((name) => {
    const section = readme.match(
      new RegExp(`<!-- section: ${name} -->([\\s\\S]*?)<!-- /section: ${name} -->`),
    );
    if (!section?.[1]) throw new Error(`README has no section ${name}`);
    return [...section[1].matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
      (block[1] ?? '').split('\n').filter((line) => line.trim() && !line.trim().startsWith('#')),
    );
  });
}

async function treeHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await readdir(dir)).sort()) {
    hash.update(name).update(await readFile(join(dir, name)));
  }
  return hash.digest('hex');
}

const quoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
const MARK = '\u001e';

let checkout: string;
let commands: string[];
const results = new Map<string, { status: number; output: string }>();
let shippedCorpus: string;

// One shell runs the commands one after another, as a reader pastes them, so an `export` holds for the rest.
beforeAll(async () => {
  commands = terminalCommands(await readFile(join(PROJECT_ROOT, 'README.md'), 'utf8'));
  shippedCorpus = await treeHash(join(PROJECT_ROOT, 'corpus'));
  checkout = await mkdtemp(join(tmpdir(), 'dossier-readme-'));
  // Timestamps are kept, so the copied dist/ is as fresh as the project's and nothing is recompiled.
  for (const path of CHECKOUT) {
    await cp(join(PROJECT_ROOT, path), join(checkout, path), { recursive: true, preserveTimestamps: true });
  }
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(checkout, 'node_modules'));
  const script = commands
    .map((command) => `printf '${MARK}%s\\n' ${quoted(command)}\n${command} 2>&1\nprintf '${MARK}%s\\n' "$?"`)
    .join('\n');
  const { CORPUS_DIR, DATA_DIR, ...env } = process.env;
  const output = await new Promise<string>((resolve, reject) => {
    const shell = spawn('sh', ['-c', script], { cwd: checkout, env: { ...env, NO_COLOR: '1' } });
    let text = '';
    shell.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
    });
    shell.on('error', reject);
    shell.on('close', () => resolve(text));
  });
  const parts = output.split(MARK).slice(1);
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [command = '', ...lines] = (parts[i] ?? '').split('\n');
    results.set(command, { output: lines.join('\n'), status: Number(parts[i + 1]) });
  }
}, 600_000);

afterAll(async () => {
  if (checkout) await rm(checkout, { recursive: true, force: true });
});

describe("the README's terminal examples, run as written in a fresh checkout", () => {
  it('has examples to run', () => {
    expect(commands.length).toBeGreaterThan(15);
  });

  it('runs every command, each exiting 0', () => {
    const failed = commands
      .map((command) => ({ command, ...results.get(command) }))
      .filter((result) => result.status !== 0);
    expect(failed).toEqual([]);
  });

  it('answers from the shipped corpus, with citations', () => {
    const answer = results.get('npm run ask -- "How many soldiers made up the contingent?"');
    expect(answer?.output).toContain('2,030 Russian, Belarusian, Armenian, Tajik and Kyrgyz soldiers');
    expect(answer?.output).toContain('Russian-led contingent begins its withdrawal from Kazakhstan · AFP');
    const batch = [...results].find(([command]) => command.includes('--stdin'))?.[1].output ?? '';
    expect(
      batch
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).question),
    ).toEqual(['Who commanded the contingent?', 'When did the withdrawal begin?']);
  });

  it('adds, replaces, removes and restores articles in the scratch copy, and the corpus still checks', () => {
    const outputs = [...results].filter(([command]) => command.startsWith('npm run corpus --'));
    const said = (verb: string) => outputs.find(([command]) => command.includes(` ${verb} `))?.[1].output;
    expect(said('add')).toMatch(/Added "Interior ministry says thousands were detained after the unrest"/);
    expect(said('replace')).toMatch(/^Replaced detention-figures/m);
    expect(said('remove')).toMatch(/^Removed "Massimov detained"/m);
    expect(said('restore')).toMatch(/^Restored "Massimov detained"/m);
    expect(said('check')).toMatch(/scratch\/corpus: 3 documents, \d+ passages, 0 invalid files/);
  });

  it("never changes corpus/, neither the checkout's nor the project's", async () => {
    expect(await treeHash(join(checkout, 'corpus'))).toBe(shippedCorpus);
    expect(await treeHash(join(PROJECT_ROOT, 'corpus'))).toBe(shippedCorpus);
  });
});
