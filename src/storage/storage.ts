// One small port for receipt images: content-addressed blobs by key. Local directory or S3 behind it.
import { AppError } from '../errors.ts';

export interface StoredObject {
  /** A web stream for a Response: it stops reading and frees the source when the client hangs up. */
  body: ReadableStream<Uint8Array>;
  size: number;
}

export interface Storage {
  readonly kind: 'local' | 's3';
  /** Writes the bytes under `key`; writing the same key again is harmless. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`; an AppError `not_found` when there are none. */
  get(key: string): Promise<Buffer>;
  stream(key: string): Promise<StoredObject>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Throws when the storage cannot be written or reached (readiness). */
  check(): Promise<void>;
}

const sha256Pattern = /^[0-9a-f]{64}$/;
const keyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** `receipts/ab/cd/abcd…`: two levels of fan-out keep directories small. */
export function keyForSha256(sha256: string): string {
  if (!sha256Pattern.test(sha256)) throw new AppError('bad_request', `not a sha256 hex digest: ${sha256}`);
  return `receipts/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Keys are relative paths of plain names: no `..`, no leading slash, nothing a shell or URL would mangle. */
export function assertValidKey(key: string): void {
  if (!keyPattern.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new AppError('bad_request', `invalid storage key: ${JSON.stringify(key)}`);
  }
}

export function notFound(key: string, cause?: unknown): AppError {
  return new AppError('not_found', `no stored object at ${key}`, {
    userMessage: 'The image of this receipt is missing.',
    cause,
  });
}

export function unavailable(what: string, cause: unknown): AppError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AppError('storage_unavailable', `${what}: ${reason}`, {
    userMessage: 'Receipt storage is not available right now; please try again in a minute.',
    cause,
  });
}
