// `ticket-tracker import <file.csv|file.jsonl>`: receipts from another tool, loaded as confirmed.
// Every row is checked first, by the same field rules as every other entry point (12,50 and 1.234,56
// read right, dates in the configured order, ISO 4217 currencies, the total ceiling); a file with a bad row imports nothing (unless skipBad), and every
// problem is reported with its line number.
import { z } from 'zod';
import { resolveUser } from '../access/people.ts';
import { parseCsvWithHeader } from '../csv.ts';
import { Prisma, type PrismaClient } from '../db/client.ts';
import { type Checked, readAmount, readText } from '../fields/receipt-fields.ts';
import { startOfDay } from '../iso-date.ts';
import { formatCents } from '../money.ts';
import { type Entry, type FieldInputRules, readEntry } from './field-input.ts';

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportResult {
  imported: number;
  skipped: number;
  problems: ImportProblem[];
  usersCreated: number;
}

const cell = z.union([z.string(), z.number()]).nullish();

/** The row as written; each value is then read by the field rules (field-input.ts). */
const rawRowSchema = z.object({
  employee: z.string(),
  merchant: z.string(),
  date: z.string(),
  currency: z.string(),
  total: z.union([z.string(), z.number()]),
  category: z.string().nullish(),
  tax: cell,
  items: z
    .array(
      z.object({
        description: z.string(),
        quantity: z.union([z.number(), z.string()]).nullish(),
        unitPrice: cell,
        amount: cell,
      }),
    )
    .max(200)
    .optional(),
});

export interface ImportRow extends Entry {
  employee: string;
  items?: { description: string; quantity: string | null; unitPrice: string | null; amount: string | null }[];
}

const requiredColumns = ['employee', 'merchant', 'date', 'currency', 'total', 'category', 'tax'];

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
}

/** A line item's amount: as people write it, negative for a discount; empty is none. */
function itemAmount(value: string | number | null | undefined, label: string): Checked<string | null> {
  if (value === null || value === undefined || value === '') return { ok: true, value: null };
  const read = readAmount(value, label);
  return read.ok ? { ok: true, value: formatCents(read.value) } : read;
}

/** One row by the field rules: the receipt, or every problem as "field: problem". */
function checkRow(raw: unknown, rules: FieldInputRules): { ok: true; row: ImportRow } | { ok: false; message: string } {
  const parsed = rawRowSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: describe(parsed.error) };
  const { employee, items, ...fields } = parsed.data;
  const problems: string[] = [];
  const person = readText(employee, { label: 'The employee', max: 200, required: true });
  if (!person.ok) problems.push(`employee: ${person.problem}`);
  const entry = readEntry(fields, rules);
  if (!entry.ok) problems.push(...entry.problems.map(({ field, problem }) => `${field}: ${problem}`));
  const lineItems: NonNullable<ImportRow['items']> = [];
  for (const [index, item] of (items ?? []).entries()) {
    const description = readText(item.description, { label: 'The description', max: 300, required: true });
    const unitPrice = itemAmount(item.unitPrice, 'The unit price');
    const amount = itemAmount(item.amount, 'The amount');
    const quantity = item.quantity == null || item.quantity === '' ? null : String(item.quantity).replace(',', '.');
    if (quantity !== null && !/^\d{1,9}(\.\d{1,3})?$/.test(quantity)) {
      problems.push(`items.${index}.quantity: "${item.quantity}" is not a quantity such as 2 or 0.755.`);
    }
    for (const [name, checked] of Object.entries({ description, unitPrice, amount })) {
      if (!checked.ok) problems.push(`items.${index}.${name}: ${checked.problem}`);
    }
    if (description.ok && unitPrice.ok && amount.ok) {
      lineItems.push({ description: description.value!, quantity, unitPrice: unitPrice.value, amount: amount.value });
    }
  }
  if (problems.length > 0 || !entry.ok || !person.ok) return { ok: false, message: problems.join('; ') };
  return { ok: true, row: { employee: person.value!, ...entry.entry, items: items ? lineItems : undefined } };
}

/** The rows of a CSV or JSONL file, checked; problems carry the file's line numbers. */
export function readImportFile(
  name: string,
  text: string,
  rules: FieldInputRules,
): { rows: { line: number; row: ImportRow }[]; problems: ImportProblem[] } {
  const rows: { line: number; row: ImportRow }[] = [];
  const problems: ImportProblem[] = [];
  const check = (line: number, raw: unknown) => {
    const checked = checkRow(raw, rules);
    if (checked.ok) rows.push({ line, row: checked.row });
    else problems.push({ line, message: checked.message });
  };
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) {
    text.split('\n').forEach((content, index) => {
      if (content.trim() === '') return;
      try {
        check(index + 1, JSON.parse(content));
      } catch {
        problems.push({ line: index + 1, message: 'not valid JSON' });
      }
    });
    return { rows, problems };
  }
  const { columns, rows: records } = parseCsvWithHeader(text);
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return { rows, problems: [{ line: 1, message: `the header lacks ${missing.join(', ')}` }] };
  }
  for (const record of records) {
    if (record.cells.length !== columns.length) {
      problems.push({ line: record.line, message: `${record.cells.length} fields, the header has ${columns.length}` });
      continue;
    }
    check(record.line, Object.fromEntries(columns.map((column, i) => [column, record.cells[i]])));
  }
  return { rows, problems };
}

export async function importReceipts(
  prisma: PrismaClient,
  rows: { line: number; row: ImportRow }[],
): Promise<{ imported: number; usersCreated: number }> {
  return prisma.$transaction(
    async (tx) => {
      const users = new Map<string, string>();
      let usersCreated = 0;
      for (const name of new Set(rows.map(({ row }) => row.employee))) {
        // The same person `token create --user` and `ask --as` find; a name two people share is refused.
        const existing = await resolveUser(tx, name);
        const user =
          existing ??
          (await tx.user.create({
            data: { platform: 'cli', platformUserId: `import:${name.toLowerCase()}`, displayName: name },
          }));
        if (!existing) usersCreated++;
        users.set(name, user.id);
      }
      const now = new Date();
      const columns = (row: ImportRow) => ({
        userId: users.get(row.employee)!,
        sourcePlatform: 'cli' as const,
        status: 'confirmed' as const,
        extractor: 'import' as const,
        merchant: row.merchant,
        purchaseDate: startOfDay(row.date),
        currency: row.currency,
        total: new Prisma.Decimal(row.total),
        tax: row.tax === null ? null : new Prisma.Decimal(row.tax),
        category: row.category,
        processedAt: now,
        confirmedAt: now,
      });
      const plain = rows.filter(({ row }) => !row.items?.length);
      for (let start = 0; start < plain.length; start += 1000) {
        await tx.receipt.createMany({ data: plain.slice(start, start + 1000).map(({ row }) => columns(row)) });
      }
      for (const { row } of rows.filter(({ row }) => row.items?.length)) {
        await tx.receipt.create({
          data: {
            ...columns(row),
            items: {
              create: row.items!.map((item, position) => ({
                position,
                description: item.description,
                quantity: item.quantity === null ? null : new Prisma.Decimal(item.quantity),
                unitPrice: item.unitPrice === null ? null : new Prisma.Decimal(item.unitPrice),
                amount: item.amount === null ? null : new Prisma.Decimal(item.amount),
              })),
            },
          },
        });
      }
      return { imported: rows.length, usersCreated };
    },
    { timeout: 600_000 },
  );
}
