// People as an operator names them (`--user "Alice Martin"`, `--as`, `users set-role`, the admin API):
// one resolver, so every command finds the same person; roles, and who is allowed to make admins.
import type { PrismaClient } from '../db/client.ts';
import { AppError } from '../errors.ts';
import type { Platform, Role, User } from '../generated/prisma/client.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const roles: readonly Role[] = ['admin', 'employee'];

/**
 * The one person `text` names: a user id, else a display name (any case) or a platform user id.
 * Null when nobody matches a name; an unknown id is not_found, and a name two people share is refused
 * with each candidate's id, since guessing would hand one person's receipts to the other.
 */
export async function resolveUser(prisma: Pick<PrismaClient, 'user'>, text: string): Promise<User | null> {
  const wanted = text.trim();
  if (uuidPattern.test(wanted)) {
    const found = await prisma.user.findUnique({ where: { id: wanted } });
    if (!found) throw new AppError('not_found', `no user with id ${wanted}`);
    return found;
  }
  const matches = await prisma.user.findMany({
    where: { OR: [{ displayName: { equals: wanted, mode: 'insensitive' } }, { platformUserId: wanted }] },
    orderBy: { createdAt: 'asc' },
    take: 10,
  });
  if (matches.length <= 1) return matches[0] ?? null;
  const candidates = matches.map((user) => `  ${user.id}  ${user.displayName} (${user.platform}, ${user.role})`);
  throw new AppError('conflict', `"${wanted}" names ${matches.length} people`, {
    userMessage: `"${wanted}" could be any of these people; give the id instead:\n${candidates.join('\n')}`,
    details: { candidates: matches.map((user) => user.id) },
  });
}

/** Like resolveUser, but nobody by that name is an error too. */
export async function requireUser(prisma: PrismaClient, text: string): Promise<User> {
  const found = await resolveUser(prisma, text);
  if (!found) {
    throw new AppError('not_found', `no user called "${text.trim()}"`, {
      userMessage: `Nobody is called "${text.trim()}". \`ticket-tracker users list\` shows everyone.`,
    });
  }
  return found;
}

/** The named person, or a new one (with that display name) made on `platform` when nobody matches. */
export async function resolveOrCreateUser(prisma: PrismaClient, text: string, platform: Platform): Promise<User> {
  const found = await resolveUser(prisma, text);
  if (found) return found;
  const name = text.trim();
  return prisma.user.upsert({
    where: { platform_platformUserId: { platform, platformUserId: name } },
    create: { platform, platformUserId: name, displayName: name },
    update: {},
  });
}

export async function hasAdmin(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count({ where: { role: 'admin' } })) > 0;
}

/**
 * `--admin` on `token create` and `login-link`: never a silent promotion. An admin stays one; anyone
 * else is refused with the explicit command to run, except on first run, when no admin exists yet.
 */
export async function ensureAdmin(prisma: PrismaClient, user: User): Promise<User> {
  if (user.role === 'admin') return user;
  if (await hasAdmin(prisma)) {
    throw new AppError('forbidden', `${user.displayName} is not an admin`, {
      userMessage: `${user.displayName} is not an admin. To make them one, run: ticket-tracker users set-role ${user.id} admin`,
    });
  }
  return prisma.user.update({ where: { id: user.id }, data: { role: 'admin' } });
}

/** Changes a role; the last admin cannot be demoted, or nobody could manage the service any more. */
export async function setRole(prisma: PrismaClient, userId: string, role: Role): Promise<User> {
  return prisma.$transaction(async (tx) => {
    // Serialises role changes, so two demotions at once cannot leave no admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('ticket-tracker:roles'))`;
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError('not_found', `no user with id ${userId}`);
    if (user.role === 'admin' && role !== 'admin' && (await tx.user.count({ where: { role: 'admin' } })) === 1) {
      throw new AppError('conflict', 'the last admin cannot be demoted', {
        userMessage: `${user.displayName} is the only admin: make someone else an admin first.`,
      });
    }
    return tx.user.update({ where: { id: userId }, data: { role } });
  });
}

export interface PersonRow {
  id: string;
  name: string;
  platform: Platform;
  platformUserId: string;
  role: Role;
  receipts: number;
  activeTokens: number;
  sessions: number;
}

/** Everyone, by name, with how many receipts, usable tokens and live web sessions they have. */
export async function listPeople(prisma: PrismaClient, now = new Date()): Promise<PersonRow[]> {
  const users = await prisma.user.findMany({
    orderBy: [{ displayName: 'asc' }, { createdAt: 'asc' }],
    include: {
      _count: {
        select: {
          receipts: { where: { status: { not: 'deleted' } } },
          apiTokens: { where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } },
          webSessions: { where: { expiresAt: { gt: now } } },
        },
      },
    },
  });
  return users.map((user) => ({
    id: user.id,
    name: user.displayName,
    platform: user.platform,
    platformUserId: user.platformUserId,
    role: user.role,
    receipts: user._count.receipts,
    activeTokens: user._count.apiTokens,
    sessions: user._count.webSessions,
  }));
}

/** The person the first-run sign-in link is for, when nobody is an admin yet: "Admin" of the command line. */
export function firstRunUser(prisma: PrismaClient): Promise<User> {
  return prisma.user.upsert({
    where: { platform_platformUserId: { platform: 'cli', platformUserId: 'admin' } },
    create: { platform: 'cli', platformUserId: 'admin', displayName: 'Admin' },
    update: {},
  });
}

/** `login-link --admin` with no --user: the only admin, or on first run the first-run user. */
export async function defaultAdmin(prisma: PrismaClient): Promise<User> {
  const admins = await prisma.user.findMany({ where: { role: 'admin' }, orderBy: { createdAt: 'asc' }, take: 10 });
  if (admins.length === 0) return firstRunUser(prisma);
  if (admins.length === 1) return admins[0]!;
  throw new AppError('bad_request', 'several admins: name one', {
    userMessage: `There are several admins; name one with --user:\n${admins.map((a) => `  ${a.id}  ${a.displayName}`).join('\n')}`,
  });
}
