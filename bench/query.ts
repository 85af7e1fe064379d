// npm run bench:query: 20 typical questions against a database of generated receipts (1,000,000 by
// default; BENCH_RECEIPTS to change), offline planner; prints p50 and p95 per question, per kind of
// question (measure, grouping, ranking, comparison: read from the plan) and overall. The database:
// bench/setup.ts (DATABASE_URL's server, BENCH_DATABASE, BENCH_KEEP=1 to generate the receipts once).
import { createLogger } from '../src/logger.ts';
import type { QueryPlan } from '../src/query/plan.ts';
import { createQueryAgent } from '../src/query/query-agent.ts';
import { percentile } from './percentiles.ts';
import { loadAverage, openBenchDatabase } from './setup.ts';

const receipts = Number(process.env.BENCH_RECEIPTS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const logger = createLogger({ level: 'warn' });
const today = new Date('2026-11-20T12:00:00Z');

const questions = [
  'How much did we spend last month?',
  'How much did we spend on travel last month, by person?',
  'Top 5 merchants this year',
  'How many receipts in Q3?',
  'Average receipt in October',
  'Spending by month this year',
  'Biggest expense last month',
  'Total by category this year',
  'Who spent the most on travel this year?',
  'How many receipts over 200 last month?',
  'Did anyone buy a monitor this year?',
  'Total meals in EUR last year',
  'How much between 1 and 15 October?',
  'Spending by week in the last 30 days',
  'How much did Ada Lovelace 10 spend since March?',
  'Total at Merchant 17 this year',
  'Spending by quarter',
  'How much today?',
  'Average by category last month',
  'Smallest receipt this week',
];

const database = await openBenchDatabase({
  defaultName: 'tt_bench_query',
  receipts,
  async fill(prisma) {
    const started = performance.now();
    await prisma.$executeRawUnsafe(`
      INSERT INTO users (id, platform, platform_user_id, display_name, role, updated_at)
      SELECT gen_random_uuid(), 'cli', 'bench-' || i,
             (ARRAY['Ada Lovelace','Grace Hopper','Alan Turing','Edsger Dijkstra','Barbara Liskov'])[1 + i % 5] || ' ' || i,
             CASE WHEN i = 1 THEN 'admin' ELSE 'employee' END::"Role", now()
      FROM generate_series(1, 50) i`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO receipts (id, user_id, status, source_platform, merchant, purchase_date, currency, total, category, updated_at)
      SELECT gen_random_uuid(), u.ids[(1 + (i * 13) % 50)::int],
             (CASE WHEN i % 10 = 0 THEN 'needs_review' ELSE 'confirmed' END)::"ReceiptStatus", 'cli',
             'Merchant ' || (i * 7919) % 200, date '2026-11-20' - ((i * 104729) % 540)::int,
             CASE WHEN i % 10 < 8 THEN 'EUR' ELSE 'USD' END, ((i * 7907) % 30000 + 100) / 100.0,
             (ARRAY['meals','travel','lodging','office','software','other'])[(1 + (i * 31) % 6)::int], now()
      FROM generate_series(1::bigint, ${receipts}::bigint) i, (SELECT array_agg(id ORDER BY platform_user_id) AS ids FROM users) u`);
    console.log(
      `${receipts.toLocaleString('en')} receipts generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  },
});
const { prisma } = database;
if (!database.generated) console.log(`${receipts.toLocaleString('en')} receipts: kept database reused`);

const asker = await prisma.user.findFirstOrThrow({ where: { role: 'admin' } });
const agent = createQueryAgent({
  prisma,
  categories: ['meals', 'travel', 'lodging', 'office', 'software', 'other'],
  logger,
});
const started = performance.now();
await agent.answer({ text: questions[0]!, asker, scope: 'everyone', today });
console.log(`first question (reads merchants and people): ${(performance.now() - started).toFixed(0)} ms`);

/** What a question asks for, from its plan: "total by employee", "max", "total, compared". */
function kindOf(plan: QueryPlan | undefined): string {
  if (!plan) return 'not understood';
  const grouped = plan.groupBy ? ` by ${plan.groupBy}` : '';
  const ranked = plan.groupBy && plan.limit ? ', top n' : '';
  const listed = (plan.measure === 'max' || plan.measure === 'min') && !plan.groupBy && (plan.limit ?? 1) > 1;
  return `${plan.measure}${grouped}${ranked}${listed ? ', listed' : ''}${plan.compare ? ', compared' : ''}`;
}

const fmt = (ms: number) => ms.toFixed(1).padStart(7);
const all: number[] = [];
const byKind = new Map<string, number[]>();
console.log(`\n${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)}  question (${rounds} rounds): kind`);
for (const text of questions) {
  const times: number[] = [];
  let answer: Awaited<ReturnType<typeof agent.answer>> | null = null;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    answer = await agent.answer({ text, asker, scope: 'everyone', today });
    times.push(performance.now() - start);
  }
  all.push(...times);
  const kind = kindOf(answer?.data?.plan as QueryPlan | undefined);
  byKind.set(kind, [...(byKind.get(kind) ?? []), ...times]);
  console.log(`${fmt(percentile(times, 0.5))} ${fmt(percentile(times, 0.95))}  ${text}: ${kind}`);
}
console.log(`\n${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)}  kind of question (questions x rounds)`);
for (const [kind, times] of [...byKind].sort((a, b) => percentile(b[1], 0.95) - percentile(a[1], 0.95))) {
  console.log(`${fmt(percentile(times, 0.5))} ${fmt(percentile(times, 0.95))}  ${kind} (${times.length})`);
}
console.log(
  `\nall questions: p50 ${percentile(all, 0.5).toFixed(1)} ms, p95 ${percentile(all, 0.95).toFixed(1)} ms (target p95 < 200 ms); load average ${loadAverage()} at the end`,
);

await database.close();
