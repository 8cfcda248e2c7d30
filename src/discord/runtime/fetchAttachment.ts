import { extname } from 'node:path';
import type { AttachmentInfo } from './CommandOptions.ts';
import { UserError } from './UserError.ts';

export interface AttachmentLimits {
  maxBytes: number;
  /** Accepted extensions, with the dot (`.md`); any when absent. */
  extensions?: readonly string[];
  /** The whole download, body included, must finish within this. */
  timeoutMs?: number;
}

const DOWNLOAD_TIMEOUT_MS = 15_000;

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/**
 * Downloads an uploaded file while its URL is still valid (Discord's attachment URLs expire). Refuses, with
 * a `UserError` naming the reason, a file of another type or over the size limit, one that sends more bytes
 * than Discord declared for it, and one whose download does not finish within the deadline.
 */
export async function fetchAttachment(attachment: AttachmentInfo, limits: AttachmentLimits): Promise<Buffer> {
  const filename = attachment.filename.replace(/`/g, "'");
  const extension = extname(filename).toLowerCase();
  if (limits.extensions && !limits.extensions.includes(extension)) {
    const kind = extension ? `a ${extension} file` : 'a file without an extension';
    throw new UserError(
      `\`${filename}\` is ${kind}; only ${limits.extensions.join(', ')} files are accepted.`,
    );
  }
  const tooLarge = () =>
    new UserError(`\`${filename}\` is larger than the limit of ${kilobytes(limits.maxBytes)}.`);
  if (attachment.size > limits.maxBytes) throw tooLarge();
  const timeoutMs = limits.timeoutMs ?? DOWNLOAD_TIMEOUT_MS;
  // One deadline for the request and every byte of the body: a file that trickles in is cut off too.
  const deadline = AbortSignal.timeout(timeoutMs);
  const failed = (reason: string) =>
    new UserError(`\`${filename}\` could not be downloaded from Discord (${reason}); attach it again.`);
  const overDeclared = () =>
    new UserError(
      `\`${filename}\` sent more than the ${attachment.size.toLocaleString('en-US')} bytes Discord declared for it, so it was not taken; attach it again.`,
    );
  const tooSlow = () =>
    new UserError(
      `\`${filename}\` did not finish downloading within ${seconds(timeoutMs)}, so it was not taken; attach it again.`,
    );
  let response: Response;
  try {
    response = await fetch(attachment.url, { signal: deadline });
  } catch {
    throw deadline.aborted ? tooSlow() : failed('no response');
  }
  if (!response.ok || !response.body) throw failed(`HTTP ${response.status}`);
  // Over the limit is the reason a moderator can act on, so it is named first whichever way the size shows.
  const sentLength = Number(response.headers.get('content-length') ?? Number.NaN);
  if (sentLength > limits.maxBytes || sentLength > attachment.size) {
    await response.body.cancel();
    throw sentLength > limits.maxBytes ? tooLarge() : overDeclared();
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body) {
      received += chunk.byteLength;
      if (received > limits.maxBytes) throw tooLarge();
      if (received > attachment.size) throw overDeclared();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw deadline.aborted ? tooSlow() : failed('the connection broke off');
  }
  if (received < attachment.size) {
    throw failed(`it ended after ${received} of the ${attachment.size} bytes Discord declared`);
  }
  return Buffer.concat(chunks);
}
