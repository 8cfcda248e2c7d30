import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** How old a request's timestamp may be, in seconds, before it is taken for a replay. */
const MAX_SIGNATURE_AGE_SECONDS = 5 * 60;

// An Ed25519 public key in DER (SubjectPublicKeyInfo) is this fixed prefix followed by the 32 raw bytes.
const ED25519_DER_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Reads the application's public key as the Developer Portal shows it: 64 hexadecimal characters. */
export function discordPublicKey(hex: string): KeyObject {
  const raw = Buffer.from(hex, 'hex');
  if (raw.length !== 32)
    throw new Error('discord: the public key must be 32 bytes, written as 64 hex digits');
  return createPublicKey({ key: Buffer.concat([ED25519_DER_PREFIX, raw]), format: 'der', type: 'spki' });
}

interface SignedRequest {
  /** The `X-Signature-Ed25519` header: 64 bytes in hex. */
  signature: string | undefined;
  /** The `X-Signature-Timestamp` header: Unix seconds. */
  timestamp: string | undefined;
  /** The request body exactly as received. */
  body: Buffer;
}

/** Why a request was refused as not coming from Discord, for the log. */
type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'invalid';

/**
 * Checks that Discord signed `timestamp + body` with the application's key, and that the timestamp is recent
 * enough that a captured request cannot be replayed later. Returns what is wrong, or `undefined`.
 */
export function signatureProblem(
  request: SignedRequest,
  key: KeyObject,
  nowSeconds = Date.now() / 1000,
): SignatureProblem | undefined {
  const { signature, timestamp, body } = request;
  if (!signature || !timestamp) return 'missing';
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) return 'stale';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? undefined : 'invalid';
}
