// Loads Prisma's WebAssembly schema engine, which works offline (the native one is downloaded at run time).
// The package's own entry imports the .wasm file as an ES module, which Node refuses, so we instantiate
// it by hand from the wasm-bindgen glue module.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { parse as parseConnectionString } from 'pg-connection-string';

const require = createRequire(import.meta.url);

type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & Record<string, unknown>;
let gluePromise: Promise<Glue> | undefined;

async function loadGlue(): Promise<Glue> {
  const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Glue;
  // The .wasm file is not in the package's exports: find it beside the glue module.
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const module = new WebAssembly.Module(await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm')));
  const imports: Record<string, Record<string, unknown>> = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    imports[from] ??= {};
    imports[from][name] = name.startsWith('__wbg_setTimeout') ? unrefTimer(glue[name] as TimerFn) : glue[name];
  }
  const instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

type TimerFn = (...args: unknown[]) => { unref?: () => void } | undefined;

/** The engine's own timers (lock timeouts) must not keep a finished process alive. */
function unrefTimer(setTimer: TimerFn): TimerFn {
  return (...args) => {
    const timer = setTimer(...args);
    timer?.unref?.();
    return timer;
  };
}

export interface SchemaFile {
  path: string;
  content: string;
}

export interface OpenSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections (`free()` alone leaves the pool, and its locks, open). */
  close(): Promise<void>;
}

/** A schema engine bound to one database; `log` receives the engine's own log lines. */
export async function openSchemaEngine(
  databaseUrl: string,
  schema: SchemaFile,
  log: (line: string) => void = () => {},
): Promise<OpenSchemaEngine> {
  gluePromise ??= loadGlue();
  const glue = await gluePromise;
  const factory = pgAdapterFactory(databaseUrl);
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    async close() {
      engine.free();
      await factory.disposeAll();
    },
  };
}

/**
 * Two gaps between this schema engine build and the pg adapter, closed on the connection it uses:
 * - the engine's catalog queries return Postgres' internal "char" type (OID 18), which the adapter does
 *   not map; its values already arrive as strings, so we label them as text;
 * - Postgres 18 lists NOT NULL constraints in pg_constraint (type 'n'), which the engine does not know
 *   and panics on; they repeat pg_attribute.attnotnull, which it reads anyway, so we drop them.
 */
class SchemaEngineClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; we only post-process results.
  override query(...args: any[]): any {
    const last = args.at(-1);
    if (typeof last === 'function') {
      // biome-ignore lint/suspicious/noExplicitAny: see above
      args[args.length - 1] = (error: unknown, result: any) => last(error, error ? result : adaptResult(result));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const result = (super.query as any)(...args);
    return typeof result?.then === 'function' ? result.then(adaptResult) : result;
  }
}

const pgCharOid = 18;
const pgTextOid = 25;

function adaptResult<T>(result: T): T {
  for (const one of (Array.isArray(result) ? result : [result]) as (pg.QueryResult | undefined)[]) {
    if (!one?.fields) continue;
    for (const field of one.fields) {
      if (field.dataTypeID === pgCharOid) field.dataTypeID = pgTextOid;
    }
    const typeColumn = one.fields.findIndex((field) => field.name === 'constraint_type');
    if (typeColumn >= 0) {
      one.rows = one.rows.filter((row) => (Array.isArray(row) ? row[typeColumn] : row.constraint_type) !== 'n');
    }
  }
  return result;
}

type PgFactory = InstanceType<typeof PrismaPg>;
type PgAdapter = Awaited<ReturnType<PgFactory['connect']>>;

/**
 * PrismaPg's own shadow database is dropped while its pool still holds a connection, which Postgres
 * refuses; this one closes the pool first and forces the drop.
 */
function pgAdapterFactory(
  databaseUrl: string,
): Pick<PgFactory, 'provider' | 'adapterName' | 'connect' | 'connectToShadowDb'> & { disposeAll(): Promise<void> } {
  const { host, port, user, password, database, ssl } = parseConnectionString(databaseUrl);
  // The engine keeps a connection checked out (its migration lock) that no pool.end() can close.
  const clients = new Set<pg.Client>();
  const config = {
    host: host ?? undefined,
    port: port ? Number(port) : undefined,
    user,
    password,
    ssl: ssl as never,
    max: 2,
    Client: class extends SchemaEngineClient {
      constructor(options?: pg.ClientConfig) {
        super(options);
        clients.add(this);
        this.once('end', () => clients.delete(this));
      }
    },
  };
  const main = new PrismaPg({ ...config, database: database ?? undefined });
  const open = new Set<PgAdapter>();
  const track = (adapter: PgAdapter): PgAdapter => {
    open.add(adapter);
    runScriptsWhole(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      open.delete(adapter);
      await dispose();
    };
    return adapter;
  };
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => track(await main.connect()),
    async disposeAll() {
      // Newest first: a shadow database's adapter closes its admin connection itself.
      for (const adapter of [...open].reverse()) {
        if (open.has(adapter)) await adapter.dispose().catch(() => {});
      }
      await Promise.allSettled([...clients].map((client) => client.end()));
    },
    async connectToShadowDb(): Promise<PgAdapter> {
      const shadowName = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
      const admin = track(await main.connect());
      await admin.executeScript(`CREATE DATABASE "${shadowName}"`);
      const shadow = track(await new PrismaPg({ ...config, database: shadowName }).connect());
      const disposeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await disposeShadow();
        try {
          await admin.executeScript(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
        } finally {
          await admin.dispose();
        }
      };
      return shadow;
    },
  };
}

/**
 * PrismaPg runs a migration script by splitting it at every ";", which breaks function bodies and
 * string literals. Like Prisma's native engine, send the script whole: Postgres runs a multi-statement
 * simple query as one implicit transaction, so a migration also applies completely or not at all.
 */
function runScriptsWhole(adapter: PgAdapter): void {
  const queryable = adapter as unknown as { client: pg.Pool; onError(error: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await queryable.client.query(script);
    } catch (error) {
      queryable.onError(error);
    }
  };
}
