import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The project root, where `npm run` finds the scripts. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ScriptRun {
  status: number | null;
  stdout: string;
  /** stderr lines Dossier wrote; npm's own configuration warnings are left out. */
  stderrLines: string[];
}

/** Runs `npm run --silent <script> -- ...args` from the project root, as a user types it. */
export function runScript(
  script: string,
  args: readonly string[],
  options: { dataDir: string; stdin?: string },
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATA_DIR: options.dataDir, CORPUS_DIR: 'corpus', NO_COLOR: '1' },
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
    child.on('close', (status) => {
      const stderrLines = stderr
        .split('\n')
        .filter((line) => line.trim() && !/^npm (warn|notice)\b/i.test(line));
      resolve({ status, stdout, stderrLines });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
