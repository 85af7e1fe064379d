// npm run eval -- <folder> [--ocr-cache DIR] [--verbose]
// Reads <id>.jpg + <id>.json pairs, runs the pipeline (no database) and prints accuracy per field
// and mean seconds per receipt. --ocr-cache keeps OCR results between runs while tuning rules.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { compareReceipt, evaluatedFields, type GroundTruth } from '../src/pipeline/evaluation.ts';
import { checkReceipt } from '../src/pipeline/extract/checks.ts';
import { createExtractor, extractionContext } from '../src/pipeline/extract/index.ts';
import { prepareImage } from '../src/pipeline/intake.ts';
import { createOcrPool } from '../src/pipeline/ocr.ts';
import type { OcrResult } from '../src/pipeline/ocr-types.ts';
import { preprocessForOcr } from '../src/pipeline/preprocess.ts';

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
const extractor = createExtractor(config, logger);
const ocr = createOcrPool({ size: config.ocrPoolSize, timeoutMs: 120_000, logger });
const cacheDir = values['ocr-cache'];
if (cacheDir) await mkdir(cacheDir, { recursive: true });

async function readOcr(id: string, file: string): Promise<OcrResult> {
  const cached = cacheDir ? join(cacheDir, `${id}.json`) : null;
  if (cached) {
    const text = await readFile(cached, 'utf8').catch(() => null);
    if (text) return JSON.parse(text) as OcrResult;
  }
  const image = await prepareImage(await readFile(file), config.limits);
  const result = await ocr.recognize((await preprocessForOcr(image.page.bytes)).bytes);
  if (cached) await writeFile(cached, JSON.stringify(result));
  return result;
}

const ids = (await readdir(folder))
  .filter((name) => name.endsWith('.json') && name !== 'manifest.json')
  .map((name) => name.slice(0, -5))
  .sort();
const hits = Object.fromEntries(evaluatedFields.map((field) => [field, 0])) as Record<string, number>;
const started = performance.now();
await Promise.all(
  ids.map(async (id) => {
    const truth = JSON.parse(await readFile(join(folder, `${id}.json`), 'utf8')) as GroundTruth;
    const context = extractionContext(config);
    const ocrResult = await readOcr(id, join(folder, `${id}.jpg`));
    const { receipt } = await extractor.extract({ ocr: ocrResult }, context);
    const checked = checkReceipt(receipt, context).receipt;
    const result = compareReceipt(checked, truth);
    for (const field of evaluatedFields) if (result[field]) hits[field] = (hits[field] ?? 0) + 1;
    if (values.verbose) {
      const misses = evaluatedFields.filter((field) => !result[field]);
      if (misses.length) {
        console.log(`${id} missed ${misses.join(', ')}`);
        const got = {
          company: checked.merchant,
          date: checked.date,
          address: checked.merchantAddress,
          total: checked.total,
        };
        for (const field of misses)
          console.log(`  ${field}: got ${JSON.stringify(got[field])} want ${JSON.stringify(truth[field])}`);
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
await ocr.close();

console.log(
  `receipts: ${ids.length}  extractor: ${extractor.name}${cacheDir ? '  (OCR from cache where present)' : ''}`,
);
for (const field of evaluatedFields) {
  const count = hits[field] ?? 0;
  console.log(
    `${field.padEnd(8)} ${((100 * count) / Math.max(1, ids.length)).toFixed(1).padStart(5)} %  (${count}/${ids.length})`,
  );
}
console.log(
  `mean     ${(seconds / Math.max(1, ids.length)).toFixed(2)} s/receipt (wall clock, pool of ${config.ocrPoolSize})`,
);
