// The user a maintenance command names (`token create --user`, `login-link --user`, `users …`): an id
// or a name, found by the one resolver in access/people.ts.
import { ensureAdmin, resolveOrCreateUser } from '../access/people.ts';
import type { PrismaClient } from '../db/client.ts';

/** By id or name (created as an API user when nobody matches); `admin` checks (never silently grants) the role. */
export async function namedUser(prisma: PrismaClient, user: string, admin: boolean) {
  const found = await resolveOrCreateUser(prisma, user, 'http');
  return admin ? ensureAdmin(prisma, found) : found;
}
