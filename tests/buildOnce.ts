import { build, buildIsStale } from '../scripts/build.mjs';

/** Compiles dist/ once before any suite runs a compiled command, when a source is newer than it. */
export default function buildOnce(): void {
  if (buildIsStale()) build();
}
