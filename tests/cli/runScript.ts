import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project root, where package.json names the scripts. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const SCRIPTS: Record<string, string> = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).scripts;

export interface ScriptRun {
  status: number | null;
  stdout: string;
  /** stderr lines Dossier wrote. */
  stderrLines: string[];
}

/**
 * The node command line `npm run <script>` runs (`exec node --import … dist/src/cli/ask.js`), as arguments to node;
 * the test suite's setup has compiled dist/ already.
 */
function nodeArgumentsOf(script: string): string[] {
  const [shellExec, program, ...args] = SCRIPTS[script]?.split(' ') ?? [];
  if (shellExec !== 'exec' || program !== 'node')
    throw new Error(`package.json has no node script ${script}`);
  return args;
}

/**
 * Runs what `npm run --silent <script> -- ...args` runs, from the project root, with plain node: npm itself
 * adds nothing a test needs, and would add a second process to every run. The environment is the test
 * run's unless `env` is given.
 */
export function runScript(
  script: string,
  args: readonly string[],
  options: { dataDir: string; stdin?: string; env?: NodeJS.ProcessEnv },
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgumentsOf(script), ...args], {
      cwd: PROJECT_ROOT,
      env: {
        ...(options.env ?? process.env),
        DATA_DIR: options.dataDir,
        CORPUS_DIR: 'corpus',
        NO_COLOR: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    // 'close', not 'exit': the last lines a process writes can still be in the pipe when it exits.
    child.on('close', (status) => {
      resolve({ status, stdout, stderrLines: stderr.split('\n').filter((line) => line.trim()) });
    });
    child.stdin.end(options.stdin ?? '');
  });
}

/**
 * Runs each named command once, when a test first asks for its result, so no set-up hook waits on a batch of
 * processes; `commands` is read on first use, after the suite's set-up made its directories.
 */
export function runOnDemand(
  commands: () => Record<string, Parameters<typeof runScript>>,
): (name: string) => Promise<ScriptRun> {
  const runs = new Map<string, Promise<ScriptRun>>();
  return (name) => {
    let pending = runs.get(name);
    if (!pending) {
      const command = commands()[name];
      if (!command) throw new Error(`no command named ${name}`);
      pending = runScript(...command);
      runs.set(name, pending);
    }
    return pending;
  };
}
