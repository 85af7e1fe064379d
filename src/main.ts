// Composition root: builds every part from the config, wires them together, and takes them down in order.
import { userInfo } from 'node:os';
import type { Bot } from 'grammy';
import { createApiToken } from './access/api-tokens.ts';
import { createLoginLink } from './access/web-sessions.ts';
import type { ChatDependencies } from './adapters/chat/dependencies.ts';
import { forgetOldEvents } from './adapters/chat/handled-events.ts';
import { apiRoutes } from './adapters/http/api/index.ts';
import { metricsRoutes } from './adapters/http/api/metrics.ts';
import { createHttpApp, listen } from './adapters/http/server.ts';
import { webRoutes } from './adapters/http/web/routes.ts';
import { createReceiptNotifier } from './adapters/notify.ts';
import {
  createSlackApp,
  createSlackClient,
  mountSlackEvents,
  type SlackApp,
  startSlackApp,
} from './adapters/slack/app.ts';
import {
  createTelegramApi,
  createTelegramBot,
  mountTelegramWebhook,
  startTelegramBot,
} from './adapters/telegram/bot.ts';
import type { Config } from './config.ts';
import { createPrisma, type PrismaClient } from './db/client.ts';
import { migrate, openDatabase } from './db/database.ts';
import { AppError } from './errors.ts';
import { runAsLeader } from './jobs/leader.ts';
import { type JobQueue, startJobQueue } from './jobs/queue.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createExtractor, extractionContext } from './pipeline/extract/index.ts';
import { createOcrPool } from './pipeline/ocr.ts';
import { createReceiptReader } from './pipeline/reader.ts';
import { listScanFiles, type ScanLine, scanFiles, scanLine } from './pipeline/scan.ts';
import type { QueryAnswer } from './query/agent.ts';
import { loadFxRates } from './query/fx.ts';
import { createLlmPlanner } from './query/llm-planner.ts';
import { createOfflinePlanner } from './query/offline-planner.ts';
import { createQueryAgent } from './query/query-agent.ts';
import { type ImportResult, importReceipts, readImportFile } from './receipts/import.ts';
import { receiptView } from './receipts/receipt-view.ts';
import { createReceiptProcessor, createReceipts, type ProcessOutcome, type Receipts } from './receipts/receipts.ts';
import { createReview } from './receipts/review.ts';
import { findOrCreateUser } from './receipts/users.ts';
import { createStorage } from './storage/index.ts';
import type { Storage } from './storage/storage.ts';

export interface Service {
  url?: string;
  stop(): Promise<void>;
}

/** Teardown steps run newest first, each one even when an earlier one failed. */
function createTeardown(logger: Logger) {
  const steps: { name: string; run: () => Promise<void> }[] = [];
  return {
    add(name: string, run: () => Promise<void>) {
      steps.push({ name, run });
    },
    async run() {
      for (const step of steps.splice(0).reverse()) {
        await step
          .run()
          .catch((error: unknown) => logger.error({ err: error, step: step.name }, 'shutdown step failed'));
      }
    },
  };
}
type Teardown = ReturnType<typeof createTeardown>;

interface Core {
  embedded: boolean;
  databaseUrl: string;
  prisma: PrismaClient;
  storage: Storage;
  queue: JobQueue;
  receipts: Receipts;
  metrics: Metrics;
}

/** The database, migrated, and a Prisma client on it. */
async function openStore(config: Config, logger: Logger, teardown: Teardown) {
  const database = await openDatabase(config, logger);
  teardown.add('database', database.stop);
  await migrate(database.url, logger);
  const prisma = createPrisma({ url: database.url });
  teardown.add('prisma', () => prisma.$disconnect());
  return { database, prisma };
}

async function startCore(config: Config, logger: Logger, teardown: Teardown): Promise<Core> {
  const { database, prisma } = await openStore(config, logger, teardown);
  const storage = createStorage(config.storage);
  const queue = await startJobQueue({
    url: database.url,
    logger,
    timeoutSeconds: config.jobs.timeoutSeconds,
    heartbeatSeconds: config.jobs.heartbeatSeconds,
  });
  teardown.add('job queue', () => queue.stop());
  const receipts = createReceipts({ prisma, storage, queue, limits: config.limits, logger });
  return {
    embedded: database.embedded,
    databaseUrl: database.url,
    prisma,
    storage,
    queue,
    receipts,
    metrics: createMetrics(),
  };
}

function startReader(config: Config, logger: Logger, teardown: Teardown, concurrency = config.ocrPoolSize) {
  const timeoutMs = config.jobs.timeoutSeconds * 1000;
  const ocr = createOcrPool({ size: concurrency, logger, timeoutMs });
  // Workers start on first use: only receipts whose first reading is doubtful need them.
  const secondOcr = createOcrPool({ size: concurrency, logger, timeoutMs, engine: 'combined' });
  teardown.add('ocr', () => Promise.all([ocr.close(), secondOcr.close()]).then(() => {}));
  const extractor = createExtractor(config, logger);
  const reader = createReceiptReader({
    ocr,
    secondOcr,
    extractor,
    limits: config.limits,
    context: () => extractionContext(config),
    sendImage: config.llm?.sendImage,
  });
  return { reader, extractor };
}

function recordReading(metrics: Metrics, outcome: Extract<ProcessOutcome, { kind: 'done' }>): void {
  metrics.count('ticket_tracker_receipts_processed_total', 'Receipts read, by the status they ended in', {
    status: outcome.receipt.status,
  });
  if (!outcome.read) return;
  metrics.observe('ticket_tracker_ocr_seconds', 'Time spent in OCR per receipt', outcome.read.timings.ocrMs / 1000);
  metrics.observe(
    'ticket_tracker_extraction_seconds',
    'Time spent extracting fields per receipt',
    outcome.read.timings.extractionMs / 1000,
  );
}

async function startReceiptWorkers(core: Core, config: Config, logger: Logger, teardown: Teardown): Promise<void> {
  const { reader, extractor } = startReader(config, logger, teardown);
  const processReceipt = createReceiptProcessor({ prisma: core.prisma, storage: core.storage, reader, logger });
  const notify = createReceiptNotifier({
    prisma: core.prisma,
    telegram: config.telegram ? createTelegramApi(config.telegram) : undefined,
    slack: config.slack ? createSlackClient(config.slack) : undefined,
    logger,
  });
  await core.queue.workProcessReceipts(
    async (receiptId, attempt) => {
      const outcome = await processReceipt(receiptId, attempt).catch((error: unknown) => {
        core.metrics.count('ticket_tracker_job_failures_total', 'Receipt jobs that failed (and were retried)');
        throw error;
      });
      if (outcome.kind === 'done') {
        recordReading(core.metrics, outcome);
        await notify(receiptId);
      }
    },
    { concurrency: config.jobs.concurrency },
  );
  // Stops before the OCR pool closes: running jobs get the grace period to finish, the rest go back.
  teardown.add('receipt workers', () => core.queue.stop(config.jobs.shutdownGraceSeconds * 1000));
  logger.info({ concurrency: config.jobs.concurrency, extractor: extractor.name }, 'receipt workers up');
  const requeuing = requeueWaiting(core, logger);
  teardown.add('requeue', requeuing.stop);
}

const requeueRetryMs = 30_000;

/**
 * Receipts stored while no queue answered (or whose job was lost) get a job; duplicates are dropped.
 * Runs beside the workers and never stops them: with the database away it tries again later.
 */
function requeueWaiting(core: Core, logger: Logger): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async () => {
    try {
      const waiting = await core.prisma.receipt.findMany({
        where: { status: { in: ['queued', 'processing'] } },
        select: { id: true },
      });
      for (const { id } of waiting) await core.queue.sendProcessReceipt(id);
      if (waiting.length) logger.info({ requeued: waiting.length }, 'waiting receipts requeued');
    } catch (error) {
      if (stopped) return;
      logger.warn({ err: error }, 'could not requeue waiting receipts; trying again later');
      timer = setTimeout(attempt, requeueRetryMs);
      timer.unref();
    }
  };
  const running = attempt();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

async function startWith(
  logger: Logger,
  build: (teardown: Teardown) => Promise<Omit<Service, 'stop'>>,
): Promise<Service> {
  const teardown = createTeardown(logger);
  try {
    const service = await build(teardown);
    return { ...service, stop: () => teardown.run() };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

async function createAgent(config: Config, prisma: PrismaClient, logger: Logger) {
  const offline = createOfflinePlanner();
  const planner =
    config.llm && config.queryPlanner !== 'offline'
      ? createLlmPlanner({ llm: config.llm, fallback: offline, logger })
      : offline;
  const fx = config.fx ? await loadFxRates(config.fx.file, config.fx.reportCurrency) : undefined;
  return createQueryAgent({ prisma, categories: config.categories, planner, fx, logger });
}

export const roles = ['all', 'api', 'bots', 'worker'] as const;
export type Role = (typeof roles)[number];

/**
 * `serve --role`: api (HTTP API, web page, bot webhooks: stateless, as many as you like), bots
 * (Telegram long polling and Slack Socket Mode, run by one elected instance), worker (receipt jobs),
 * or all of them (workers unless WORKERS_IN_PROCESS=false). Every role serves /healthz, /readyz
 * and /metrics.
 */
export function startService(config: Config, logger: Logger, role: Role = 'all'): Promise<Service> {
  return startWith(logger, async (teardown) => {
    const runs = (part: Role) => role === 'all' || role === part;
    const core = await startCore(config, logger, teardown);
    if (role === 'worker' || (role === 'all' && config.jobs.inProcess)) {
      await startReceiptWorkers(core, config, logger, teardown);
    }
    const app = createHttpApp({
      logger,
      readinessChecks: [
        { name: 'database', check: async () => void (await core.prisma.$queryRaw`SELECT 1`) },
        { name: 'storage', check: () => core.storage.check() },
        { name: 'queue', check: () => core.queue.check() },
      ],
    });
    app.route('/', metricsRoutes(core));
    let listening: { url: string } | undefined;
    const chat =
      runs('api') || runs('bots') ? await chatDependencies(core, config, logger, () => listening) : undefined;
    const telegramBot =
      chat && config.telegram
        ? createTelegramBot({ ...chat, telegram: config.telegram, logger: logger.child({ platform: 'telegram' }) })
        : undefined;
    const slackApp =
      chat && config.slack
        ? createSlackApp({ ...chat, slack: config.slack, logger: logger.child({ platform: 'slack' }) })
        : undefined;
    if (chat && runs('api')) {
      app.route(
        '/',
        apiRoutes({
          ...chat,
          storage: core.storage,
          queue: core.queue,
          metrics: core.metrics,
          limits: config.limits,
          rateLimits: config.api.rateLimits,
          logger: logger.child({ component: 'api' }),
        }),
      );
      if (telegramBot && config.telegram) mountTelegramWebhook(app, telegramBot, config.telegram);
      if (slackApp) mountSlackEvents(app, slackApp);
      app.route(
        '/',
        webRoutes({
          prisma: core.prisma,
          logger: logger.child({ component: 'web' }),
          secureCookies: config.http.publicUrl?.startsWith('https:') ?? false,
        }),
      );
    }
    const server = await listen(app, config.http);
    listening = server;
    teardown.add('http', server.close);
    if (runs('bots')) {
      if (telegramBot && config.telegram) await startTelegram(telegramBot, config.telegram, core, logger, teardown);
      if (slackApp && config.slack) await startSlack(slackApp, config.slack, core, logger, teardown);
    }
    const database = core.embedded ? 'embedded' : 'external';
    logger.info(
      { url: server.url, role, database },
      role === 'worker' ? 'ticket-tracker worker ready' : 'ticket-tracker ready',
    );
    return { url: server.url };
  });
}

/** Where people reach the service: PUBLIC_URL, else this process's own address once it listens. */
function publicUrl(config: Config, listening?: { url: string }): string {
  return config.http.publicUrl ?? listening?.url ?? `http://localhost:${config.http.port}`;
}

async function chatDependencies(
  core: Core,
  config: Config,
  logger: Logger,
  listening: () => { url: string } | undefined,
): Promise<ChatDependencies> {
  await forgetOldEvents(core.prisma);
  return {
    categories: config.categories,
    dateOrder: config.dateOrder,
    maxUploadBytes: config.limits.maxUploadBytes,
    prisma: core.prisma,
    receipts: core.receipts,
    review: createReview({ prisma: core.prisma }),
    agent: await createAgent(config, core.prisma, logger),
    webUrl: () => publicUrl(config, listening()),
    logger,
  };
}

/** Webhook mode registers the webhook (any instance may); long polling runs on the elected one only. */
async function startTelegram(
  bot: Bot,
  telegram: NonNullable<Config['telegram']>,
  core: Core,
  logger: Logger,
  teardown: Teardown,
): Promise<void> {
  if (telegram.webhook) {
    const running = await startTelegramBot(bot, telegram);
    teardown.add('telegram', running.stop);
    logger.info({ mode: 'webhook' }, 'telegram bot up');
    return;
  }
  const leadership = runAsLeader({
    url: core.databaseUrl,
    name: 'telegram-polling',
    logger,
    start: async () => {
      const running = await startTelegramBot(bot, telegram);
      logger.info({ mode: 'polling' }, 'telegram bot up');
      return running;
    },
  });
  teardown.add('telegram', leadership.stop);
}

/** HTTP events are served by the api role; Socket Mode runs on the elected instance only. */
async function startSlack(
  slackApp: SlackApp,
  slack: NonNullable<Config['slack']>,
  core: Core,
  logger: Logger,
  teardown: Teardown,
): Promise<void> {
  if (slack.mode.kind !== 'socket') return;
  const leadership = runAsLeader({
    url: core.databaseUrl,
    name: 'slack-socket-mode',
    logger,
    start: async () => {
      const running = await startSlackApp(slackApp);
      logger.info({ mode: 'socket' }, 'slack app up');
      return running;
    },
  });
  teardown.add('slack', leadership.stop);
}

/** `worker`: receipt workers only, for scaling out on more processes and machines. */
export function startWorker(config: Config, logger: Logger): Promise<Service> {
  return startService(config, logger, 'worker');
}

export interface ScanOptions {
  paths: string[];
  concurrency: number;
  /** Keep the receipts (as the OS user, platform cli); false needs no database. */
  store: boolean;
  emit: (line: ScanLine) => void;
}

/** `scan`: reads receipt files with `concurrency` OCR workers busy at once. */
export async function runScan(config: Config, logger: Logger, options: ScanOptions): Promise<ScanLine[]> {
  const teardown = createTeardown(logger);
  try {
    const files = await listScanFiles(options.paths);
    const { reader } = startReader(config, logger, teardown, options.concurrency);
    let scanOne: (file: string, bytes: Buffer) => Promise<Omit<ScanLine, 'ms'>>;
    if (!options.store) {
      scanOne = async (file, bytes) => {
        const read = await reader.read(bytes);
        return scanLine(
          file,
          read.extraction.receipt,
          read.warnings.length ? 'needs_review' : 'confirmed',
          read.warnings,
        );
      };
    } else {
      const core = await startCore(config, logger, teardown);
      const processReceipt = createReceiptProcessor({ prisma: core.prisma, storage: core.storage, reader, logger });
      const sender = { platform: 'cli' as const, platformUserId: userInfo().username };
      scanOne = async (file, bytes) => {
        const submitted = await core.receipts.submit({ bytes, sender, enqueue: false });
        if (submitted.kind === 'rejected') throw submitted.error;
        if (submitted.kind === 'queued') await processReceipt(submitted.receipt.id, { isLast: true });
        const stored = await core.prisma.receipt.findUniqueOrThrow({
          where: { id: submitted.receipt.id },
          include: { items: true },
        });
        if (stored.status === 'failed') throw new AppError('unreadable_image', stored.error ?? 'could not be read');
        const notes = submitted.kind === 'duplicate' ? ['duplicate of a receipt sent before'] : [];
        return scanLine(file, receiptView(stored), stored.status, [...notes, ...stored.reviewReasons]);
      };
    }
    return await scanFiles(files, { concurrency: options.concurrency, scanOne, emit: options.emit });
  } finally {
    await teardown.run();
  }
}

export interface AskOptions {
  question: string;
  /** A display name or platform user id; default: the OS user, as an admin of the command line. */
  as?: string;
  today?: Date;
}

/** `ask`: one question to the query agent, as `as` or as the operator at the command line. */
export async function runAsk(config: Config, logger: Logger, options: AskOptions): Promise<QueryAnswer> {
  const teardown = createTeardown(logger);
  try {
    const { prisma } = await openStore(config, logger, teardown);
    const asker = options.as
      ? await prisma.user.findFirst({
          where: {
            OR: [{ displayName: { equals: options.as, mode: 'insensitive' } }, { platformUserId: options.as }],
          },
          orderBy: { createdAt: 'asc' },
        })
      : await findOrCreateUser(prisma, { platform: 'cli', platformUserId: userInfo().username, admin: true });
    if (!asker) throw new AppError('not_found', `no user called "${options.as}"`);
    const agent = await createAgent(config, prisma, logger);
    return await agent.answer({
      text: options.question,
      asker,
      scope: asker.role === 'admin' ? 'everyone' : 'own',
      today: options.today,
    });
  } finally {
    await teardown.run();
  }
}

/** A user named on the command line: by id, else by name (created as an API user when new). */
async function userFromCli(prisma: PrismaClient, user: string, admin: boolean) {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(user);
  const existing = isId ? await prisma.user.findUnique({ where: { id: user } }) : null;
  if (isId && !existing) throw new AppError('not_found', `no user with id ${user}`);
  const found =
    existing ?? (await findOrCreateUser(prisma, { platform: 'http', platformUserId: user, displayName: user }));
  return admin ? prisma.user.update({ where: { id: found.id }, data: { role: 'admin' } }) : found;
}

/** `token create`: a new API token for a user. */
export async function runTokenCreate(
  config: Config,
  logger: Logger,
  options: { user: string; admin: boolean; name?: string },
): Promise<string> {
  const teardown = createTeardown(logger);
  try {
    const { prisma } = await openStore(config, logger, teardown);
    const owner = await userFromCli(prisma, options.user, options.admin);
    logger.info({ userId: owner.id, role: owner.role }, 'API token created');
    return await createApiToken(prisma, owner.id, options.name);
  } finally {
    await teardown.run();
  }
}

/** `login-link`: a one-time sign-in link to the web page, for setups without a bot. */
export async function runLoginLink(
  config: Config,
  logger: Logger,
  options: { user: string; admin: boolean },
): Promise<string> {
  const teardown = createTeardown(logger);
  try {
    const { prisma } = await openStore(config, logger, teardown);
    const owner = await userFromCli(prisma, options.user, options.admin);
    return `${publicUrl(config)}/login/${await createLoginLink(prisma, owner.id)}`;
  } finally {
    await teardown.run();
  }
}

/** `import`: receipts from a CSV or JSONL file, all or (with skipBad) the good rows only. */
export async function runImport(
  config: Config,
  logger: Logger,
  options: { file: string; text: string; skipBad: boolean },
): Promise<ImportResult> {
  const { rows, problems } = readImportFile(options.file, options.text);
  if (problems.length > 0 && !options.skipBad) return { imported: 0, skipped: 0, problems, usersCreated: 0 };
  const teardown = createTeardown(logger);
  try {
    const { prisma } = await openStore(config, logger, teardown);
    const { imported, usersCreated } = await importReceipts(prisma, rows);
    return { imported, skipped: problems.length, problems, usersCreated };
  } finally {
    await teardown.run();
  }
}
