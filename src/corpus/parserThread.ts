import { parentPort } from 'node:worker_threads';
import { DocumentError, type MetadataDefaults, parseDocument } from './parseDocument.ts';
import type { CorpusDocument } from './types.ts';

/** A file to parse, as `parseDocument` takes it. */
export interface ParseRequest {
  id: number;
  file: string;
  bytes: Uint8Array;
  defaults: MetadataDefaults;
}

/** The document, or why the file is not one (`invalid`), or an unexpected failure (`error`). */
export type ParseReply =
  | { id: number; document: CorpusDocument }
  | { id: number; invalid: string }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('parserThread: must run in a worker thread');

port.on('message', ({ id, file, bytes, defaults }: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id, document: parseDocument(file, bytes, defaults) };
  } catch (error) {
    reply =
      error instanceof DocumentError
        ? { id, invalid: error.message }
        : { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
