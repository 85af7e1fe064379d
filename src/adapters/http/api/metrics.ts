// GET /metrics: Prometheus text. Counters and durations from this process's workers; receipts by
// status and the queue's depth from the database, so every instance reports the same totals.
// With METRICS_TOKEN set, only a scraper sending it as a bearer token gets them.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { AppError } from '../../../errors.ts';
import type { ApiDependencies } from './dependencies.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function metricsRoutes(deps: Pick<ApiDependencies, 'prisma' | 'queue' | 'metrics'>, token?: string): Hono {
  const routes = new Hono();
  routes.get('/metrics', async (c) => {
    if (token) {
      const sent = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
      if (!timingSafeEqual(digest(sent), digest(token))) {
        c.header('WWW-Authenticate', 'Bearer');
        throw new AppError('unauthorized', 'metrics without the METRICS_TOKEN', {
          userMessage: 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".',
        });
      }
    }
    const [byStatus, depth] = await Promise.all([
      deps.prisma.receipt.groupBy({ by: ['status'], _count: { _all: true } }),
      deps.queue.depth(),
    ]);
    const text = deps.metrics.render([
      {
        name: 'ticket_tracker_receipts',
        help: 'Receipts in the database, by status',
        values: byStatus.map((row) => ({ labels: { status: row.status }, value: row._count._all })),
      },
      { name: 'ticket_tracker_queue_depth', help: 'Receipt jobs waiting or running', values: [{ value: depth }] },
    ]);
    return c.text(text, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return routes;
}
