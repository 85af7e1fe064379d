// The environment, parsed once into a typed, frozen config. A bad value stops start-up naming the variable.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseAmount } from './fields/amount.ts';
import { defaultMaxReceiptTotal } from './fields/receipt-fields.ts';
import { formatCents } from './money.ts';

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());
const optionalUrl = z.preprocess(emptyAsUndefined, z.url().optional());
const boolean = (fallback: boolean) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(value))),
  );
const integer = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyAsUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
const list = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
);

/** Tesseract language models the project ships (@tesseract.js-data packages), by three-letter code. */
export const ocrLanguageCodes = ['eng', 'fra', 'deu', 'spa', 'ita', 'nld'] as const;
export type OcrLanguage = (typeof ocrLanguageCodes)[number];
export const defaultOcrLanguages: readonly OcrLanguage[] = ['eng'];

export const defaultCategories = [
  'meals',
  'groceries',
  'travel',
  'lodging',
  'fuel',
  'transport',
  'office',
  'software',
  'telecom',
  'entertainment',
  'health',
  'other',
];

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  PORT: integer(3000, 0, 65535),
  PUBLIC_URL: optionalUrl,
  METRICS_TOKEN: optionalString,
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// URL')
      .optional(),
  ),
  EMBEDDED_PG_PORT: integer(54329, 1, 65535),
  STORAGE_URL: optionalString,
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.preprocess(emptyAsUndefined, z.string().default('us-east-1')),
  S3_FORCE_PATH_STYLE: boolean(false),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().default('gpt-4o-mini')),
  OPENAI_TIMEOUT_MS: integer(60_000, 1_000, 600_000),
  EXTRACTOR: z.preprocess(emptyAsUndefined, z.enum(['auto', 'offline', 'llm']).default('auto')),
  EXTRACTOR_SEND_IMAGE: boolean(false),
  FX_RATES_FILE: optionalString,
  REPORT_CURRENCY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code such as EUR')
      .transform((code) => code.toUpperCase())
      .optional(),
  ),
  QUERY_PLANNER: z.preprocess(emptyAsUndefined, z.enum(['auto', 'offline', 'llm']).default('auto')),
  CATEGORIES: list,
  FISCAL_YEAR_START: integer(1, 1, 12),
  DATE_ORDER: z.preprocess(emptyAsUndefined, z.enum(['DMY', 'MDY']).default('DMY')),
  DEFAULT_CURRENCY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'expected an ISO 4217 code such as EUR')
      .transform((code) => code.toUpperCase())
      .optional(),
  ),
  OCR_POOL_SIZE: integer(availableParallelism(), 1, 64),
  OCR_ENGINE: z.preprocess(emptyAsUndefined, z.enum(['both', 'paddle', 'tesseract']).default('both')),
  OCR_LANGUAGES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .optional()
      .transform((value) => (value ? value.split(/[+,\s]+/).filter(Boolean) : [...defaultOcrLanguages]))
      .pipe(
        z
          .array(z.enum(ocrLanguageCodes, { message: `expected codes among ${ocrLanguageCodes.join(', ')}` }))
          .min(1)
          .transform((codes) => [...new Set(codes)]),
      ),
  ),
  MAX_UPLOAD_BYTES: integer(20 * 1024 * 1024, 1024, 200 * 1024 * 1024),
  MAX_IMAGE_PIXELS: integer(40_000_000, 10_000, 500_000_000),
  MAX_RECEIPT_TOTAL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default(defaultMaxReceiptTotal)
      .transform((text, context) => {
        const reading = parseAmount(text);
        if (reading.ok && reading.cents > 0n) return formatCents(reading.cents);
        context.addIssue({ code: 'custom', message: 'expected a positive amount such as 1000000' });
        return z.NEVER;
      }),
  ),
  DELETED_RETENTION_DAYS: integer(30, 0, 3650),
  WORKERS_IN_PROCESS: boolean(true),
  WORKER_CONCURRENCY: integer(availableParallelism(), 1, 64),
  JOB_TIMEOUT_SECONDS: integer(300, 10, 3600),
  JOB_HEARTBEAT_SECONDS: integer(30, 10, 600),
  SHUTDOWN_GRACE_SECONDS: integer(25, 1, 3600),
  API_UPLOADS_PER_MINUTE: integer(30, 1, 10_000),
  API_QUESTIONS_PER_MINUTE: integer(20, 1, 10_000),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: optionalUrl,
  TELEGRAM_WEBHOOK_URL: optionalUrl,
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1-256 characters A-Z, a-z, 0-9, _ or -')
      .optional(),
  ),
  TELEGRAM_ADMIN_CHAT_IDS: list,
  TELEGRAM_RECEIPT_CHAT_IDS: list,
  TELEGRAM_ALLOWED_USER_IDS: list,
  ADMIN_TELEGRAM_USER_IDS: list,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalUrl,
  SLACK_ADMIN_CHANNEL_IDS: list,
  SLACK_RECEIPT_CHANNEL_IDS: list,
  ADMIN_SLACK_USER_IDS: list,
  APPROVAL_CARD_THRESHOLD: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'expected an amount such as 100 or 99.50')
      .default('100'),
  ),
  AUTO_APPROVE_WITHIN_POLICY: boolean(false),
  POLICY_FILE: optionalString,
  DIGEST_CRON: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\S+(\s+\S+){4}$/, 'expected a cron expression of five fields such as "0 9 * * 1"')
      .default('0 9 * * 1'),
  ),
  TZ: z.preprocess(emptyAsUndefined, z.string().default('UTC')),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly logLevel: string;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** Where people reach the service (login links point here); unset: http://localhost:PORT. */
    readonly publicUrl?: string;
    /** When set, /metrics answers only `Authorization: Bearer <this>`. */
    readonly metricsToken?: string;
  };
  readonly dataDir: string;
  readonly database:
    | { readonly kind: 'external'; readonly url: string }
    | { readonly kind: 'embedded'; readonly dir: string; readonly port: number };
  readonly storage:
    | { readonly kind: 'local'; readonly dir: string }
    | {
        readonly kind: 's3';
        readonly bucket: string;
        readonly prefix: string;
        readonly endpoint?: string;
        readonly region: string;
        readonly forcePathStyle: boolean;
        readonly accessKeyId?: string;
        readonly secretAccessKey?: string;
      };
  readonly llm?: {
    readonly apiKey: string;
    readonly baseUrl?: string;
    readonly model: string;
    readonly timeoutMs: number;
    readonly sendImage: boolean;
  };
  readonly extractor: 'auto' | 'offline' | 'llm';
  /** How questions are planned: auto is the LLM when a key is set, else offline. */
  readonly queryPlanner: 'auto' | 'offline' | 'llm';
  /** Reports convert amounts into one currency with these rates; unset: per currency. */
  readonly fx?: { readonly file: string; readonly reportCurrency: string };
  readonly categories: readonly string[];
  /** Extra words per category from CATEGORIES ("parking=car park|garage"), for the query planner. */
  readonly categoryWords: Readonly<Record<string, readonly string[]>>;
  /** The month fiscal years start in, 1-12. */
  readonly fiscalYearStart: number;
  readonly dateOrder: 'DMY' | 'MDY';
  readonly defaultCurrency?: string;
  readonly ocrPoolSize: number;
  /** both: PaddleOCR reads, tesseract takes a second look at doubtful fields; or one engine alone. */
  readonly ocrEngine: 'both' | 'paddle' | 'tesseract';
  /** Tesseract models a page is read with, the first one preferred. */
  readonly ocrLanguages: readonly OcrLanguage[];
  readonly limits: { readonly maxUploadBytes: number; readonly maxImagePixels: number };
  /** The most one receipt may total, as decimal text ("1000000.00"): every entry point refuses more. */
  readonly maxReceiptTotal: string;
  /** Days a deleted receipt's image is kept before the purge job removes it (0: at the next run). */
  readonly deletedRetentionDays: number;
  readonly api: {
    /** Per user, per minute, per instance. */
    readonly rateLimits: { readonly uploadsPerMinute: number; readonly questionsPerMinute: number };
  };
  readonly jobs: {
    readonly inProcess: boolean;
    readonly concurrency: number;
    readonly timeoutSeconds: number;
    readonly heartbeatSeconds: number;
    /** After SIGTERM, how long running jobs may finish before they are handed back to the queue. */
    readonly shutdownGraceSeconds: number;
  };
  readonly telegram?: {
    readonly token: string;
    readonly apiRoot: string;
    /** Set: Telegram posts updates to this URL (path /telegram/webhook); unset: long polling. */
    readonly webhook?: { readonly url: string; readonly secret?: string };
    readonly adminChatIds: readonly string[];
    /** Group chats whose photos are receipts, besides private chats with the bot. */
    readonly receiptChatIds: readonly string[];
    /** Empty: everyone may send receipts. */
    readonly allowedUserIds: readonly string[];
    readonly adminUserIds: readonly string[];
  };
  readonly approvals: {
    /** Receipts above this amount get a card of their own in admin chats; the rest share one. */
    readonly cardThreshold: string;
    readonly autoApproveWithinPolicy: boolean;
    /** The spending policy (YAML or JSON); unset: no rules. */
    readonly policyFile?: string;
    /** When the weekly digest is posted (cron, in `timeZone`). */
    readonly digestCron: string;
    readonly timeZone: string;
  };
  readonly slack?: {
    readonly botToken: string;
    /** Socket Mode with an app token, or HTTP events at /slack/events checked with the signing secret. */
    readonly mode:
      | { readonly kind: 'socket'; readonly appToken: string }
      | { readonly kind: 'http'; readonly signingSecret: string };
    readonly apiUrl?: string;
    readonly adminChannelIds: readonly string[];
    /** Channels whose shared files are receipts, besides DMs with the app. */
    readonly receiptChannelIds: readonly string[];
    readonly adminUserIds: readonly string[];
  };
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

function parseStorage(raw: z.output<typeof envSchema>, dataDir: string): Config['storage'] {
  const url = raw.STORAGE_URL;
  if (!url) return { kind: 'local', dir: resolve(dataDir, 'receipts') };
  if (url.startsWith('s3://')) {
    const [bucket, ...rest] = url.slice('s3://'.length).split('/');
    if (!bucket) throw new ConfigError(['STORAGE_URL: expected s3://bucket[/prefix]']);
    return {
      kind: 's3',
      bucket,
      prefix: rest.filter(Boolean).join('/'),
      endpoint: raw.S3_ENDPOINT,
      region: raw.S3_REGION,
      forcePathStyle: raw.S3_FORCE_PATH_STYLE,
      accessKeyId: raw.S3_ACCESS_KEY_ID,
      secretAccessKey: raw.S3_SECRET_ACCESS_KEY,
    };
  }
  if (url.startsWith('file://')) return { kind: 'local', dir: new URL(url).pathname };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new ConfigError(['STORAGE_URL: expected a directory, a file:// URL or an s3://bucket/prefix URL']);
  }
  return { kind: 'local', dir: resolve(url) };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const raw = parsed.data;
  const dataDir = resolve(raw.DATA_DIR);
  if (raw.EXTRACTOR === 'llm' && !raw.OPENAI_API_KEY) {
    throw new ConfigError(['OPENAI_API_KEY: required when EXTRACTOR=llm']);
  }
  if (raw.FX_RATES_FILE && !raw.REPORT_CURRENCY) {
    throw new ConfigError(['REPORT_CURRENCY: required with FX_RATES_FILE (the currency reports convert into)']);
  }
  if (!isTimeZone(raw.TZ)) throw new ConfigError([`TZ: "${raw.TZ}" is not a time zone such as Europe/Paris`]);
  if (raw.QUERY_PLANNER === 'llm' && !raw.OPENAI_API_KEY) {
    throw new ConfigError(['OPENAI_API_KEY: required when QUERY_PLANNER=llm']);
  }
  const config: Config = {
    env: raw.NODE_ENV,
    logLevel: raw.LOG_LEVEL,
    http: {
      host: raw.HOST,
      port: raw.PORT,
      publicUrl: raw.PUBLIC_URL?.replace(/\/+$/, ''),
      metricsToken: raw.METRICS_TOKEN,
    },
    dataDir,
    database: raw.DATABASE_URL
      ? { kind: 'external', url: raw.DATABASE_URL }
      : { kind: 'embedded', dir: resolve(dataDir, 'postgres'), port: raw.EMBEDDED_PG_PORT },
    storage: parseStorage(raw, dataDir),
    llm: raw.OPENAI_API_KEY
      ? {
          apiKey: raw.OPENAI_API_KEY,
          baseUrl: raw.OPENAI_BASE_URL,
          model: raw.OPENAI_MODEL,
          timeoutMs: raw.OPENAI_TIMEOUT_MS,
          sendImage: raw.EXTRACTOR_SEND_IMAGE,
        }
      : undefined,
    extractor: raw.EXTRACTOR,
    queryPlanner: raw.QUERY_PLANNER,
    fx: raw.FX_RATES_FILE ? { file: resolve(raw.FX_RATES_FILE), reportCurrency: raw.REPORT_CURRENCY! } : undefined,
    ...categoriesOf(raw.CATEGORIES),
    fiscalYearStart: raw.FISCAL_YEAR_START,
    dateOrder: raw.DATE_ORDER,
    defaultCurrency: raw.DEFAULT_CURRENCY,
    ocrPoolSize: raw.OCR_POOL_SIZE,
    ocrEngine: raw.OCR_ENGINE,
    ocrLanguages: raw.OCR_LANGUAGES,
    limits: { maxUploadBytes: raw.MAX_UPLOAD_BYTES, maxImagePixels: raw.MAX_IMAGE_PIXELS },
    maxReceiptTotal: raw.MAX_RECEIPT_TOTAL,
    deletedRetentionDays: raw.DELETED_RETENTION_DAYS,
    api: {
      rateLimits: { uploadsPerMinute: raw.API_UPLOADS_PER_MINUTE, questionsPerMinute: raw.API_QUESTIONS_PER_MINUTE },
    },
    jobs: {
      inProcess: raw.WORKERS_IN_PROCESS,
      concurrency: raw.WORKER_CONCURRENCY,
      timeoutSeconds: raw.JOB_TIMEOUT_SECONDS,
      heartbeatSeconds: raw.JOB_HEARTBEAT_SECONDS,
      shutdownGraceSeconds: raw.SHUTDOWN_GRACE_SECONDS,
    },
    telegram: parseTelegram(raw),
    slack: parseSlack(raw),
    approvals: {
      cardThreshold: raw.APPROVAL_CARD_THRESHOLD,
      autoApproveWithinPolicy: raw.AUTO_APPROVE_WITHIN_POLICY,
      policyFile: raw.POLICY_FILE ? resolve(raw.POLICY_FILE) : undefined,
      digestCron: raw.DIGEST_CRON,
      timeZone: raw.TZ,
    },
  };
  return deepFreeze(config);
}

function parseTelegram(raw: z.output<typeof envSchema>): Config['telegram'] {
  if (!raw.TELEGRAM_BOT_TOKEN) return undefined;
  return {
    token: raw.TELEGRAM_BOT_TOKEN,
    apiRoot: (raw.TELEGRAM_API_ROOT ?? 'https://api.telegram.org').replace(/\/+$/, ''),
    webhook: raw.TELEGRAM_WEBHOOK_URL
      ? { url: raw.TELEGRAM_WEBHOOK_URL, secret: raw.TELEGRAM_WEBHOOK_SECRET }
      : undefined,
    adminChatIds: raw.TELEGRAM_ADMIN_CHAT_IDS,
    receiptChatIds: raw.TELEGRAM_RECEIPT_CHAT_IDS,
    allowedUserIds: raw.TELEGRAM_ALLOWED_USER_IDS,
    adminUserIds: raw.ADMIN_TELEGRAM_USER_IDS,
  };
}

function parseSlack(raw: z.output<typeof envSchema>): Config['slack'] {
  if (!raw.SLACK_BOT_TOKEN) return undefined;
  const mode = raw.SLACK_APP_TOKEN
    ? { kind: 'socket' as const, appToken: raw.SLACK_APP_TOKEN }
    : raw.SLACK_SIGNING_SECRET
      ? { kind: 'http' as const, signingSecret: raw.SLACK_SIGNING_SECRET }
      : null;
  if (!mode) {
    throw new ConfigError([
      'SLACK_APP_TOKEN: set it (Socket Mode) or SLACK_SIGNING_SECRET (HTTP events) along with SLACK_BOT_TOKEN',
    ]);
  }
  return {
    botToken: raw.SLACK_BOT_TOKEN,
    mode,
    apiUrl: raw.SLACK_API_URL,
    adminChannelIds: raw.SLACK_ADMIN_CHANNEL_IDS,
    receiptChannelIds: raw.SLACK_RECEIPT_CHANNEL_IDS,
    adminUserIds: raw.ADMIN_SLACK_USER_IDS,
  };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Where people reach the service: PUBLIC_URL, else this process's own address once it listens. */
export function publicUrl(config: Pick<Config, 'http'>, listening?: { url: string }): string {
  return config.http.publicUrl ?? listening?.url ?? `http://localhost:${config.http.port}`;
}

/** Loads `.env` from the working directory when there is one; real environment variables win. */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** CATEGORIES entries: a name, optionally with the words people use for it ("parking=car park|garage"). */
function categoriesOf(entries: readonly string[]): {
  categories: readonly string[];
  categoryWords: Record<string, readonly string[]>;
} {
  if (entries.length === 0) return { categories: defaultCategories, categoryWords: {} };
  const categoryWords: Record<string, readonly string[]> = {};
  const categories = entries.map((entry) => {
    const [name = '', words = ''] = entry.toLowerCase().split('=');
    const category = name.trim();
    const synonyms = words
      .split('|')
      .map((word) => word.trim())
      .filter(Boolean);
    if (synonyms.length > 0) categoryWords[category] = synonyms;
    return category;
  });
  return { categories, categoryWords };
}
