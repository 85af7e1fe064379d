// npm run bench:load: receipts photographed in a burst through a fake Telegram Bot API server, read
// by the real service (`serve`, bots and API, no workers) and 1, then 2, `worker` processes (OCR
// pool of 2 each). Prints throughput, photo-to-answer p50/p95 and each process's peak RSS, and
// fails when a receipt is lost or answered twice.
// Uses DATABASE_URL's server (default 127.0.0.1:5432) with a database of its own per run, or an
// embedded Postgres when no server answers. BENCH_LOAD_RECEIPTS sets the count (default 500).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPrisma } from '../src/db/client.ts';
import { openDatabase } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import { findFreePort } from '../src/net.ts';
import { type FakeTelegram, startFakeTelegram } from '../test/fakes/telegram-server.ts';
import { receiptImage } from '../test/helpers/images.ts';
import { type RunningCli, startCli } from '../test/helpers/process.ts';
import { percentile } from './percentiles.ts';

const count = Number(process.env.BENCH_LOAD_RECEIPTS ?? 500);
const senders = 50;
const logger = createLogger({ level: 'warn' });
const server = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 5432), hostname);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function freshDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (await reachable(server)) {
    const name = `tt_bench_load_${process.pid}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const database = await openDatabase(
    { database: { kind: 'embedded', dir: join(dir, 'postgres'), port: await findFreePort() } },
    logger,
  );
  return { url: database.url, drop: database.stop };
}

/** A small receipt photo; each one different, so none is a duplicate. */
function photo(index: number): Promise<Buffer> {
  const cents = 100 + ((index * 7919) % 9900);
  const total = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const day = String(1 + (index % 28)).padStart(2, '0');
  return receiptImage([`SHOP ${index}`, `Date: ${day}/10/2026`, `Item ${index}   ${total}`, `TOTAL      ${total}`]);
}

async function peakRssMb(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

interface RunFigures {
  workers: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  rss: { name: string; mb: number }[];
}

async function run(workers: number, photos: Buffer[]): Promise<RunFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'tt-bench-load-'));
  const database = await freshDatabase(dir);
  const telegram: FakeTelegram = await startFakeTelegram();
  const env = {
    DATABASE_URL: database.url,
    DATA_DIR: dir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DEFAULT_CURRENCY: 'EUR',
    OCR_POOL_SIZE: '2',
    WORKER_CONCURRENCY: '2',
  };
  const processes: { name: string; cli: RunningCli }[] = [];
  try {
    const service = startCli(['serve', '--role', 'all'], { ...env, LOG_LEVEL: 'info', WORKERS_IN_PROCESS: 'false' });
    processes.push({ name: 'serve (api, bots)', cli: service });
    await service.waitForLog((line) => line.msg === 'telegram bot up', 120_000);
    for (let i = 0; i < workers; i++) {
      const worker = startCli(['worker'], { ...env, LOG_LEVEL: 'info' });
      processes.push({ name: `worker ${i + 1}`, cli: worker });
      await worker.waitForLog((line) => line.msg === 'ticket-tracker worker ready', 120_000);
    }

    const sentAt = new Map<number, { chat: number; at: number }>();
    const started = performance.now();
    photos.forEach((bytes, index) => {
      const fileId = telegram.addFile(bytes);
      const user = { id: 10_000 + (index % senders), first_name: `Sender ${index % senders}`, is_bot: false };
      const messageId = index + 1;
      sentAt.set(messageId, { chat: user.id, at: performance.now() });
      telegram.pushUpdate({
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: user.id, type: 'private', first_name: user.first_name },
          from: user,
          photo: [{ file_id: fileId, file_unique_id: `u-${fileId}`, width: 760, height: 236, file_size: bytes.length }],
        },
      });
    });

    // Answered: the status message replying to the photo was edited into the receipt's summary.
    const answeredAt = new Map<number, number>();
    const deadline = Date.now() + Math.max(600_000, count * 4_000);
    while (answeredAt.size < photos.length) {
      if (Date.now() > deadline) throw new Error(`only ${answeredAt.size} of ${photos.length} receipts answered`);
      for (const [messageId, { chat }] of sentAt) {
        if (answeredAt.has(messageId)) continue;
        for (const [, message] of telegram.messagesIn(chat)) {
          if (message.replyTo === messageId && message.text.startsWith('SHOP'))
            answeredAt.set(messageId, performance.now());
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    const latencies = [...answeredAt].map(([messageId, at]) => (at - sentAt.get(messageId)!.at) / 1000);

    const prisma = createPrisma({ url: database.url });
    try {
      const stored = await prisma.receipt.count();
      const replies = telegram.calls.filter((call) => call.method === 'sendMessage').length;
      if (stored !== photos.length) throw new Error(`${stored} receipts stored for ${photos.length} photos`);
      if (replies !== photos.length) throw new Error(`${replies} answers sent for ${photos.length} photos`);
    } finally {
      await prisma.$disconnect();
    }
    const rss = await Promise.all(
      processes.map(async ({ name, cli }) => ({ name, mb: await peakRssMb(cli.child.pid) })),
    );
    return {
      workers,
      seconds,
      perSecond: photos.length / seconds,
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      rss,
    };
  } finally {
    await Promise.all(processes.map(({ cli }) => cli.stop('SIGTERM')));
    await telegram.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

const photos = await Promise.all(Array.from({ length: count }, (_, index) => photo(index)));
console.log(`bench:load: ${count} receipts from ${senders} senders through a fake Telegram, OCR pool 2 per worker`);
const figures: RunFigures[] = [];
for (const workers of [1, 2]) {
  const result = await run(workers, photos);
  figures.push(result);
  console.log(
    `${workers} worker process${workers > 1 ? 'es' : ''}: ${result.seconds.toFixed(1)} s, ${result.perSecond.toFixed(2)} receipts/s, ` +
      `photo to answer p50 ${result.p50.toFixed(1)} s, p95 ${result.p95.toFixed(1)} s; none lost, none answered twice`,
  );
  for (const { name, mb } of result.rss)
    console.log(
      `  peak RSS ${name}: ${mb} MB${name.startsWith('worker') && mb > 1200 ? ' (over the 1.2 GB target)' : ''}`,
    );
}
console.log(`2 workers vs 1: ${(figures[1]!.perSecond / figures[0]!.perSecond).toFixed(2)}x the throughput`);
