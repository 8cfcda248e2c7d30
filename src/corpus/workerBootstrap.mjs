// Entry point of the parsing and indexing worker threads when run from sources. Worker threads do not inherit the TypeScript loader of the
// thread that starts them (under tsx or vitest), so register tsx here, then load the TypeScript entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
