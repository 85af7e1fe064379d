// What the API routes need, passed in explicitly, and the request variables they share.
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { z } from 'zod';
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
  /** MAX_RECEIPT_TOTAL, for the field rules. */
  maxReceiptTotal: string;
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

/** The request body as JSON; a 400 that says the JSON is malformed (or missing) otherwise. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) {
    throw new AppError('bad_request', 'empty request body', {
      userMessage: 'The request body is empty: send a JSON object (Content-Type: application/json).',
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('bad_request', `malformed JSON: ${reason}`, {
      userMessage: `The request body is not valid JSON (${reason}).`,
    });
  }
}

/** A receipt id from the path; anything that is not one is "no such receipt", as an unknown id is. */
export function receiptId(value: string): string {
  if (z.uuid().safeParse(value).success) return value;
  throw new AppError('not_found', `not a receipt id: ${JSON.stringify(value.slice(0, 80))}`, {
    userMessage: 'No such receipt: that is not a receipt id.',
  });
}

export function isAdmin(user: User): boolean {
  return user.role === 'admin';
}
