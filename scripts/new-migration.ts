// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// difference between the migrations and prisma/schema.prisma. The diff replays the migrations on a
// throwaway shadow database: DATABASE_URL's server when set, else a temporary embedded Postgres.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';
import { createMigration } from '../src/db/migrations.ts';
import { findFreePort } from '../src/net.ts';

const name = process.argv.slice(2).join(' ').trim();
if (!name) {
  console.error('Usage: npm run db:migration -- <name>');
  process.exit(1);
}

let url = process.env.DATABASE_URL;
let cleanup = async () => {};
if (!url) {
  const dir = await mkdtemp(join(tmpdir(), 'tt-migration-pg-'));
  const server = await startEmbeddedPostgres({ dir, port: await findFreePort(), persistent: false });
  url = server.url;
  cleanup = async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
try {
  const folder = await createMigration(url, name);
  console.log(
    folder
      ? `Wrote ${relative(process.cwd(), folder)}/migration.sql`
      : 'Schema and migrations agree: nothing to write.',
  );
} finally {
  await cleanup();
}
process.exit(0);
