// npm run make:european-receipts -- [--out data/synthetic-eu] [--count 120] [--seed 2026] [--only 3,17]
// Draws synthetic till receipts from France, Germany, Spain, Italy, the UK, Ireland, the Netherlands
// and Switzerland, renders them as photos and writes NNN.jpg with its ground truth NNN.json (the
// SROIE fields plus currency and tax) for `npm run eval`. The same seed draws the same receipts.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { locales } from './synthetic-receipts/locales.ts';
import { createRandom } from './synthetic-receipts/random.ts';
import { drawReceipt } from './synthetic-receipts/receipt.ts';
import { renderReceipt } from './synthetic-receipts/render.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'data/synthetic-eu' },
    count: { type: 'string', default: '120' },
    seed: { type: 'string', default: '2026' },
    only: { type: 'string' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run make:european-receipts -- [--out DIR] [--count N] [--seed N] [--only 3,17]');
  process.exit(2);
}

/** How often each locale comes up: the languages the product's users write in, most of all. */
const shares: Record<string, number> = {
  fr: 20,
  de: 22,
  es: 17,
  it: 17,
  'en-gb': 9,
  'en-ie': 4,
  nl: 6,
  'ch-de': 3,
  'ch-fr': 2,
};
const weighted = locales.map((locale) => [locale, shares[locale.id] ?? 1] as const);
const indices = values.only ? values.only.split(',').map(Number) : Array.from({ length: count }, (_, index) => index);

await mkdir(values.out, { recursive: true });
const drawn: Record<string, number> = {};
for (const index of indices) {
  // Each receipt has its own stream, so receipt 7 is the same whatever the count.
  const random = createRandom(Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
  const locale = random.weighted(weighted);
  const receipt = drawReceipt(random, locale);
  const name = String(index).padStart(3, '0');
  await writeFile(join(values.out, `${name}.jpg`), await renderReceipt(receipt, random));
  await writeFile(join(values.out, `${name}.json`), `${JSON.stringify(receipt.truth, null, 1)}\n`);
  drawn[locale.id] = (drawn[locale.id] ?? 0) + 1;
}
await writeFile(
  join(values.out, 'manifest.json'),
  `${JSON.stringify({ generator: 'scripts/make-european-receipts.ts', seed, receipts: indices.length, locales: drawn }, null, 1)}\n`,
);
console.log(`${indices.length} receipts in ${values.out}: ${JSON.stringify(drawn)}`);
