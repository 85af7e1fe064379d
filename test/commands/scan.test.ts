// `ticket-tracker scan`, run as the real command: --no-store touches no database; without it each
// receipt is stored and read at once, and the same file again is reported as a duplicate.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { receiptImage } from '../helpers/images.ts';
import { runCli } from '../helpers/process.ts';

let dir: string;
let images: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tt-scan-'));
  images = join(dir, 'images');
  await mkdir(images);
  const receipt = await receiptImage([
    'BLUE BOTTLE COFFEE',
    '12 Market Street',
    'Date: 03/10/2026',
    'Latte          4.50',
    'Croissant      3.00',
    'TOTAL EUR      7.50',
  ]);
  await writeFile(join(images, 'a-coffee.jpg'), receipt);
  await writeFile(join(images, 'b-broken.jpg'), Buffer.from('not an image at all'));
  await writeFile(join(images, 'notes.txt'), 'skipped: not an image name');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('scan', () => {
  it('reads a folder with --no-store and no database, failing only the broken file', async () => {
    const dataDir = join(dir, 'no-store');
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', OCR_POOL_SIZE: '1' };
    const { code, stdout, stderr } = await runCli(['scan', images, '--no-store', '--json'], env);
    expect(code, stderr).toBe(3);
    expect(lines(stdout)).toHaveLength(2);
    const [coffee, broken] = lines(stdout).sort((a, b) => String(a.file).localeCompare(String(b.file)));
    expect(coffee).toMatchObject({ file: join(images, 'a-coffee.jpg'), total: '7.50', currency: 'EUR' });
    expect(broken).toMatchObject({ file: join(images, 'b-broken.jpg'), status: 'failed' });
    expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
  }, 120_000);

  describe('storing', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('stores and reads each receipt, and knows the same file again', async () => {
      const env = { DATABASE_URL: database.url, DATA_DIR: join(dir, 'store'), LOG_LEVEL: 'warn' };
      const file = join(images, 'a-coffee.jpg');
      // One process, one file at a time: the second pass finds the receipt the first one stored.
      const { code, stdout, stderr } = await runCli(['scan', file, file, '--json', '--concurrency', '1'], env);
      expect(code, stderr).toBe(0);
      const [first, again] = lines(stdout);
      expect(first).toMatchObject({ total: '7.50', currency: 'EUR' });
      expect(['confirmed', 'needs_review']).toContain(first?.status);
      expect(first?.warnings ?? []).not.toContain('duplicate of a receipt sent before');
      expect(again?.warnings).toContain('duplicate of a receipt sent before');
      const stored = await database.prisma.receipt.findMany();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ sourcePlatform: 'cli', status: first?.status });
      expect(stored[0]?.total?.toFixed(2)).toBe('7.50');
    }, 120_000);
  });
});
