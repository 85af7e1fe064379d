// npm run bench:scan [-- <folder>]: `ticket-tracker scan --no-store` over a folder of receipts with
// --concurrency 1 and 2 (or the numbers in BENCH_CONCURRENCY), wall time and the speed-up ratio.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { percentile } from './percentiles.ts';

const folder = process.argv[2] ?? new URL('../../shared/data/sroie-dev', import.meta.url).pathname;
if (!existsSync(folder)) {
  console.log(`No receipts at ${folder}: nothing to measure. Pass a folder of receipt images.`);
  process.exit(0);
}
const images = readdirSync(folder).filter((name) => /\.(jpe?g|png|webp|tiff?|heic|pdf)$/i.test(name)).length;
const levels = (process.env.BENCH_CONCURRENCY ?? '1,2').split(',').map(Number);
const cli = new URL('../src/cli.ts', import.meta.url).pathname;

const seconds: number[] = [];
for (const concurrency of levels) {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [cli, 'scan', folder, '--no-store', '--json', '--concurrency', String(concurrency)],
    {
      env: { ...process.env, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const elapsed = (performance.now() - started) / 1000;
  if (run.status !== 0 && run.status !== 3) {
    console.error(run.stderr);
    process.exit(1);
  }
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { ms: number });
  const ms = lines.map((line) => line.ms);
  seconds.push(elapsed);
  console.log(
    `concurrency ${concurrency}: ${images} images in ${elapsed.toFixed(1)} s, ${(images / elapsed).toFixed(2)} receipts/s, ` +
      `per receipt p50 ${percentile(ms, 0.5)} ms, p95 ${percentile(ms, 0.95)} ms`,
  );
}
for (let index = 1; index < levels.length; index++) {
  console.log(`speed-up ${levels[index]} vs ${levels[0]}: ${(seconds[0]! / seconds[index]!).toFixed(2)}x`);
}
