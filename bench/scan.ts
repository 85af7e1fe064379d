// npm run bench:scan [-- <folder>]: `ticket-tracker scan --no-store` over a folder of receipts, per OCR
// engine (OCR_ENGINE; BENCH_ENGINES, default tesseract,paddle,both) with --concurrency 1 and 2 (or the
// numbers in BENCH_CONCURRENCY): receipts per second, CPU seconds per receipt (all threads of the
// process), p50/p95 per receipt and the peak resident memory of the process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from './percentiles.ts';
import type { ProcessUsage } from './usage.ts';

const folder = process.argv[2] ?? new URL('../../shared/data/sroie-dev', import.meta.url).pathname;
if (!existsSync(folder)) {
  console.log(`No receipts at ${folder}: nothing to measure. Pass a folder of receipt images.`);
  process.exit(0);
}
const images = readdirSync(folder).filter((name) => /\.(jpe?g|png|webp|tiff?|heic|pdf)$/i.test(name)).length;
const levels = (process.env.BENCH_CONCURRENCY ?? '1,2').split(',').map(Number);
const engines = (process.env.BENCH_ENGINES ?? 'tesseract,paddle,both').split(',');
const cli = new URL('../src/cli.ts', import.meta.url).pathname;
const preload = new URL('./usage.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'bench-scan-'));

for (const engine of engines) {
  const seconds: number[] = [];
  for (const concurrency of levels) {
    const usageFile = join(dir, `${engine}-${concurrency}.json`);
    const started = performance.now();
    const run = spawnSync(
      process.execPath,
      ['--import', preload, cli, 'scan', folder, '--no-store', '--json', '--concurrency', String(concurrency)],
      {
        env: { ...process.env, LOG_LEVEL: 'warn', OCR_ENGINE: engine, BENCH_USAGE_FILE: usageFile },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const elapsed = (performance.now() - started) / 1000;
    if (run.status !== 0 && run.status !== 3) {
      console.error(run.stderr);
      process.exit(1);
    }
    const ms = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { ms: number }).ms);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as ProcessUsage;
    seconds.push(elapsed);
    console.log(
      `${engine.padEnd(9)} concurrency ${concurrency}: ${(images / elapsed).toFixed(2)} receipts/s, ` +
        `${(usage.cpuSeconds / images).toFixed(2)} CPU-s per receipt, ` +
        `p50 ${percentile(ms, 0.5)} ms, p95 ${percentile(ms, 0.95)} ms, peak RSS ${usage.peakRssMb.toFixed(0)} MB ` +
        `(${images} images in ${elapsed.toFixed(1)} s)`,
    );
  }
  for (let index = 1; index < levels.length; index++) {
    console.log(
      `${engine.padEnd(9)} speed-up ${levels[index]} vs ${levels[0]}: ${(seconds[0]! / seconds[index]!).toFixed(2)}x`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
