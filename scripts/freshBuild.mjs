// Preloaded by the npm scripts (`node --import ./scripts/freshBuild.mjs dist/...`): when a source is newer than
// dist/, compile first, so a command never runs an old build. Checking costs a few milliseconds of stat calls.
import { build, buildIsStale } from './build.mjs';

if (buildIsStale()) {
  process.stderr.write('Sources changed since the last build: compiling to dist/ first (npm run build)…\n');
  try {
    build();
  } catch {
    process.stderr.write('build: tsc reported errors (above); fix them, or run the sources with npx tsx\n');
    process.exit(1);
  }
}
