// Signing in to the web page: the bot hands out a one-time link (valid a few minutes); opening it
// starts a session whose token lives only in an HttpOnly cookie.
import type { PrismaClient } from '../db/client.ts';
import type { User } from '../generated/prisma/client.ts';
import { hashSecret, looksLikeSecret, newSecret } from './secrets.ts';

const linkPrefix = 'ttl_';
const sessionPrefix = 'tts_';
export const loginLinkMinutes = 15;
export const sessionDays = 7;

/** A new one-time sign-in token for `userId`, for the URL /login/<token>. */
export async function createLoginLink(prisma: PrismaClient, userId: string, now = new Date()): Promise<string> {
  const token = newSecret(linkPrefix);
  await prisma.loginLink.create({
    data: { userId, tokenHash: hashSecret(token), expiresAt: new Date(now.getTime() + loginLinkMinutes * 60_000) },
  });
  return token;
}

/** Uses up a sign-in link and starts a session: its cookie token, or null for a bad, used or old link. */
export async function useLoginLink(
  prisma: PrismaClient,
  token: string,
): Promise<{ session: string; user: User } | null> {
  if (!looksLikeSecret(token, linkPrefix)) return null;
  const now = new Date();
  // One statement marks the link used, so two clicks racing cannot both start a session.
  const used = await prisma.loginLink.updateManyAndReturn({
    where: { tokenHash: hashSecret(token), usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const link = used[0];
  if (!link) return null;
  const session = newSecret(sessionPrefix);
  const created = await prisma.webSession.create({
    data: {
      userId: link.userId,
      tokenHash: hashSecret(session),
      expiresAt: new Date(now.getTime() + sessionDays * 24 * 3600_000),
    },
    include: { user: true },
  });
  await prisma.webSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return { session, user: created.user };
}

export async function userForSession(prisma: PrismaClient, token: string): Promise<User | null> {
  if (!looksLikeSecret(token, sessionPrefix)) return null;
  const found = await prisma.webSession.findUnique({
    where: { tokenHash: hashSecret(token) },
    include: { user: true },
  });
  return found && found.expiresAt > new Date() ? found.user : null;
}

export async function endSession(prisma: PrismaClient, token: string): Promise<void> {
  if (!looksLikeSecret(token, sessionPrefix)) return;
  await prisma.webSession.deleteMany({ where: { tokenHash: hashSecret(token) } });
}
