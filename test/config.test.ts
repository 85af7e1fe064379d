import { describe, expect, it } from 'vitest';
import { ConfigError, defaultCategories, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('defaults to an embedded database and local storage under DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: '/srv/tt' });
    expect(config.database).toEqual({ kind: 'embedded', dir: '/srv/tt/postgres', port: 54329 });
    expect(config.storage).toEqual({ kind: 'local', dir: '/srv/tt/receipts' });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000 });
    expect(config.llm).toBeUndefined();
    expect(config.categories).toEqual(defaultCategories);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.storage)).toBe(true);
  });

  it('uses DATABASE_URL when set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/tt' });
    expect(config.database).toEqual({ kind: 'external', url: 'postgresql://u:p@db:5432/tt' });
  });

  it('reads STORAGE_URL as a path, a file URL or an S3 bucket with prefix', () => {
    expect(loadConfig({ STORAGE_URL: '/mnt/receipts' }).storage).toEqual({ kind: 'local', dir: '/mnt/receipts' });
    expect(loadConfig({ STORAGE_URL: 'file:///mnt/r' }).storage).toEqual({ kind: 'local', dir: '/mnt/r' });
    expect(
      loadConfig({
        STORAGE_URL: 's3://bucket/some/prefix/',
        S3_ENDPOINT: 'http://minio:9000',
        S3_FORCE_PATH_STYLE: 'true',
      }).storage,
    ).toMatchObject({
      kind: 's3',
      bucket: 'bucket',
      prefix: 'some/prefix',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
    });
    expect(() => loadConfig({ STORAGE_URL: 'ftp://x/y' })).toThrow(/STORAGE_URL/);
  });

  it('turns on the LLM with a key and keeps its settings', () => {
    const config = loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(config.llm).toMatchObject({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:11434/v1', model: 'gpt-4o-mini' });
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', OPENAI_API_KEY: ' ' });
    expect(config.http.port).toBe(3000);
    expect(config.database.kind).toBe('embedded');
    expect(config.llm).toBeUndefined();
  });

  it('names every bad variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '99999', LOG_LEVEL: 'loud', DEFAULT_CURRENCY: 'euro', S3_FORCE_PATH_STYLE: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'DEFAULT_CURRENCY', 'S3_FORCE_PATH_STYLE'])
      expect(problems).toContain(name);
  });

  it('requires a key when the LLM extractor is forced', () => {
    expect(() => loadConfig({ EXTRACTOR: 'llm' })).toThrow(/OPENAI_API_KEY/);
  });

  it('lower-cases configured categories and upper-cases the default currency', () => {
    const config = loadConfig({ CATEGORIES: 'Travel, Meals ,,Office', DEFAULT_CURRENCY: 'eur' });
    expect(config.categories).toEqual(['travel', 'meals', 'office']);
    expect(config.defaultCurrency).toBe('EUR');
  });
});
