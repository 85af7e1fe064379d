// A database of its own for each test file, cloned from the migrated template, so files run in parallel.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPrisma, type PrismaClient } from '../../src/db/client.ts';

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(inject('databaseAdminUrl'));
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('databaseAdminUrl') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** An empty database with no schema: for migration tests. */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tt_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(name),
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

/** A migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `tt_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const template = inject('templateDatabase');
  // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      break;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const url = databaseUrl(name);
  const prisma = createPrisma({ url, max: 4 });
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
