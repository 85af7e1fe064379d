import type { Config } from '../config.ts';
import { createLocalStorage } from './local.ts';
import { createS3Storage } from './s3.ts';
import type { Storage } from './storage.ts';

export function createStorage(config: Config['storage']): Storage {
  if (config.kind === 'local') return createLocalStorage(config.dir);
  const { kind: _kind, ...options } = config;
  return createS3Storage(options);
}
