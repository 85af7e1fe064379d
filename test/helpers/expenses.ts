// Receipts of a small company over 18 months, the same every run, for query tests: generated here,
// stored through Prisma, and kept as plain rows so tests can compute expected figures themselves.
// storeExpenses also stores the rows of the other generator (query/fixtures/admin-expenses.ts).
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../../src/db/client.ts';
import type { User } from '../../src/generated/prisma/client.ts';
import { formatCents } from '../../src/money.ts';

export interface ExpenseRow {
  /** Index into `people`. */
  user: number;
  merchant: string;
  category: string;
  date: string;
  currency: string;
  cents: bigint;
  status: 'confirmed' | 'needs_review' | 'deleted';
  /** Optional: the receipt's id (made up when absent), VAT in cents, line item descriptions. */
  id?: string;
  tax?: bigint | null;
  items?: readonly string[];
}

export interface ExpenseOptions {
  seed: number;
  count: number;
  today: Date;
  people: readonly string[];
  merchants: readonly string[];
  categories: readonly string[];
  maxCents: number;
  /** Every n-th receipt (by chance) deleted or to review; 0: all confirmed. */
  withStatuses: boolean;
}

export function generateExpenses(options: ExpenseOptions): ExpenseRow[] {
  let seed = options.seed;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const rows: ExpenseRow[] = [];
  for (let i = 0; i < options.count; i++) {
    const day = new Date(Date.UTC(2025, 5, 1) + next(538) * 86_400_000);
    if (day > options.today) continue;
    rows.push({
      user: next(options.people.length),
      merchant: options.merchants[next(options.merchants.length)]!,
      category: options.categories[next(options.categories.length)]!,
      date: day.toISOString().slice(0, 10),
      currency: next(10) < 8 ? 'EUR' : 'USD',
      cents: BigInt(100 + next(options.maxCents)),
      status: !options.withStatuses
        ? 'confirmed'
        : next(20) === 0
          ? 'deleted'
          : next(5) === 0
            ? 'needs_review'
            : 'confirmed',
    });
  }
  return rows;
}

/** The people (the second one an admin) and their receipts, with any line items, stored. */
export async function storeExpenses(
  prisma: PrismaClient,
  people: readonly string[],
  rows: readonly ExpenseRow[],
): Promise<User[]> {
  const users: User[] = [];
  for (const [index, name] of people.entries()) {
    users.push(
      await prisma.user.create({
        data: {
          platform: 'telegram',
          platformUserId: String(1000 + index),
          displayName: name,
          role: index === 1 ? 'admin' : 'employee',
        },
      }),
    );
  }
  const stored = rows.map((row) => ({ ...row, id: row.id ?? randomUUID() }));
  await prisma.receipt.createMany({
    data: stored.map((row) => ({
      id: row.id,
      userId: users[row.user]!.id,
      sourcePlatform: 'telegram' as const,
      status: row.status,
      merchant: row.merchant,
      category: row.category,
      purchaseDate: new Date(`${row.date}T00:00:00Z`),
      currency: row.currency,
      total: new Prisma.Decimal(formatCents(row.cents)),
      tax: row.tax == null ? null : new Prisma.Decimal(formatCents(row.tax)),
    })),
  });
  await prisma.lineItem.createMany({
    data: stored.flatMap((row) =>
      (row.items ?? []).map((description, position) => ({ receiptId: row.id, position, description })),
    ),
  });
  return users;
}
