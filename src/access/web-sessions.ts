// Signing in to the web page: the bot (or the command line) hands out a one-time link, valid a few
// minutes; opening it shows a Sign in button, whose POST uses the link up and starts a session whose
// token lives only in an HttpOnly cookie. A link scanner that only GETs the link leaves it usable.
import type { PrismaClient } from '../db/client.ts';
import type { User } from '../generated/prisma/client.ts';
import { hashSecret, looksLikeSecret, newSecret } from './secrets.ts';

const linkPrefix = 'ttl_';
const sessionPrefix = 'tts_';
export const loginLinkMinutes = 15;
export const sessionDays = 7;

/** A new one-time sign-in token for `userId`, for the URL /login/<token>. */
export async function createLoginLink(
  prisma: PrismaClient,
  userId: string,
  now = new Date(),
  { grantsAdmin = false }: { grantsAdmin?: boolean } = {},
): Promise<string> {
  const token = newSecret(linkPrefix);
  await prisma.loginLink.create({
    data: {
      userId,
      tokenHash: hashSecret(token),
      expiresAt: new Date(now.getTime() + loginLinkMinutes * 60_000),
      grantsAdmin,
    },
  });
  return token;
}

/** Whether a sign-in link would still work, without using it up (the page with the button). */
export async function loginLinkUsable(prisma: PrismaClient, token: string): Promise<boolean> {
  if (!looksLikeSecret(token, linkPrefix)) return false;
  const link = await prisma.loginLink.findUnique({ where: { tokenHash: hashSecret(token) } });
  return Boolean(link && !link.usedAt && link.expiresAt > new Date());
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
  // The first-run link makes an admin only while there is none: once someone is, it signs in no one.
  if (link.grantsAdmin) {
    const promoted = await prisma.$executeRaw`
      UPDATE users SET role = 'admin', updated_at = now()
      WHERE id = ${link.userId}::uuid AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin')`;
    const user = await prisma.user.findUniqueOrThrow({ where: { id: link.userId } });
    if (promoted === 0 && user.role !== 'admin') return null;
  }
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

/** Signs a user out of every browser; returns how many sessions ended. */
export async function endAllSessions(prisma: PrismaClient, userId: string): Promise<number> {
  return (await prisma.webSession.deleteMany({ where: { userId } })).count;
}
