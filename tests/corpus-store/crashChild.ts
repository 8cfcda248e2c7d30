/**
 * A moderator session that the crash test stops: it runs CRASH_SEQUENCE against a corpus and prints
 * `acknowledged <n>` once the nth operation has returned, as a moderator would see its reply. The store
 * itself reports each point it passes (`at <point>`) and kills the process at the one named by
 * DOSSIER_CRASH_AT. Usage: node --import tsx crashChild.ts CORPUS_DIR DATA_DIR
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CorpusStore } from './compiledStore.ts';
import { CRASH_SEQUENCE } from './crashSequence.ts';
import { MODERATOR, STORE_UPLOADS } from './storeFixture.ts';

const [corpusDir, dataDir] = process.argv.slice(2);
if (!corpusDir || !dataDir) throw new Error('usage: crashChild.ts CORPUS_DIR DATA_DIR');

const store = await CorpusStore.open({ corpusDir, dataDir, maxUploadBytes: 1024 * 1024 });
for (const [n, operation] of CRASH_SEQUENCE.entries()) {
  const upload = operation.upload && {
    name: operation.upload,
    bytes: await readFile(join(STORE_UPLOADS, operation.upload)),
  };
  if (operation.action === 'add' && upload) await store.add(upload, MODERATOR);
  if (operation.action === 'replace' && upload) await store.replace(operation.docId, upload, MODERATOR);
  if (operation.action === 'remove') await store.remove(operation.docId, MODERATOR);
  if (operation.action === 'restore') await store.restore(operation.docId, MODERATOR);
  if (operation.action === 'reload') await store.reload(MODERATOR, { rebuild: true });
  process.stdout.write(`acknowledged ${n + 1}\n`);
}
await store.close();
