// `Authorization: Bearer <token>` on every /api route: the token's user, or a 401.
import type { MiddlewareHandler } from 'hono';
import { userForApiToken } from '../../../access/api-tokens.ts';
import type { PrismaClient } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import type { ApiEnv } from './dependencies.ts';

export function bearerAuth(prisma: PrismaClient): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await userForApiToken(prisma, match[1]!) : null;
    if (!user) {
      c.header('WWW-Authenticate', 'Bearer');
      throw new AppError('unauthorized', 'missing or unknown API token', {
        userMessage: 'Send a valid API token as "Authorization: Bearer <token>".',
      });
    }
    c.set('user', user);
    await next();
  };
}
