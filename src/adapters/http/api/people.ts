// /api/users and /api/tokens: who is there and their roles (admins), API tokens (admins: everyone's,
// others: their own), and signing a person out of every browser. The same rules as the CLI's
// `users` and `token` commands, from access/.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  revokeApiTokens,
  type TokenRow,
  tokenExpiry,
} from '../../../access/api-tokens.ts';
import { listPeople, requireUser, roles, setRole } from '../../../access/people.ts';
import { endAllSessions } from '../../../access/web-sessions.ts';
import { AppError } from '../../../errors.ts';
import type { User } from '../../../generated/prisma/client.ts';
import { type ApiDependencies, type ApiEnv, isAdmin, parseWith } from './dependencies.ts';

function adminOnly(user: User): void {
  if (!isAdmin(user)) {
    throw new AppError('forbidden', 'admin route called by an employee', { userMessage: 'Only admins can do this.' });
  }
}

const tokenJson = (token: TokenRow) => ({
  ...token,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  expiresAt: token.expiresAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});

const roleSchema = z.object({ role: z.enum(roles as ['admin', 'employee']) }).strict();
const signOutSchema = z.object({ tokens: z.boolean().default(false) }).strict();
const newTokenSchema = z
  .object({
    user: z.string().trim().min(1).max(200).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    /** A lifetime such as "30d", "12h" or "8w". */
    expires: z.string().max(20).optional(),
  })
  .strict();

export function peopleRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const { prisma } = deps;
  const routes = new Hono<ApiEnv>();
  const body = async (c: { req: { json(): Promise<unknown> } }) => c.req.json().catch(() => ({}));
  const person = (id: string) => requireUser(prisma, parseWith(z.uuid(), id));

  routes.get('/users', async (c) => {
    adminOnly(c.get('user'));
    return c.json({ users: await listPeople(prisma) });
  });

  routes.patch('/users/:id', async (c) => {
    adminOnly(c.get('user'));
    const { role } = parseWith(roleSchema, await body(c));
    const target = await person(c.req.param('id'));
    const changed = await setRole(prisma, target.id, role);
    deps.logger.info({ by: c.get('user').id, userId: changed.id, to: role }, 'role changed');
    return c.json({ user: { id: changed.id, name: changed.displayName, role: changed.role } });
  });

  // Anyone may sign themselves out everywhere; only admins may sign out someone else.
  routes.post('/users/:id/sign-out', async (c) => {
    const user = c.get('user');
    const target = await person(c.req.param('id'));
    if (target.id !== user.id) adminOnly(user);
    const { tokens } = parseWith(signOutSchema, await body(c));
    const ended = {
      sessions: await endAllSessions(prisma, target.id),
      tokens: tokens ? await revokeApiTokens(prisma, target.id) : 0,
    };
    deps.logger.info({ by: user.id, userId: target.id, ...ended }, 'signed out everywhere');
    return c.json(ended);
  });

  routes.get('/tokens', async (c) => {
    const user = c.get('user');
    const wanted = c.req.query('user');
    const userId = isAdmin(user) ? (wanted ? (await person(wanted)).id : undefined) : user.id;
    return c.json({ tokens: (await listApiTokens(prisma, { userId })).map(tokenJson) });
  });

  routes.post('/tokens', async (c) => {
    const user = c.get('user');
    const request = parseWith(newTokenSchema, await body(c));
    const owner = request.user ? await requireUser(prisma, request.user) : user;
    if (owner.id !== user.id) adminOnly(user);
    const expiresAt = request.expires ? tokenExpiry(request.expires) : undefined;
    const token = await createApiToken(prisma, owner.id, request.name, expiresAt);
    const [row] = await listApiTokens(prisma, { userId: owner.id });
    deps.logger.info({ by: user.id, userId: owner.id, tokenId: row!.id }, 'API token created');
    return c.json({ token, ...tokenJson(row!) }, 201);
  });

  // Someone else's token answers 404 to an employee, as one that does not exist.
  routes.delete('/tokens/:id', async (c) => {
    const user = c.get('user');
    const id = parseWith(z.uuid(), c.req.param('id'));
    const own = await prisma.apiToken.findFirst({ where: { id, ...(isAdmin(user) ? {} : { userId: user.id }) } });
    if (!own) throw new AppError('not_found', `no API token with id ${id}`, { userMessage: 'No such token.' });
    const revoked = await revokeApiToken(prisma, id);
    deps.logger.info({ by: user.id, tokenId: id, userId: revoked.userId }, 'API token revoked');
    return c.json({ token: tokenJson(revoked) });
  });

  return routes;
}
