import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export { Prisma } from '../generated/prisma/client.ts';
export type { PrismaClient };

export interface PrismaOptions {
  url: string;
  /** Connections in the pool. */
  max?: number;
}

export function createPrisma({ url, max = 10 }: PrismaOptions): PrismaClient {
  // A connection attempt that gets no answer (a database host gone away) fails instead of waiting forever.
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max, connectionTimeoutMillis: 10_000, keepAlive: true }),
  });
}
