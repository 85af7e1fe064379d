// PaddleOCR end to end: `scan --no-store` with OCR_ENGINE=paddle reads a fixture receipt (worker thread,
// both models, mending, offline rules) and finds its total; the models load once, in that process.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/process.ts';

const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'european', 'de-cafe.jpg');

describe('scan with PaddleOCR', () => {
  it('reads the total of a German café bill', async () => {
    const env = {
      OCR_ENGINE: 'paddle',
      OCR_POOL_SIZE: '1',
      LOG_LEVEL: 'warn',
      DATA_DIR: join(tmpdir(), 'tt-paddle-scan'),
    };
    const { code, stdout, stderr } = await runCli(['scan', fixture, '--no-store', '--json'], env);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout.trim())).toMatchObject({ total: '10.60', date: '2025-12-21', currency: 'EUR' });
  }, 120_000);
});
