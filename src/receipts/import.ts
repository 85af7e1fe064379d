// `ticket-tracker import <file.csv|file.jsonl>`: receipts from another tool, loaded as confirmed.
// Every row is checked first; a file with a bad row imports nothing (unless skipBad), and every
// problem is reported with its line number.
import { z } from 'zod';
import { resolveUser } from '../access/people.ts';
import { parseCsvWithHeader } from '../csv.ts';
import { Prisma, type PrismaClient } from '../db/client.ts';
import { startOfDay } from '../iso-date.ts';
import { parseCents } from '../money.ts';

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

const money = z
  .string()
  .trim()
  .regex(/^-?\d{1,12}\.\d{2}$/, 'an amount with two decimals, such as 12.50');

const itemSchema = z.object({
  description: z.string().trim().min(1).max(300),
  quantity: z.union([z.number(), z.string()]).nullish(),
  unitPrice: money.nullish(),
  amount: money.nullish(),
});

const rowSchema = z.object({
  employee: z.string().trim().min(1, 'employee is empty').max(200),
  merchant: z.string().trim().min(1, 'merchant is empty').max(200),
  date: z.iso.date('date must be YYYY-MM-DD'),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'currency must be a three-letter code such as EUR')
    .transform((code) => code.toUpperCase()),
  total: money.refine((value) => (parseCents(value) ?? 0n) > 0n, 'total must be positive'),
  category: z.string().trim().toLowerCase().max(50).optional().default(''),
  tax: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .pipe(money.nullable()),
  items: z.array(itemSchema).max(200).optional(),
});

type ImportRow = z.infer<typeof rowSchema>;
const requiredColumns = ['employee', 'merchant', 'date', 'currency', 'total', 'category', 'tax'];

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ');
}

/** The rows of a CSV or JSONL file, checked; problems carry the file's line numbers. */
export function readImportFile(
  name: string,
  text: string,
): { rows: { line: number; row: ImportRow }[]; problems: ImportProblem[] } {
  const rows: { line: number; row: ImportRow }[] = [];
  const problems: ImportProblem[] = [];
  const check = (line: number, raw: unknown) => {
    const parsed = rowSchema.safeParse(raw);
    if (parsed.success) rows.push({ line, row: parsed.data });
    else problems.push({ line, message: describe(parsed.error) });
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
        category: row.category || null,
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
                quantity: item.quantity == null ? null : new Prisma.Decimal(String(item.quantity)),
                unitPrice: item.unitPrice == null ? null : new Prisma.Decimal(item.unitPrice),
                amount: item.amount == null ? null : new Prisma.Decimal(item.amount),
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
