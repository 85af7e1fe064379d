// Bearer tokens for the HTTP API, shown once when created; listed, revoked and (optionally) expiring.
import type { PrismaClient } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { User } from '../generated/prisma/client.ts';
import { hashSecret, looksLikeSecret, newSecret } from './secrets.ts';

const prefix = 'tt_';
const maxLifetimeDays = 3650;

/** A new token for `userId`; the returned text is the only copy. */
export async function createApiToken(
  prisma: PrismaClient,
  userId: string,
  name?: string,
  expiresAt?: Date,
): Promise<string> {
  const token = newSecret(prefix);
  await prisma.apiToken.create({ data: { userId, tokenHash: hashSecret(token), name, expiresAt } });
  return token;
}

/** `30d`, `12h`, `2w` or `90` (days) from `now`, for `--expires`; a clear error for anything else. */
export function tokenExpiry(text: string, now = new Date()): Date {
  const match = /^\s*(\d{1,5})\s*([hdw]?)\s*$/i.exec(text);
  const unitHours = { h: 1, d: 24, w: 24 * 7, '': 24 }[(match?.[2] ?? '').toLowerCase() as 'h' | 'd' | 'w' | ''];
  const hours = match ? Number(match[1]) * unitHours : 0;
  if (!match || hours < 1 || hours > maxLifetimeDays * 24) {
    throw new AppError('bad_request', `not a token lifetime: ${text}`, {
      userMessage: `The lifetime "${text}" is not one I understand: write a number of hours, days or weeks, such as 12h, 30d or 8w (at most ${maxLifetimeDays} days).`,
    });
  }
  return new Date(now.getTime() + hours * 3600_000);
}

/** The user a token belongs to, or null for an unknown, revoked or expired one. */
export async function userForApiToken(prisma: PrismaClient, token: string): Promise<User | null> {
  if (!looksLikeSecret(token, prefix)) return null;
  const found = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecret(token) }, include: { user: true } });
  if (!found || found.revokedAt || (found.expiresAt && found.expiresAt <= new Date())) return null;
  // Coarse on purpose: one write per token per minute at most.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  }
  return found.user;
}

export interface TokenRow {
  id: string;
  userId: string;
  userName: string;
  name: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** usable, revoked or expired */
  state: 'usable' | 'revoked' | 'expired';
}

/** Every token (or one user's), newest first; never the secret, which is not stored. */
export async function listApiTokens(
  prisma: PrismaClient,
  { userId, now = new Date() }: { userId?: string; now?: Date } = {},
): Promise<TokenRow[]> {
  const tokens = await prisma.apiToken.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: { user: { select: { displayName: true } } },
  });
  return tokens.map((token) => ({
    id: token.id,
    userId: token.userId,
    userName: token.user.displayName,
    name: token.name,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
    state: token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt <= now ? 'expired' : 'usable',
  }));
}

/** Revokes one token by its id; revoking it again changes nothing. An unknown id is not_found. */
export async function revokeApiToken(prisma: PrismaClient, id: string): Promise<TokenRow> {
  const known = /^[0-9a-f-]{36}$/i.test(id) ? await prisma.apiToken.findUnique({ where: { id } }) : null;
  if (!known) {
    throw new AppError('not_found', `no API token with id ${id}`, {
      userMessage: `There is no API token with id ${id}; \`ticket-tracker token list\` shows them.`,
    });
  }
  await prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  const [row] = (await listApiTokens(prisma, { userId: known.userId })).filter((token) => token.id === id);
  return row!;
}

/** Revokes every token of a user; returns how many. */
export async function revokeApiTokens(prisma: PrismaClient, userId: string): Promise<number> {
  const revoked = await prisma.apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return revoked.count;
}
