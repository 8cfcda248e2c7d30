import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ScriptRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stdout holds `text`; rejects if the process ends without writing it. */
  untilStdout: (text: string) => Promise<void>;
  /** Settles once the process has exited and everything it wrote has been read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Follows a child's stdout and stderr, for a test to read and wait on. */
export function followOutput(child: ChildProcess): Omit<ScriptRun, 'child'> {
  let stdout = '';
  let stderr = '';
  const waiting = new Set<() => void>();
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const check of waiting) check();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // 'close', not 'exit': the last lines a process writes can still be in the pipe when it exits.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const untilStdout = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!stdout.includes(text)) return;
        waiting.delete(check);
        resolve();
      };
      waiting.add(check);
      check();
      exited.then(({ code, signal }) => {
        if (!stdout.includes(text)) {
          reject(new Error(`exited (${signal ?? code}) before writing ${text}:\n${stdout}\n${stderr}`));
        }
      });
    });
  return { stdout: () => stdout, stderr: () => stderr, untilStdout, exited };
}

/**
 * Runs an entry point (`src/bot.ts`, `src/deployCommands.ts`, `src/cli/ask.ts`) as `npm start` would: its
 * compiled JavaScript in dist/ with plain node, with exactly the environment given, from `cwd` (a directory
 * without a `.env` unless the test puts one there), with `args`. The test run's set-up compiled dist/.
 */
export function runScript(
  script: string,
  env: Record<string, string>,
  cwd: string,
  args: readonly string[] = [],
): ScriptRun {
  const compiled = `${ROOT}dist/${script.replace(/\.ts$/, '.js')}`;
  const child = spawn(process.execPath, [compiled, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, ...followOutput(child) };
}
