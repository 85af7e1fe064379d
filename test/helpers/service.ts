// The whole service in-process, as `serve` runs it, on a database and data directory of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { type Service, startService } from '../../src/main.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestService {
  url: string;
  /** The routes the service's HTTP server answers. */
  routes: { method: string; path: string }[];
  /** DATA_DIR: local storage lives in its receipts/ folder. */
  dataDir: string;
  database: TestDatabase;
  stop(): Promise<void>;
}

export async function startTestService(env: Record<string, string>): Promise<TestService> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'tt-service-'));
  let service: Service | undefined;
  const stop = async () => {
    await service?.stop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      OCR_POOL_SIZE: '1',
      WORKER_CONCURRENCY: '1',
      DEFAULT_CURRENCY: 'EUR',
      ...env,
    });
    service = await startService(config, createLogger({ level: 'silent' }));
    return { url: service.url!, routes: service.routes ?? [], dataDir, database, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
