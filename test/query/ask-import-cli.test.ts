// `ticket-tracker import` and `ticket-tracker ask`, run as the real command against a real Postgres.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/csv.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { runCli } from '../helpers/process.ts';

let database: TestDatabase;
let dir: string;
let env: Record<string, string>;

const csv = `employee,merchant,date,currency,total,category,tax
Ada Lovelace,Air Lisbon,2026-10-02,EUR,120.00,travel,
Ada Lovelace,"Cafe, ""The"" Corner",2026-10-03,EUR,8.50,meals,0.50
Grace Hopper,Hotel Sol,2026-10-10,EUR,300.00,lodging,27.00
Grace Hopper,Taxi Rapido,2026-09-28,USD,45.10,travel,
`;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'tt-import-'));
  env = { DATABASE_URL: database.url, DATA_DIR: dir, LOG_LEVEL: 'warn' };
});

afterAll(async () => {
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('import and ask', () => {
  it('parses quoted CSV fields with commas, quotes and line numbers', () => {
    expect(parseCsv('a,b\n"x, ""y""",2\r\n\n"multi\nline",3\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, "y"', '2'] },
      { line: 4, cells: ['multi\nline', '3'] },
    ]);
  });

  it('refuses a file with bad rows, naming each line, and imports nothing', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(
      bad,
      `${csv}Alan Turing,Paper Co,2026-13-01,EUR,10.00,office,\nAlan Turing,Paper Co,2026-10-01,EUR,"1,234",office,\n` +
        `Alan Turing,Paper Co,2099-10-01,XYZ,999999999999.99,office,\nAlan Turing,Pa\u0000per,2026-10-01,EUR,10.00,office,20\n`,
    );
    const { code, stderr } = await runCli(['import', bad], env);
    expect(code).toBe(3);
    expect(stderr).toContain('bad.csv:6: date: "2026-13-01" is not a date');
    expect(stderr).toContain('bad.csv:7: total: "1,234" can be read two ways; write 1234 or 1,234.00 / 1.234,00.');
    expect(stderr).toContain('bad.csv:8: date: The date 2099-10-01 is out of range');
    expect(stderr).toMatch(/bad\.csv:8: .*currency: "XYZ" is not a currency code/);
    expect(stderr).toMatch(/bad\.csv:8: .*total: The total 999999999999\.99 is more than one receipt can be/);
    expect(stderr).toMatch(/bad\.csv:9: merchant: The merchant contains a control character/);
    expect(await database.prisma.receipt.count()).toBe(0);
    expect(await database.prisma.receipt.count()).toBe(0);

    const skipped = await runCli(['import', bad, '--skip-bad'], env);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('Imported 4 receipts, 2 new users, skipped 4 bad rows.');
    await database.prisma.receipt.deleteMany();
  });

  it('reads amounts and dates as Europeans write them', async () => {
    const file = join(dir, 'european.csv');
    await writeFile(
      file,
      'employee,merchant,date,currency,total,category,tax\n' +
        'Ada Lovelace,Bäckerei,03.10.2026,eur,"12,50",meals,"1,20"\n' +
        'Ada Lovelace,Hotel,04.10.2026,EUR,"1.234,56",lodging,\n' +
        "Ada Lovelace,Zug,05.10.2026,CHF,1'234.50,travel,\n",
    );
    const { code, stdout } = await runCli(['import', file], env);
    expect(code).toBe(0);
    expect(stdout).toContain('Imported 3 receipts');
    const receipts = await database.prisma.receipt.findMany({ orderBy: { purchaseDate: 'asc' } });
    expect(
      receipts.map((receipt) => [
        receipt.purchaseDate?.toISOString().slice(0, 10),
        receipt.currency,
        receipt.total?.toFixed(2),
        receipt.tax?.toFixed(2) ?? null,
      ]),
    ).toEqual([
      ['2026-10-03', 'EUR', '12.50', '1.20'],
      ['2026-10-04', 'EUR', '1234.56', null],
      ['2026-10-05', 'CHF', '1234.50', null],
    ]);
    await database.prisma.receipt.deleteMany();
  });

  it('imports CSV and JSONL as confirmed receipts, creating people by name', async () => {
    const file = join(dir, 'receipts.csv');
    await writeFile(file, csv);
    const { code, stdout } = await runCli(['import', file], env);
    expect(code).toBe(0);
    expect(stdout).toContain('Imported 4 receipts');
    const jsonl = join(dir, 'more.jsonl');
    await writeFile(
      jsonl,
      `${JSON.stringify({ employee: 'Ada Lovelace', merchant: 'Paper Co', date: '2026-10-20', currency: 'EUR', total: '31.00', category: 'office', tax: '', items: [{ description: 'Paper', quantity: 2, unitPrice: '15.50', amount: '31.00' }] })}\n`,
    );
    expect((await runCli(['import', jsonl], env)).stdout).toContain('Imported 1 receipt, 0 new users');
    const receipts = await database.prisma.receipt.findMany({ include: { items: true, user: true } });
    expect(receipts).toHaveLength(5);
    expect(receipts.every((receipt) => receipt.status === 'confirmed' && receipt.extractor === 'import')).toBe(true);
    expect(receipts.find((receipt) => receipt.merchant === 'Paper Co')?.items).toHaveLength(1);
    expect(receipts.find((receipt) => receipt.merchant === 'Cafe, "The" Corner')?.tax?.toFixed(2)).toBe('0.50');
  });

  it('answers as JSON with the headline value and the plan', async () => {
    const { code, stdout } = await runCli(
      ['ask', 'how much did we spend in EUR in October?', '--json', '--today', '2026-11-20'],
      env,
    );
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({
      value: '459.50',
      currency: 'EUR',
      plan: { measure: 'total', filters: { from: '2026-10-01' } },
    });
    expect(answer.answer).toContain('€459.50');
  });

  it('answers as a given employee with their own receipts only', async () => {
    const { stdout } = await runCli(
      ['ask', 'total spend', '--as', 'Ada Lovelace', '--json', '--today', '2026-11-20'],
      env,
    );
    expect(JSON.parse(stdout)).toMatchObject({ value: '159.50', currency: 'EUR' });
    const unknown = await runCli(['ask', 'total', '--as', 'Nobody'], env);
    expect(unknown.code).toBe(1);
  });
});
