// Bearer tokens for the HTTP API: 32 random bytes shown once, only their SHA-256 stored, so a copy
// of the database does not hand out working tokens.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/client.ts';
import type { User } from '../generated/prisma/client.ts';

const prefix = 'tt_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new token for `userId`; the returned text is the only copy. */
export async function createApiToken(prisma: PrismaClient, userId: string, name?: string): Promise<string> {
  const token = `${prefix}${randomBytes(32).toString('base64url')}`;
  await prisma.apiToken.create({ data: { userId, tokenHash: hashToken(token), name } });
  return token;
}

/** The user a token belongs to, or null for an unknown or revoked one. */
export async function userForApiToken(prisma: PrismaClient, token: string): Promise<User | null> {
  if (!token.startsWith(prefix) || token.length > 200) return null;
  const found = await prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!found || found.revokedAt) return null;
  // Coarse on purpose: one write per token per minute at most.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  }
  return found.user;
}

/** Revokes every token of a user; returns how many. */
export async function revokeApiTokens(prisma: PrismaClient, userId: string): Promise<number> {
  const revoked = await prisma.apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return revoked.count;
}
