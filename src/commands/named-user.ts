// The user a maintenance command names (`token create --user`, `login-link --user`): an id or a name.
import type { PrismaClient } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { findOrCreateUser } from '../receipts/users.ts';

/** By id, else by name (created as an API user when new); `admin` makes them an admin. */
export async function namedUser(prisma: PrismaClient, user: string, admin: boolean) {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(user);
  const existing = isId ? await prisma.user.findUnique({ where: { id: user } }) : null;
  if (isId && !existing) throw new AppError('not_found', `no user with id ${user}`);
  const found =
    existing ?? (await findOrCreateUser(prisma, { platform: 'http', platformUserId: user, displayName: user }));
  return admin ? prisma.user.update({ where: { id: found.id }, data: { role: 'admin' } }) : found;
}
