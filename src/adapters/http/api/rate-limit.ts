// Per-user limits on costly requests (uploads, questions), counted in this process over a sliding
// minute. Behind a load balancer each instance counts its own share.
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../../errors.ts';
import type { ApiEnv } from './dependencies.ts';

export function perUserRateLimit(kind: string, perMinute: number): MiddlewareHandler<ApiEnv> {
  const recent = new Map<string, number[]>();
  return async (c, next) => {
    const userId = c.get('user').id;
    const now = Date.now();
    const times = (recent.get(userId) ?? []).filter((at) => now - at < 60_000);
    if (times.length >= perMinute) {
      const retryAfter = Math.ceil((times[0]! + 60_000 - now) / 1000);
      c.header('Retry-After', String(retryAfter));
      throw new AppError('rate_limited', `${kind} rate limit reached`, {
        userMessage: `Too many ${kind} in a minute; try again in ${retryAfter} s.`,
      });
    }
    times.push(now);
    recent.set(userId, times);
    if (recent.size > 10_000) {
      for (const [id, list] of recent) if (list.every((at) => now - at >= 60_000)) recent.delete(id);
    }
    await next();
  };
}
