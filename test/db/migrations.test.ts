import { copyFile, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createMigration,
  defaultMigrationsDir,
  defaultSchemaPath,
  diffMigrationsToSchema,
} from '../../src/db/migrations.ts';
import { createEmptyDatabase } from '../helpers/database.ts';

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(() => database.drop());

  it('schema.prisma and prisma/migrations agree (run `npm run db:migration -- <name>` after a schema change)', async () => {
    expect(await diffMigrationsToSchema(database.url)).toBe('');
  });

  it('applies every migration once, then nothing', async () => {
    const first = await applyMigrations(database.url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(database.url)).toEqual([]);
  });

  it('notices a schema change and writes a migration for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tt-migrations-'));
    try {
      const schemaPath = join(dir, 'schema.prisma');
      const migrationsDir = join(dir, 'migrations');
      await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
      await copyFile(defaultSchemaPath, schemaPath);
      const schema = await readFile(schemaPath, 'utf8');
      await writeFile(schemaPath, schema.replace('  paymentMethod ', '  notes            String?\n  paymentMethod '));
      const drift = await diffMigrationsToSchema(database.url, { schemaPath, migrationsDir });
      expect(drift).toMatch(/ALTER TABLE "receipts" ADD COLUMN\s+"notes" TEXT/);
      const folder = await createMigration(database.url, 'add notes', { schemaPath, migrationsDir });
      expect(folder).toMatch(/_add_notes$/);
      expect(await diffMigrationsToSchema(database.url, { schemaPath, migrationsDir })).toBe('');
      expect(await createMigration(database.url, 'nothing', { schemaPath, migrationsDir })).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
