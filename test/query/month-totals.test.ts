// receipt_month_totals and receipt_merchant_month_totals are kept by triggers on receipts, and
// questions over whole months read them: after every kind of write each must equal a recount of the
// receipts, and every plan must give the same answer from them as from the receipts alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/db/client.ts';
import type { User } from '../../src/generated/prisma/client.ts';
import { executePlan, type Scope } from '../../src/query/execute.ts';
import { emptyFilters, type QueryPlan } from '../../src/query/plan.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { generateExpenses, storeExpenses } from '../helpers/expenses.ts';

const today = new Date('2026-11-20T12:00:00Z');
const people = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];
const categories = ['meals', 'travel', 'office'];

const recount = Prisma.sql`
  SELECT date_trunc('month', purchase_date)::date AS month, user_id, COALESCE(category, '') AS category,
         COALESCE(currency, '') AS currency, status::text, COUNT(*)::int AS receipts, SUM(total)::text AS total
  FROM receipts
  WHERE purchase_date IS NOT NULL AND total IS NOT NULL AND status IN ('confirmed', 'needs_review')
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;
const kept = Prisma.sql`
  SELECT month, user_id, category, currency, status::text, receipts, total::text
  FROM receipt_month_totals WHERE receipts <> 0 ORDER BY 1, 2, 3, 4, 5`;
const recountByMerchant = Prisma.sql`
  SELECT date_trunc('month', purchase_date)::date AS month, COALESCE(merchant, '') AS merchant,
         COALESCE(currency, '') AS currency, status::text, COUNT(*)::int AS receipts, SUM(total)::text AS total
  FROM receipts
  WHERE purchase_date IS NOT NULL AND total IS NOT NULL AND status IN ('confirmed', 'needs_review')
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
const keptByMerchant = Prisma.sql`
  SELECT month, merchant, currency, status::text, receipts, total::text
  FROM receipt_merchant_month_totals WHERE receipts <> 0 ORDER BY 1, 2, 3, 4`;

describe('receipt_month_totals and receipt_merchant_month_totals', () => {
  let database: TestDatabase;
  let users: User[];

  async function expectInStep() {
    expect(await database.prisma.$queryRaw(kept)).toEqual(await database.prisma.$queryRaw(recount));
    expect(await database.prisma.$queryRaw(keptByMerchant)).toEqual(await database.prisma.$queryRaw(recountByMerchant));
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const rows = generateExpenses({
      seed: 11,
      count: 400,
      today,
      people,
      merchants: ['Blue Bottle', 'Air Lisbon', 'Paper Co'],
      categories,
      maxCents: 30_000,
      withStatuses: true,
    });
    users = await storeExpenses(database.prisma, people, rows);
    await database.prisma.receipt.createMany({
      data: [
        { userId: users[0]!.id, sourcePlatform: 'cli', status: 'confirmed', total: '12.50', currency: 'EUR' },
        { userId: users[0]!.id, sourcePlatform: 'cli', status: 'confirmed', total: '7.25', purchaseDate: today },
        { userId: users[1]!.id, sourcePlatform: 'cli', status: 'needs_review', total: '3.10', purchaseDate: today },
        { userId: users[2]!.id, sourcePlatform: 'cli', status: 'queued' },
      ],
    });
  });
  afterAll(() => database.drop());

  it('follows inserts, edits, state changes, moves between months, deletes and concurrent writers', async () => {
    const { prisma } = database;
    await expectInStep();

    const some = await prisma.receipt.findMany({
      where: { purchaseDate: { not: null } },
      take: 60,
      orderBy: { id: 'asc' },
    });
    await prisma.receipt.update({ where: { id: some[0]!.id }, data: { total: '999.99' } });
    await prisma.receipt.update({ where: { id: some[1]!.id }, data: { purchaseDate: new Date('2025-06-30') } });
    await prisma.receipt.update({
      where: { id: some[2]!.id },
      data: { category: null, currency: null, merchant: null },
    });
    await prisma.receipt.update({ where: { id: some[3]!.id }, data: { status: 'deleted', deletedAt: new Date() } });
    await prisma.receipt.update({ where: { id: some[4]!.id }, data: { userId: users[2]!.id } });
    await prisma.receipt.update({ where: { id: some[5]!.id }, data: { ocrText: 'nothing counted changes' } });
    await prisma.receipt.updateMany({ where: { merchant: 'Paper Co' }, data: { merchant: 'Paper Company' } });
    await prisma.receipt.updateMany({ where: { category: 'office' }, data: { status: 'needs_review' } });
    await prisma.receipt.deleteMany({ where: { id: { in: some.slice(6, 10).map((receipt) => receipt.id) } } });
    await expectInStep();

    // Many writers at once, each in its own transaction, on the same months and people.
    await Promise.all(
      some.slice(10, 60).map((receipt, index) =>
        index % 2
          ? prisma.receipt.update({ where: { id: receipt.id }, data: { total: { increment: 1 } } })
          : prisma.receipt.create({
              data: {
                userId: receipt.userId,
                sourcePlatform: 'cli',
                status: 'confirmed',
                purchaseDate: receipt.purchaseDate,
                category: receipt.category,
                currency: receipt.currency,
                total: '1.01',
              },
            }),
      ),
    );
    await expectInStep();

    // A rolled-back write leaves no trace.
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.receipt.updateMany({ data: { total: '1.00' } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await expectInStep();
  });

  it('gives every plan the same answer as the receipts alone', async () => {
    const periods: [string | null, string | null][] = [
      [null, null],
      ['2026-01-01', '2026-12-31'],
      ['2026-01-01', '2026-11-20'],
      ['2025-07-15', '2026-03-10'],
      ['2026-10-01', '2026-10-31'],
      ['2026-10-03', '2026-10-17'],
      ['2026-09-20', '2026-10-05'],
      ['2026-03-01', null],
      ['2026-03-02', null],
      [null, '2026-02-28'],
      [null, '2026-02-27'],
    ];
    const filterSets: Partial<QueryPlan['filters']>[] = [
      {},
      { categories: ['travel', 'meals'] },
      { employees: [users[0]!.id] },
      { currency: 'EUR' },
      { statuses: ['needs_review'] },
    ];
    const scopes: Scope[] = [{ userId: null }, { userId: users[2]!.id }];
    let compared = 0;
    for (const measure of ['total', 'count', 'average'] as const) {
      for (const groupBy of [
        null,
        'category',
        'employee',
        'merchant',
        'month',
        'quarter',
        'year',
        'currency',
      ] as const) {
        for (const [from, to] of periods) {
          for (const filters of filterSets) {
            for (const scope of scopes) {
              const plan: QueryPlan = {
                measure,
                groupBy,
                filters: { ...emptyFilters(), from, to, ...filters },
                ascending: false,
                limit: null,
              };
              const fromTotals = await executePlan(database.prisma, plan, scope);
              const fromReceipts = await executePlan(database.prisma, plan, scope, { monthTotals: false });
              expect(fromTotals, JSON.stringify({ plan, scope })).toEqual(fromReceipts);
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBe(3 * 8 * periods.length * filterSets.length * scopes.length);
  }, 120_000); // a few hundred plans, each run twice: slow on a busy machine, not a timing test

  it('is what whole-month questions read', async () => {
    const plan: QueryPlan = {
      measure: 'count',
      groupBy: null,
      filters: { ...emptyFilters(), from: '2026-01-01', to: '2026-06-30' },
      ascending: false,
      limit: null,
    };
    const before = await executePlan(database.prisma, plan, { userId: null });
    await database.prisma
      .$executeRaw`UPDATE receipt_month_totals SET receipts = receipts + 1 WHERE month = '2026-03-01'`;
    try {
      const after = await executePlan(database.prisma, plan, { userId: null });
      expect(after).not.toEqual(before);
    } finally {
      await database.prisma
        .$executeRaw`UPDATE receipt_month_totals SET receipts = receipts - 1 WHERE month = '2026-03-01'`;
    }
  });

  it('is what rankings of merchants over whole months read', async () => {
    const plan: QueryPlan = {
      measure: 'total',
      groupBy: 'merchant',
      filters: { ...emptyFilters(), from: '2026-01-01', to: '2026-06-30' },
      ascending: false,
      limit: 5,
    };
    const before = await executePlan(database.prisma, plan, { userId: null });
    await database.prisma
      .$executeRaw`UPDATE receipt_merchant_month_totals SET total = total + 1000 WHERE month = '2026-03-01'`;
    try {
      const after = await executePlan(database.prisma, plan, { userId: null });
      expect(after).not.toEqual(before);
    } finally {
      await database.prisma
        .$executeRaw`UPDATE receipt_merchant_month_totals SET total = total - 1000 WHERE month = '2026-03-01'`;
    }
  });

  it('empties with TRUNCATE', async () => {
    await database.prisma.$executeRawUnsafe('TRUNCATE receipts CASCADE');
    expect(await database.prisma.receiptMonthTotal.count()).toBe(0);
    expect(await database.prisma.receiptMerchantMonthTotal.count()).toBe(0);
  });
});
