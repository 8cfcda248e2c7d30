/**
 * A moderator session that the crash test kills: it runs CRASH_SEQUENCE against a corpus, printing
 * `STEP <n> <action>:<step>` after each durable step. With a stop step it prints `PAUSED <n>` there and
 * waits to be killed. Usage: tsx crashChild.ts CORPUS_DIR DATA_DIR [STOP_STEP]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CorpusStore } from '../../src/corpus/CorpusStore.ts';
import { CRASH_SEQUENCE } from './crashSequence.ts';
import { MODERATOR, STORE_UPLOADS } from './storeFixture.ts';

const [corpusDir, dataDir, stopAt] = process.argv.slice(2);
if (!corpusDir || !dataDir) throw new Error('usage: crashChild.ts CORPUS_DIR DATA_DIR [STOP_STEP]');

let steps = 0;
const store = await CorpusStore.open({
  corpusDir,
  dataDir,
  maxUploadBytes: 1024 * 1024,
  onStep: (action, step) => {
    steps++;
    process.stdout.write(`STEP ${steps} ${action}:${step}\n`);
    if (String(steps) !== stopAt) return;
    process.stdout.write(`PAUSED ${steps}\n`);
    // A promise alone keeps nothing alive: with no other work pending, Node would exit by itself before
    // the kill arrives, and the test would see an exit instead of a crash.
    setInterval(() => {}, 60_000);
    return new Promise<void>(() => {});
  },
});

for (const operation of CRASH_SEQUENCE) {
  const upload = operation.upload && {
    name: operation.upload,
    bytes: await readFile(join(STORE_UPLOADS, operation.upload)),
  };
  if (operation.action === 'add' && upload) await store.add(upload, MODERATOR);
  if (operation.action === 'replace' && upload) await store.replace(operation.docId, upload, MODERATOR);
  if (operation.action === 'remove') await store.remove(operation.docId, MODERATOR);
  if (operation.action === 'restore') await store.restore(operation.docId, MODERATOR);
  if (operation.action === 'reload') await store.reload(MODERATOR, { rebuild: true });
}
process.stdout.write('DONE\n');
await store.close();
