// The database from the config (embedded or DATABASE_URL), migrated, with a Prisma client on it.
import type { Config } from '../config.ts';
import { createPrisma } from '../db/client.ts';
import { migrate, openDatabase } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { Teardown } from './teardown.ts';

/** The database, migrated, and a Prisma client on it. */
export async function openStore(config: Config, logger: Logger, teardown: Teardown) {
  const database = await openDatabase(config, logger);
  teardown.add('database', database.stop);
  await migrate(database.url, logger);
  const prisma = createPrisma({ url: database.url });
  teardown.add('prisma', () => prisma.$disconnect());
  return { database, prisma };
}
