/**
 * The corpus store as `npm start` runs it: compiled JavaScript from dist/ (vitest builds it first). Its worker
 * threads then start as plain JavaScript, not through tsx, which the crash test would otherwise pay for at each
 * of its many restarts.
 */
export const { CorpusStore }: typeof import('../../src/store/CorpusStore.ts') = await import(
  new URL('../../dist/src/store/CorpusStore.js', import.meta.url).href
);
