// npm run bench:query: 20 typical questions against a database of generated receipts (1,000,000 by
// default; BENCH_RECEIPTS to change), offline planner; prints p50 and p95 per question and overall.
// Uses DATABASE_URL's server (default: the local one at 127.0.0.1:5432) with a database of its own,
// dropped at the end unless BENCH_KEEP=1.
import pg from 'pg';
import { createPrisma } from '../src/db/client.ts';
import { migrate } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import { createQueryAgent } from '../src/query/query-agent.ts';
import { percentile } from './percentiles.ts';

const receipts = Number(process.env.BENCH_RECEIPTS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 10);
const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = 'tt_bench_query';
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

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const url = new URL(server);
url.pathname = `/${name}`;
await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin(`CREATE DATABASE ${name}`);
await migrate(url.toString(), logger);
const prisma = createPrisma({ url: url.toString() });

let started = performance.now();
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
await prisma.$executeRawUnsafe('ANALYZE');
console.log(
  `${receipts.toLocaleString('en')} receipts generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const asker = await prisma.user.findFirstOrThrow({ where: { role: 'admin' } });
const agent = createQueryAgent({
  prisma,
  categories: ['meals', 'travel', 'lodging', 'office', 'software', 'other'],
  logger,
});
started = performance.now();
await agent.answer({ text: questions[0]!, asker, scope: 'everyone', today });
console.log(`first question (reads merchants and people): ${(performance.now() - started).toFixed(0)} ms`);

const all: number[] = [];
console.log(`\n${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)}  question (${rounds} rounds)`);
for (const text of questions) {
  const times: number[] = [];
  let answer = '';
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    answer = (await agent.answer({ text, asker, scope: 'everyone', today })).text;
    times.push(performance.now() - start);
  }
  all.push(...times);
  const understood = !answer.startsWith('Sorry');
  console.log(
    `${percentile(times, 0.5).toFixed(1).padStart(7)} ${percentile(times, 0.95).toFixed(1).padStart(7)}  ${text}${understood ? '' : '  (not understood)'}`,
  );
}
console.log(
  `\nall questions: p50 ${percentile(all, 0.5).toFixed(1)} ms, p95 ${percentile(all, 0.95).toFixed(1)} ms (target p95 < 200 ms)`,
);

await prisma.$disconnect();
if (!process.env.BENCH_KEEP) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
