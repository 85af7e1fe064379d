// Bearer tokens for the HTTP API, shown once when created.
import type { PrismaClient } from '../db/client.ts';
import type { User } from '../generated/prisma/client.ts';
import { hashSecret, looksLikeSecret, newSecret } from './secrets.ts';

const prefix = 'tt_';

/** A new token for `userId`; the returned text is the only copy. */
export async function createApiToken(prisma: PrismaClient, userId: string, name?: string): Promise<string> {
  const token = newSecret(prefix);
  await prisma.apiToken.create({ data: { userId, tokenHash: hashSecret(token), name } });
  return token;
}

/** The user a token belongs to, or null for an unknown or revoked one. */
export async function userForApiToken(prisma: PrismaClient, token: string): Promise<User | null> {
  if (!looksLikeSecret(token, prefix)) return null;
  const found = await prisma.apiToken.findUnique({ where: { tokenHash: hashSecret(token) }, include: { user: true } });
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
