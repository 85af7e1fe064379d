// One contract, two implementations: a local directory and S3 (a real S3-compatible server on 127.0.0.1).
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.ts';
import { findFreePort } from '../../src/net.ts';
import { createStorage } from '../../src/storage/index.ts';
import { createLocalStorage } from '../../src/storage/local.ts';
import { createS3Client, createS3Storage, type S3Options } from '../../src/storage/s3.ts';
import { keyForSha256, type Storage } from '../../src/storage/storage.ts';
import { type FakeS3, startFakeS3 } from '../fakes/s3-server.ts';

let dir: string;
let s3: FakeS3;
let s3Options: S3Options;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tt-storage-'));
  s3 = await startFakeS3({ buckets: ['receipts'] });
  s3Options = {
    bucket: 'receipts',
    prefix: 'tenant-a',
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  };
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

const keyOf = (bytes: Buffer) => keyForSha256(createHash('sha256').update(bytes).digest('hex'));

describe.each([
  ['local', () => createLocalStorage(join(dir, 'local'))],
  ['s3', () => createS3Storage(s3Options)],
] as const)('%s storage', (_name, create) => {
  let storage: Storage;
  beforeAll(() => {
    storage = create();
  });

  it('puts, gets, streams and deletes by key', async () => {
    const bytes = Buffer.from(`receipt ${_name} ${Date.now()}`);
    const key = keyOf(bytes);
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, bytes, 'image/jpeg');
    await storage.put(key, bytes, 'image/jpeg');
    expect(await storage.exists(key)).toBe(true);
    expect(await storage.get(key)).toEqual(bytes);
    const streamed = await storage.stream(key);
    expect(streamed.size).toBe(bytes.length);
    expect(await text(streamed.body)).toBe(bytes.toString());
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await storage.delete(key);
  });

  it('reports a missing key as not found', async () => {
    const key = keyOf(Buffer.from('never stored'));
    const error = await storage.get(key).catch((caught) => caught);
    expect(isAppError(error, 'not_found')).toBe(true);
    expect(isAppError(await storage.stream(key).catch((caught) => caught), 'not_found')).toBe(true);
  });

  it('refuses keys that could escape or confuse the store', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a/../b', 'a//b', '', 'white space', 'a/./b']) {
      expect(isAppError(await storage.exists(key).catch((caught) => caught), 'bad_request'), key).toBe(true);
    }
  });

  it('is ready', async () => {
    await expect(storage.check()).resolves.toBeUndefined();
  });
});

describe('keys', () => {
  it('fans out by the first bytes of the sha256', () => {
    const sha = 'ab'.repeat(32);
    expect(keyForSha256(sha)).toBe(`receipts/ab/ab/${sha}`);
    expect(() => keyForSha256('xyz')).toThrow(/sha256/);
  });
});

describe('local storage', () => {
  it('leaves no temporary files behind', async () => {
    const root = join(dir, 'atomic');
    const storage = createLocalStorage(root);
    const bytes = Buffer.from('atomic');
    await storage.put(keyOf(bytes), bytes, 'image/png');
    const files = await readdir(root, { recursive: true });
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
  });

  it('is not ready when its directory cannot be written', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    const storage = createLocalStorage(join(file, 'receipts'));
    const error = await storage.check().catch((caught) => caught);
    expect(isAppError(error, 'storage_unavailable')).toBe(true);
  });
});

describe('S3 storage', () => {
  it('writes under the configured prefix', async () => {
    const storage = createS3Storage(s3Options);
    const bytes = Buffer.from('prefixed');
    await storage.put(keyOf(bytes), bytes, 'image/png');
    const listed = await createS3Client(s3Options).send(new ListObjectsV2Command({ Bucket: 'receipts' }));
    expect(listed.Contents?.map((object) => object.Key)).toContain(`tenant-a/${keyOf(bytes)}`);
  });

  it('is not ready when the bucket does not exist', async () => {
    const storage = createS3Storage({ ...s3Options, bucket: 'no-such-bucket' });
    const error = await storage.check().catch((caught) => caught);
    expect(isAppError(error, 'storage_unavailable')).toBe(true);
    expect(error.message).toMatch(/no-such-bucket/);
  });

  it('fails in bounded time, without secrets in the message, when the server is unreachable', async () => {
    const storage = createS3Storage({
      ...s3Options,
      endpoint: `http://127.0.0.1:${await findFreePort()}`,
      requestTimeoutMs: 1_000,
    });
    const started = Date.now();
    const error = await storage.put(keyOf(Buffer.from('x')), Buffer.from('x'), 'image/png').catch((caught) => caught);
    expect(isAppError(error, 'storage_unavailable')).toBe(true);
    expect(error.message).not.toContain(s3.secretAccessKey === 'S3RVER' ? 'S3RVER' : s3.secretAccessKey);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('createStorage', () => {
  it('picks the implementation from the config', () => {
    expect(createStorage({ kind: 'local', dir }).kind).toBe('local');
    expect(createStorage({ kind: 's3', ...s3Options }).kind).toBe('s3');
  });
});
