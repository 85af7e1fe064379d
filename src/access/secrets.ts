// Random secrets handed out once (API tokens, login links, session cookies); only their SHA-256 is
// stored, so a copy of the database opens nothing.
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A shape check before any database work: right prefix, sane length. */
export function looksLikeSecret(text: string, prefix: string): boolean {
  return text.startsWith(prefix) && text.length < 200;
}
