// npm run eval -- <folder> [--ocr-cache DIR] [--verbose]
// Reads <id>.jpg + <id>.json pairs through the same reader as the service (no database) and prints
// accuracy per field, how many receipts passed every check (would be confirmed without a person) and
// how many of those carry the right total, and mean seconds per receipt. OCR_ENGINE picks the engines.
// --ocr-cache keeps OCR results between runs while tuning rules (keyed by engine and page image, so a
// preprocessing or engine change reads again).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { compareReceipt, evaluatedFields, type GroundTruth } from '../src/pipeline/evaluation.ts';
import { createExtractor, extractionContext } from '../src/pipeline/extract/index.ts';
import type { OcrPool } from '../src/pipeline/ocr.ts';
import { createOcrPools, type OcrReader } from '../src/pipeline/ocr-engines.ts';
import type { OcrResult } from '../src/pipeline/ocr-types.ts';
import { paddleReadingVersion } from '../src/pipeline/paddle/engine.ts';
import { mendAgain } from '../src/pipeline/paddle/layout.ts';
import { createReceiptReader } from '../src/pipeline/reader.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'ocr-cache': { type: 'string' }, verbose: { type: 'boolean', default: false } },
});
const folder = positionals[0];
if (!folder) {
  console.error('usage: npm run eval -- <folder> [--ocr-cache DIR] [--verbose]');
  process.exit(2);
}

const config = loadConfig(process.env);
const logger = createLogger({ level: 'warn', pretty: false });
const cacheDir = values['ocr-cache'];
if (cacheDir) await mkdir(cacheDir, { recursive: true });

/** The pool with its readings kept in the cache folder. */
function cached(pool: OcrPool, engine: OcrReader): OcrPool {
  if (!cacheDir) return pool;
  const languages = config.ocrLanguages;
  return {
    get started() {
      return pool.started;
    },
    close: () => pool.close(),
    async recognize(image) {
      const key = createHash('sha256').update(image).digest('hex').slice(0, 32);
      // Readings with English alone keep their old names, so caches made before OCR_LANGUAGES still serve.
      const models = engine === 'paddle' || languages.join('+') === 'eng' ? '' : `${languages.join('+')}-`;
      const name = engine === 'paddle' ? `paddle${paddleReadingVersion}` : engine;
      const file = join(cacheDir, `${name}-${models}${key}.json`);
      const cachedReading = await readFile(file, 'utf8').catch(() => null);
      if (cachedReading) {
        const reading = JSON.parse(cachedReading) as OcrResult;
        return engine === 'paddle' ? mendAgain(reading) : reading;
      }
      const result = await pool.recognize(image);
      await writeFile(file, JSON.stringify(result));
      return result;
    },
  };
}

const pools = createOcrPools({
  engine: config.ocrEngine,
  size: config.ocrPoolSize,
  timeoutMs: 120_000,
  languages: config.ocrLanguages,
  logger,
  wrap: cached,
});
const extractor = createExtractor(config, logger);
const reader = createReceiptReader({
  ocr: pools.ocr,
  secondOcr: pools.secondOcr,
  crossCheck: config.ocrEngine === 'both',
  extractor,
  limits: config.limits,
  context: () => extractionContext(config),
});

const ids = (await readdir(folder))
  .filter((name) => name.endsWith('.json') && name !== 'manifest.json')
  .map((name) => name.slice(0, -5))
  .sort();
const hits = Object.fromEntries(evaluatedFields.map((field) => [field, 0])) as Record<string, number>;
const scored = Object.fromEntries(evaluatedFields.map((field) => [field, 0])) as Record<string, number>;
/** Receipts that passed every check, and of those the ones whose total is right. */
let confirmed = 0;
let confirmedRight = 0;
const started = performance.now();
const queue = [...ids];
// A few receipts in flight per OCR worker keep the pool busy without decoding every image at once.
const inFlight = Array.from({ length: config.ocrPoolSize * 2 }, async () => {
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const truth = JSON.parse(await readFile(join(folder, `${id}.json`), 'utf8')) as GroundTruth;
    const read = await reader.read(await readFile(join(folder, `${id}.jpg`)));
    const receipt = read.extraction.receipt;
    const result = compareReceipt(receipt, truth);
    for (const field of evaluatedFields) {
      if (result[field] === undefined) continue;
      scored[field] = (scored[field] ?? 0) + 1;
      if (result[field]) hits[field] = (hits[field] ?? 0) + 1;
    }
    if (read.warnings.length === 0) {
      confirmed++;
      if (result.total) confirmedRight++;
      else if (values.verbose) {
        console.log(
          `${id} confirmed with a wrong total: ${receipt.total} (confidence ${receipt.fieldConfidence.total}) want ${truth.total}`,
        );
      }
    }
    const misses = evaluatedFields.filter((field) => result[field] === false);
    if (values.verbose && misses.length) {
      const got = {
        company: receipt.merchant,
        date: receipt.date,
        address: receipt.merchantAddress,
        total: receipt.total,
        currency: receipt.currency,
        tax: receipt.tax,
      };
      console.log(`${id} missed ${misses.join(', ')}`);
      for (const field of misses) {
        console.log(`  ${field}: got ${JSON.stringify(got[field])} want ${JSON.stringify(truth[field])}`);
      }
    }
  }
});
await Promise.all(inFlight);
const seconds = (performance.now() - started) / 1000;
await pools.close();

console.log(
  `receipts: ${ids.length}  extractor: ${extractor.name}  OCR_ENGINE=${config.ocrEngine}${cacheDir ? '  (OCR from cache where present)' : ''}`,
);
for (const field of evaluatedFields) {
  const count = hits[field] ?? 0;
  const of = scored[field] ?? 0;
  if (of === 0) continue;
  console.log(`${field.padEnd(8)} ${((100 * count) / of).toFixed(1).padStart(5)} %  (${count}/${of})`);
}
const share = (count: number, of: number) =>
  `${((100 * count) / Math.max(1, of)).toFixed(1).padStart(5)} %  (${count}/${of})`;
console.log(`checks   ${share(confirmed, ids.length)} passed every check (would be confirmed)`);
console.log(`  right  ${share(confirmedRight, confirmed)} of those have the right total`);
console.log(
  `mean     ${(seconds / Math.max(1, ids.length)).toFixed(2)} s/receipt (wall clock, pool of ${config.ocrPoolSize}, second look on doubtful receipts)`,
);
