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
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}
