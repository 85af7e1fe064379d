// Prisma migrations in Prisma's own folder format, applied and written through the WebAssembly engine.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import type { SchemaFile } from './schema-engine.ts';

/** The engine is loaded only when there is something to do: compiling it takes most of a one-shot command's start. */
const openSchemaEngine: typeof import('./schema-engine.ts').openSchemaEngine = async (...args) =>
  (await import('./schema-engine.ts')).openSchemaEngine(...args);

const projectRoot = new URL('../../', import.meta.url).pathname;
export const defaultSchemaPath = join(projectRoot, 'prisma/schema.prisma');
export const defaultMigrationsDir = join(projectRoot, 'prisma/migrations');

const noFilters = { externalTables: [], externalEnums: [] };

export async function loadMigrations(baseDir = defaultMigrationsDir): Promise<MigrationList> {
  const lockPath = join(baseDir, 'migration_lock.toml');
  const names = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true }))
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(join(baseDir, name, 'migration.sql'), 'utf8') },
      },
    })),
  );
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

async function loadSchema(schemaPath: string): Promise<SchemaFile> {
  return { path: schemaPath, content: await readFile(schemaPath, 'utf8') };
}

export interface MigrationPaths {
  schemaPath?: string;
  migrationsDir?: string;
}

/**
 * Whether every migration in the folder is already applied, unchanged (same checksum as Prisma
 * records it), read with one query: the common case of every start, without loading the engine.
 */
async function allApplied(databaseUrl: string, migrations: MigrationList): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    return migrations.migrationDirectories.every((migration) => {
      const content = migration.migrationFile.content;
      if (content.tag !== 'ok') return false;
      return applied.get(migration.path) === createHash('sha256').update(content.value).digest('hex');
    });
  } catch {
    return false; // no migrations table yet, say: the engine decides
  } finally {
    await client.end().catch(() => {});
  }
}

/** Applies pending migrations, as `prisma migrate deploy` would; returns the names applied. */
export async function applyMigrations(
  databaseUrl: string,
  { schemaPath = defaultSchemaPath, migrationsDir = defaultMigrationsDir }: MigrationPaths = {},
): Promise<string[]> {
  const migrations = await loadMigrations(migrationsDir);
  if (migrations.migrationDirectories.length > 0 && (await allApplied(databaseUrl, migrations))) return [];
  const { engine, close } = await openSchemaEngine(databaseUrl, await loadSchema(schemaPath));
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: migrations,
      filters: noFilters,
    });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * The SQL that would bring the migrations up to the schema; empty when they agree.
 * Replays the migrations on a temporary shadow database on the same server.
 */
export async function diffMigrationsToSchema(
  databaseUrl: string,
  { schemaPath = defaultSchemaPath, migrationsDir = defaultMigrationsDir }: MigrationPaths = {},
): Promise<string> {
  const schema = await loadSchema(schemaPath);
  const migrations = await loadMigrations(migrationsDir);
  const { engine, close } = await openSchemaEngine(databaseUrl, schema);
  try {
    const from =
      migrations.migrationDirectories.length > 0
        ? { tag: 'migrations' as const, ...migrations }
        : { tag: 'empty' as const };
    const { stdout } = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = stdout ?? '';
    return /^\s*(--.*\n?\s*)*$/.test(sql) ? '' : sql;
  } finally {
    await close();
  }
}

/** Writes `<timestamp>_<name>/migration.sql` from the schema diff; returns its folder, or null when nothing changed. */
export async function createMigration(
  databaseUrl: string,
  name: string,
  paths: MigrationPaths = {},
  now = new Date(),
): Promise<string | null> {
  const migrationsDir = paths.migrationsDir ?? defaultMigrationsDir;
  const sql = await diffMigrationsToSchema(databaseUrl, paths);
  if (!sql) return null;
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'migration';
  const folder = join(migrationsDir, `${stamp}_${slug}`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'migration.sql'), sql);
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lockPath)) {
    await writeFile(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return folder;
}
