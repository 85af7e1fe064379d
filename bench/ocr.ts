// npm run bench:ocr [-- <folder>]: OCR alone over a folder of receipts with pools of 1 and 2
// workers, then Debian's native `tesseract` CLI on the same pages when it is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareImage } from '../src/pipeline/intake.ts';
import { createOcrPool } from '../src/pipeline/ocr.ts';
import { preprocessForOcr } from '../src/pipeline/preprocess.ts';
import { percentile } from './percentiles.ts';

const folder = process.argv[2] ?? new URL('../../shared/data/sroie-dev', import.meta.url).pathname;
if (!existsSync(folder)) {
  console.log(`No receipts at ${folder}: nothing to measure. Pass a folder of receipt images.`);
  process.exit(0);
}
const limits = { maxUploadBytes: 50 * 1024 * 1024, maxImagePixels: 50_000_000 };
const files = readdirSync(folder).filter((name) => /\.(jpe?g|png|webp|tiff?)$/i.test(name));
const pages = await Promise.all(
  files.map(
    async (name) =>
      (await preprocessForOcr((await prepareImage(readFileSync(join(folder, name)), limits)).page.bytes)).bytes,
  ),
);

function report(label: string, elapsedMs: number, latencies: number[]): number {
  const perSecond = pages.length / (elapsedMs / 1000);
  console.log(
    `${label.padEnd(22)} ${perSecond.toFixed(2)} receipts/s  p50 ${percentile(latencies, 0.5).toFixed(0)} ms  p95 ${percentile(latencies, 0.95).toFixed(0)} ms`,
  );
  return perSecond;
}

const rates = new Map<string, number>();
for (const size of [1, 2]) {
  const pool = createOcrPool({ size, timeoutMs: 120_000 });
  await pool.recognize(pages[0] ?? Buffer.alloc(0)).catch(() => undefined); // start the workers outside the clock
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    pages.map(async (page) => {
      const begun = performance.now();
      await pool.recognize(page);
      latencies.push(performance.now() - begun);
    }),
  );
  rates.set(`pool ${size}`, report(`tesseract.js pool ${size}`, performance.now() - started, latencies));
  await pool.close();
}
console.log(`pool 2 vs pool 1: ${((rates.get('pool 2') ?? 0) / (rates.get('pool 1') ?? 1)).toFixed(2)}x`);

if (spawnSync('tesseract', ['--version']).status === 0) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ocr-'));
  const latencies: number[] = [];
  const started = performance.now();
  pages.forEach((page, index) => {
    const file = join(dir, `${index}.png`);
    writeFileSync(file, page);
    const begun = performance.now();
    spawnSync('tesseract', [file, 'stdout', '--psm', '6', '-l', 'eng'], { encoding: 'utf8' });
    latencies.push(performance.now() - begun);
  });
  const native = report('native tesseract CLI', performance.now() - started, latencies);
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `tesseract.js pool 1 vs native CLI (one process at a time): ${((rates.get('pool 1') ?? 0) / native).toFixed(2)}x`,
  );
} else {
  console.log('native tesseract CLI not installed (apt-get install tesseract-ocr): skipped');
}
