import { extname } from 'node:path';
import type { AttachmentInfo } from './CommandOptions.ts';
import { UserError } from './UserError.ts';

export interface AttachmentLimits {
  maxBytes: number;
  /** Accepted extensions, with the dot (`.md`); any when absent. */
  extensions?: readonly string[];
  /** Gives up on a download slower than this. */
  timeoutMs?: number;
}

const DOWNLOAD_TIMEOUT_MS = 15_000;

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB`;
}

/**
 * Downloads an uploaded file while its URL is still valid (Discord's attachment URLs expire). Refuses, with
 * a `UserError` naming the reason, a file of another type or over the size limit, before or while reading.
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
  let response: Response;
  try {
    response = await fetch(attachment.url, {
      signal: AbortSignal.timeout(limits.timeoutMs ?? DOWNLOAD_TIMEOUT_MS),
    });
  } catch {
    throw new UserError(`\`${filename}\` could not be downloaded from Discord; attach it again.`);
  }
  if (!response.ok || !response.body) {
    throw new UserError(
      `\`${filename}\` could not be downloaded from Discord (HTTP ${response.status}); attach it again.`,
    );
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body) {
    received += chunk.byteLength;
    if (received > limits.maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
