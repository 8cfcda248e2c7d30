import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** tsx's loader by path, so scripts run from any directory (tests run them where no `.env` is). */
const TSX_LOADER = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

export interface ScriptRun {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Settles once the process has exited and everything it wrote has been read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs an entry point (`src/bot.ts`, `src/deployCommands.ts`) as `npm start` would, through tsx, with exactly
 * the environment given, from `cwd` (a directory without a `.env` unless the test puts one there), with `args`.
 */
export function runScript(
  script: string,
  env: Record<string, string>,
  cwd: string,
  args: readonly string[] = [],
): ScriptRun {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, `${ROOT}${script}`, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  // 'close', not 'exit': the last lines a process writes can still be in the pipe when it exits.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}
