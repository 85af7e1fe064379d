// Composition root of the service (serve and worker roles): builds every part from the config, wires
// them together, and takes them down in order. The one-shot commands live in commands/.
import type { Bot } from 'grammy';
import { firstRunUser, hasAdmin } from './access/people.ts';
import { createLoginLink, loginLinkMinutes } from './access/web-sessions.ts';
import {
  type ApprovalCards,
  approvalMoveListener,
  createApprovalCards,
  createPolicyAlerts,
} from './adapters/approval-cards.ts';
import { createApprovalNotices } from './adapters/approval-notices.ts';
import type { ChatDependencies } from './adapters/chat/dependencies.ts';
import { forgetOldEvents } from './adapters/chat/handled-events.ts';
import { createDigestPoster } from './adapters/digest.ts';
import { apiRoutes } from './adapters/http/api/index.ts';
import { metricsRoutes } from './adapters/http/api/metrics.ts';
import { createHttpApp, listen } from './adapters/http/server.ts';
import { webRoutes } from './adapters/http/web/routes.ts';
import { createReceiptNotifier } from './adapters/notify.ts';
import {
  createSlackApp,
  createSlackClient,
  eventsPath,
  mountSlackEvents,
  type SlackApp,
  startSlackApp,
} from './adapters/slack/app.ts';
import {
  createTelegramApi,
  createTelegramBot,
  mountTelegramWebhook,
  startTelegramBot,
  webhookPath,
} from './adapters/telegram/bot.ts';
import { type Config, publicUrl } from './config.ts';
import type { PrismaClient } from './db/client.ts';
import { runAsLeader } from './jobs/leader.ts';
import { type JobQueue, startJobQueue } from './jobs/queue.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createApprovals } from './receipts/approvals.ts';
import { createPayouts } from './receipts/payouts.ts';
import { createPolicyChecker, loadPolicy, type PolicyChecker } from './receipts/policy.ts';
import { purgeCutoff, purgeDeleted } from './receipts/purge.ts';
import { createReceiptProcessor, createReceipts, type ProcessOutcome, type Receipts } from './receipts/receipts.ts';
import { createReview } from './receipts/review.ts';
import { createStorage } from './storage/index.ts';
import type { Storage } from './storage/storage.ts';
import { createAgent } from './wiring/agent.ts';
import { startReader } from './wiring/reader.ts';
import { openStore } from './wiring/store.ts';
import { createTeardown, type Teardown } from './wiring/teardown.ts';

export interface Service {
  url?: string;
  /** Every route the HTTP server answers (method and Hono path), for checking the OpenAPI document. */
  routes?: { method: string; path: string }[];
  stop(): Promise<void>;
}

interface Core {
  embedded: boolean;
  databaseUrl: string;
  prisma: PrismaClient;
  storage: Storage;
  queue: JobQueue;
  receipts: Receipts;
  metrics: Metrics;
  policy: PolicyChecker;
}

/** The admin chats of every platform, with a client for each: approval cards, alerts, the digest. */
function adminChats(config: Config) {
  return {
    telegram: config.telegram
      ? { api: createTelegramApi(config.telegram), chatIds: config.telegram.adminChatIds }
      : undefined,
    slack: config.slack
      ? { client: createSlackClient(config.slack), channelIds: config.slack.adminChannelIds }
      : undefined,
  };
}

async function startCore(config: Config, logger: Logger, teardown: Teardown): Promise<Core> {
  // A bad policy file stops start-up before anything else starts.
  const policy = loadPolicy(config.approvals.policyFile);
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
    policy: createPolicyChecker({
      prisma,
      policy,
      onAlert: createPolicyAlerts({ prisma, ...adminChats(config), logger }),
    }),
  };
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
  const processReceipt = createReceiptProcessor({
    prisma: core.prisma,
    storage: core.storage,
    reader,
    logger,
    categories: config.categories,
  });
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
        // Read: the spending policy looks at it before its sender sees it.
        await core.policy.check(receiptId);
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
  // The policy may have changed since the last start: receipts not yet paid back are looked at again.
  const rechecking = core.policy
    .recheckOpen()
    .then((count) => logger.info({ receipts: count }, 'open receipts checked against the policy'))
    .catch((error: unknown) => logger.warn({ err: error }, 'could not check open receipts against the policy'));
  teardown.add('policy recheck', () => rechecking);
  const digest = createDigestPoster({
    prisma: core.prisma,
    ...adminChats(config),
    timeZone: config.approvals.timeZone,
    logger,
  });
  await core.queue.scheduleDigest(config.approvals.digestCron, config.approvals.timeZone);
  await core.queue.workDigest(async () => {
    await digest.post();
  });
  // Deleted receipts' images go after DELETED_RETENTION_DAYS: checked daily at 03:17 UTC.
  await core.queue.workDaily(purgeDeletedJob, '17 3 * * *', async () => {
    const deletedBefore = purgeCutoff(config.deletedRetentionDays);
    await purgeDeleted({ prisma: core.prisma, storage: core.storage, logger }, { deletedBefore });
  });
}

export const purgeDeletedJob = 'purge-deleted';

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

/** Chat platforms' updates are JSON too, but a long message with its reply can pass 64 KB. */
const webhookMaxBytes = 1024 * 1024;

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
      bodyLimits: [
        { method: 'POST', path: '/api/receipts', maxBytes: null }, // MAX_UPLOAD_BYTES, see upload-limit.ts
        { method: 'POST', path: webhookPath, maxBytes: webhookMaxBytes },
        { method: 'POST', path: eventsPath, maxBytes: webhookMaxBytes, declaredLengthOnly: true },
      ],
    });
    app.route('/', metricsRoutes(core, config.http.metricsToken));
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
    if (chat && runs('api')) await announceFirstRun(core.prisma, logger, publicUrl(config, server));
    if (runs('bots')) {
      if (telegramBot && config.telegram) await startTelegram(telegramBot, config.telegram, core, logger, teardown);
      if (slackApp && config.slack) await startSlack(slackApp, config.slack, core, logger, teardown);
    }
    const database = core.embedded ? 'embedded' : 'external';
    logger.info(
      { url: server.url, role, database },
      role === 'worker' ? 'ticket-tracker worker ready' : 'ticket-tracker ready',
    );
    const routes = app.routes.filter((route) => route.method !== 'ALL');
    return { url: server.url, routes: routes.map(({ method, path }) => ({ method, path })) };
  });
}

/**
 * First run, as Grafana and Jupyter do it: with no admin yet, a one-time sign-in link in the log that
 * makes whoever opens it the first admin (valid a few minutes; every start prints a new one until
 * someone is an admin). `npx ticket-tracker login-link --admin` prints one at any time.
 */
async function announceFirstRun(prisma: PrismaClient, logger: Logger, url: string): Promise<void> {
  if (await hasAdmin(prisma)) return;
  const user = await firstRunUser(prisma);
  const link = `${url}/login/${await createLoginLink(prisma, user.id, new Date(), { grantsAdmin: true })}`;
  logger.warn(
    { signInLink: link, validMinutes: loginLinkMinutes },
    `No admin yet. Open this one-time link within ${loginLinkMinutes} minutes to sign in as the first admin: ${link}`,
  );
}

async function chatDependencies(
  core: Core,
  config: Config,
  logger: Logger,
  listening: () => { url: string } | undefined,
): Promise<ChatDependencies> {
  await forgetOldEvents(core.prisma);
  const chats = adminChats(config);
  const notices = createApprovalNotices({
    prisma: core.prisma,
    telegram: chats.telegram?.api,
    slack: chats.slack?.client,
    logger,
  });
  let cards: ApprovalCards | undefined;
  const approvals = createApprovals({
    prisma: core.prisma,
    autoApproveWithinPolicy: config.approvals.autoApproveWithinPolicy,
    onMove: approvalMoveListener(notices, () => cards),
    policy: core.policy,
  });
  cards = createApprovalCards({
    prisma: core.prisma,
    approvals: () => approvals,
    ...chats,
    threshold: config.approvals.cardThreshold,
    logger,
  });
  return {
    categories: config.categories,
    dateOrder: config.dateOrder,
    maxUploadBytes: config.limits.maxUploadBytes,
    maxReceiptTotal: config.maxReceiptTotal,
    prisma: core.prisma,
    receipts: core.receipts,
    review: createReview({ prisma: core.prisma, maxReceiptTotal: config.maxReceiptTotal, approvals }),
    approvals,
    payouts: createPayouts({ prisma: core.prisma }),
    digest: createDigestPoster({ prisma: core.prisma, ...chats, timeZone: config.approvals.timeZone, logger }),
    notices,
    cards,
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
