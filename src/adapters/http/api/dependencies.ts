// What the API routes need, passed in explicitly, and the request variables they share.
import type { HttpBindings } from '@hono/node-server';
import type { z } from 'zod';
import type { Config } from '../../../config.ts';
import type { PrismaClient } from '../../../db/client.ts';
import { AppError } from '../../../errors.ts';
import type { User } from '../../../generated/prisma/client.ts';
import type { JobQueue } from '../../../jobs/queue.ts';
import type { Logger } from '../../../logger.ts';
import type { Metrics } from '../../../metrics.ts';
import type { DateOrder } from '../../../pipeline/extract/offline/dates.ts';
import type { QueryAgent } from '../../../query/agent.ts';
import type { Approvals } from '../../../receipts/approvals.ts';
import type { Payouts } from '../../../receipts/payouts.ts';
import type { Receipts } from '../../../receipts/receipts.ts';
import type { Review } from '../../../receipts/review.ts';
import type { Storage } from '../../../storage/storage.ts';
import type { ApprovalNotices } from '../../approval-notices.ts';

export interface ApiDependencies {
  prisma: PrismaClient;
  storage: Storage;
  receipts: Receipts;
  review: Review;
  approvals: Approvals;
  payouts: Payouts;
  notices: ApprovalNotices;
  queue: Pick<JobQueue, 'depth'>;
  agent?: QueryAgent;
  metrics: Metrics;
  categories: readonly string[];
  dateOrder: DateOrder;
  limits: Config['limits'];
  rateLimits: Config['api']['rateLimits'];
  logger: Logger;
}

export type ApiEnv = { Bindings: HttpBindings; Variables: { user: User } };

/** `value` checked against `schema`; a 400 naming each bad field otherwise. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
  throw new AppError('bad_request', `invalid request: ${problems.join('; ')}`);
}

export function isAdmin(user: User): boolean {
  return user.role === 'admin';
}
