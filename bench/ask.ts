// npm run bench:ask: the one-shot command as scripts call it, `ask --json` with DATABASE_URL set,
// over 600 receipts: p50 wall clock of the whole process over N runs (BENCH_RUNS, default 10), the
// p50 of the question itself (as the agent logs it), and the start-up share (everything else: Node,
// loading modules, connecting). The database: bench/setup.ts (DATABASE_URL's server, BENCH_DATABASE,
// BENCH_KEEP).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { percentile } from './percentiles.ts';
import { loadAverage, openBenchDatabase } from './setup.ts';

const run = promisify(execFile);
const runs = Number(process.env.BENCH_RUNS ?? 10);
const cli = new URL('../src/cli.ts', import.meta.url).pathname;
const questions = [
  'How much did we spend last month?',
  'Top 5 merchants this year',
  'How much on hotels in the first half of the year, by person?',
  'Compare September and October',
  'How much VAT did we pay last quarter?',
];

const database = await openBenchDatabase({
  defaultName: 'tt_bench_ask',
  receipts: 600,
  async fill(prisma) {
    await prisma.$executeRawUnsafe(`
      INSERT INTO users (id, platform, platform_user_id, display_name, role, updated_at)
      SELECT gen_random_uuid(), 'cli', 'bench-' || i, (ARRAY['Ada Lovelace','Grace Hopper','Alan Turing','Edsger Dijkstra'])[i],
             'employee'::"Role", now()
      FROM generate_series(1, 4) i`);
    await prisma.$executeRawUnsafe(`
      INSERT INTO receipts (id, user_id, status, source_platform, merchant, purchase_date, currency, total, tax, category, updated_at)
      SELECT gen_random_uuid(), u.ids[1 + i % 4], 'confirmed'::"ReceiptStatus", 'cli', 'Merchant ' || (i * 7919) % 40,
             date '2026-11-20' - ((i * 104729) % 540)::int, CASE WHEN i % 10 < 8 THEN 'EUR' ELSE 'GBP' END,
             ((i * 7907) % 30000 + 100) / 100.0, ((i * 7907) % 30000 + 100) / 100.0 * 0.19,
             (ARRAY['meals','travel','lodging','office','software','other'])[1 + (i * 31) % 6], now()
      FROM generate_series(1, 600) i, (SELECT array_agg(id ORDER BY platform_user_id) AS ids FROM users) u`);
  },
});
const { prisma } = database;

/** CPU time (user + system, ms) of the children waited for so far, from /proc (Linux): unlike wall clock, not inflated by a busy machine. */
function childrenCpuMs(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // cutime and cstime, fields 16 and 17 of stat, in clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

const walls: number[] = [];
const cpus: number[] = [];
const queries: number[] = [];
const env = { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn', QUERY_PLANNER: 'offline' };
for (let i = 0; i < runs; i++) {
  const question = questions[i % questions.length]!;
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const { stdout } = await run(process.execPath, [cli, 'ask', '--json', '--today', '2026-11-20', question], { env });
  walls.push(performance.now() - started);
  const cpuAfter = childrenCpuMs();
  if (cpuBefore !== null && cpuAfter !== null) cpus.push(cpuAfter - cpuBefore);
  if (JSON.parse(stdout).answer.startsWith('Sorry')) console.log(`not understood: ${question}`);
  const [logged] = await prisma.question.findMany({ orderBy: { createdAt: 'desc' }, take: 1 });
  queries.push(logged?.durationMs ?? 0);
}
const bare: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  await run(process.execPath, ['-e', '0']);
  bare.push(performance.now() - started);
}

const wall = percentile(walls, 0.5);
const query = percentile(queries, 0.5);
console.log(`ask --json over 600 receipts, load average ${loadAverage()} at the end, ${runs} runs`);
console.log(`(${questions.length} questions in turn):`);

console.log(`  p50 wall clock ${wall.toFixed(0)} ms (target < 1000 ms); p95 ${percentile(walls, 0.95).toFixed(0)} ms`);
if (cpus.length) console.log(`  p50 CPU time of the process (user + system): ${percentile(cpus, 0.5).toFixed(0)} ms`);
console.log(`  p50 of the question itself (plan, query, answer): ${query.toFixed(0)} ms`);
console.log(
  `  start-up share: ${(((wall - query) / wall) * 100).toFixed(0)} % (${(wall - query).toFixed(0)} ms; a bare \`node -e 0\` takes ${percentile(bare, 0.5).toFixed(0)} ms)`,
);

await database.close();
