// Compiles Dossier to dist/ with tsc, copies the data files the compiled code reads, and knows when that
// build is older than its sources. Plain JavaScript: it runs before anything is compiled.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Written last by a successful build; its time is the build's time. */
const STAMP = join(DIST, '.built');
/** What the compiled program is made of: a change to any of them makes the build stale. */
const SOURCE_DIRS = ['src', 'commands'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** @param {string} path */
function modifiedMs(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * The newest modification time under a directory, its own and its entries' (an added or deleted file counts).
 * @param {string} dir
 * @returns {number}
 */
function newestUnder(dir) {
  let newest = modifiedMs(dir) ?? 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : (modifiedMs(path) ?? 0));
  }
  return newest;
}

/**
 * Copies the files the compiled code reads beside itself (word tables, SQL migrations), which tsc does not:
 * everything under `dir` that is not TypeScript.
 * @param {string} dir relative to the project root
 */
function copyDataFiles(dir) {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyDataFiles(path);
    else if (!entry.name.endsWith('.ts')) {
      mkdirSync(dirname(join(DIST, path)), { recursive: true });
      copyFileSync(join(ROOT, path), join(DIST, path));
    }
  }
}

/** Whether dist/ is missing or older than any source, setting or data file it is built from. */
export function buildIsStale() {
  const built = modifiedMs(STAMP);
  if (built === undefined) return true;
  const dirs = SOURCE_DIRS.map((dir) => newestUnder(join(ROOT, dir)));
  const files = SOURCE_FILES.map((file) => modifiedMs(join(ROOT, file)) ?? 0);
  return Math.max(...dirs, ...files) > built;
}

/** Compiles src/ and commands/ into dist/; tsc's errors go to stderr and the build fails on any. */
export function build() {
  // Without the stamp the output may be partial or hand-deleted, and tsc's incremental record would not notice.
  if (modifiedMs(STAMP) === undefined) rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  for (const dir of SOURCE_DIRS) copyDataFiles(dir);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch {
    process.stderr.write('build: tsc reported errors (above); nothing was written to dist/\n');
    process.exit(1);
  }
}
