// npm run bench:ocr [-- <folder>]: OCR alone over a folder of receipts, per engine (tesseract.js,
// PaddleOCR) with pools of 1 and 2 workers, each in its own process: receipts per second, CPU seconds
// per receipt (all threads), p50/p95 per receipt and the process's peak resident memory; then
// Debian's native `tesseract` CLI on the same pages when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareImage } from '../src/pipeline/intake.ts';
import type { OcrPool } from '../src/pipeline/ocr.ts';
import { createOcrPool } from '../src/pipeline/ocr.ts';
import { createPaddlePool } from '../src/pipeline/paddle/pool.ts';
import { preprocessForOcr } from '../src/pipeline/preprocess.ts';
import { percentile } from './percentiles.ts';
import type { ProcessUsage } from './usage.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { engine: { type: 'string' }, size: { type: 'string' } },
});
const folder = positionals[0] ?? new URL('../../shared/data/sroie-dev', import.meta.url).pathname;
if (!existsSync(folder)) {
  console.log(`No receipts at ${folder}: nothing to measure. Pass a folder of receipt images.`);
  process.exit(0);
}
const limits = { maxUploadBytes: 50 * 1024 * 1024, maxImagePixels: 50_000_000 };
const files = readdirSync(folder).filter((name) => /\.(jpe?g|png|webp|tiff?)$/i.test(name));

interface Measured {
  perSecond: number;
  cpuSeconds: number;
  p50: number;
  p95: number;
}

/** In the child process: one engine, one pool size, the pages read all at once. */
async function measure(engine: string, size: number): Promise<Measured> {
  const pages = await Promise.all(
    files.map(
      async (name) =>
        (await preprocessForOcr((await prepareImage(readFileSync(join(folder, name)), limits)).page.bytes)).bytes,
    ),
  );
  const pool: OcrPool =
    engine === 'paddle' ? createPaddlePool({ size, timeoutMs: 120_000 }) : createOcrPool({ size, timeoutMs: 120_000 });
  // Start the workers (model loads) outside the clock.
  await Promise.all(pages.slice(0, size).map((page) => pool.recognize(page)));
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    pages.map(async (page) => {
      const begun = performance.now();
      await pool.recognize(page);
      latencies.push(performance.now() - begun);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await pool.close();
  return {
    perSecond: pages.length / elapsed,
    cpuSeconds: (used.user + used.system) / 1e6 / pages.length,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}

if (values.engine) {
  console.log(JSON.stringify(await measure(values.engine, Number(values.size ?? 1))));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-ocr-'));
const self = new URL(import.meta.url).pathname;
const preload = new URL('./usage.ts', import.meta.url).pathname;
const line = (label: string, m: Measured, usage?: ProcessUsage) =>
  console.log(
    `${label.padEnd(24)} ${m.perSecond.toFixed(2)} receipts/s  ${m.cpuSeconds.toFixed(2)} CPU-s/receipt  ` +
      `p50 ${m.p50.toFixed(0)} ms  p95 ${m.p95.toFixed(0)} ms${usage ? `  peak RSS ${usage.peakRssMb.toFixed(0)} MB` : ''}`,
  );
const rates = new Map<string, number>();
for (const engine of ['tesseract', 'paddle']) {
  for (const size of [1, 2]) {
    const usageFile = join(dir, `${engine}-${size}.json`);
    const run = spawnSync(
      process.execPath,
      ['--import', preload, self, folder, '--engine', engine, '--size', String(size)],
      { env: { ...process.env, BENCH_USAGE_FILE: usageFile }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (run.status !== 0) {
      console.error(run.stderr);
      process.exit(1);
    }
    const measured = JSON.parse(run.stdout.trim().split('\n').pop()!) as Measured;
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as ProcessUsage;
    rates.set(`${engine} ${size}`, measured.perSecond);
    line(`${engine === 'paddle' ? 'PaddleOCR' : 'tesseract.js'} pool ${size}`, measured, usage);
  }
  console.log(
    `${engine} pool 2 vs pool 1: ${((rates.get(`${engine} 2`) ?? 0) / (rates.get(`${engine} 1`) ?? 1)).toFixed(2)}x`,
  );
}

if (spawnSync('tesseract', ['--version']).status === 0) {
  const latencies: number[] = [];
  const started = performance.now();
  for (const [index, name] of files.entries()) {
    const page = (await preprocessForOcr((await prepareImage(readFileSync(join(folder, name)), limits)).page.bytes))
      .bytes;
    const file = join(dir, `${index}.png`);
    writeFileSync(file, page);
    const begun = performance.now();
    spawnSync('tesseract', [file, 'stdout', '--psm', '6', '-l', 'eng'], { encoding: 'utf8' });
    latencies.push(performance.now() - begun);
  }
  const elapsedMs = latencies.reduce((sum, ms) => sum + ms, 0);
  const native = files.length / (elapsedMs / 1000);
  console.log(
    `${'native tesseract CLI'.padEnd(24)} ${native.toFixed(2)} receipts/s  p50 ${percentile(latencies, 0.5).toFixed(0)} ms  ` +
      `p95 ${percentile(latencies, 0.95).toFixed(0)} ms (one process at a time, ${((performance.now() - started) / 1000).toFixed(0)} s with preprocessing)`,
  );
} else {
  console.log('native tesseract CLI not installed (apt-get install tesseract-ocr): skipped');
}
rmSync(dir, { recursive: true, force: true });
