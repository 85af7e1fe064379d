import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line, wherever they appear in a logged object. */
export const redactedPaths = [
  '*.apiKey',
  '*.token',
  '*.password',
  '*.secret',
  '*.secretAccessKey',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.accessKeyId',
  '*.authorization',
  '*.Authorization',
  '*.databaseUrl',
  '*.url',
  'config.llm.apiKey',
  'config.storage.secretAccessKey',
  'req.headers.authorization',
  'req.headers.cookie',
];

export interface LoggerOptions {
  level?: string;
  /** Pretty, human-readable lines; default: when stdout is a terminal. */
  pretty?: boolean;
  /** Where JSON lines go instead of stdout (tests). */
  destination?: DestinationStream;
  /** Log to stderr: commands whose stdout is their result (a token, JSON answers). */
  stderr?: boolean;
}

export function createLogger({
  level = 'info',
  stderr = false,
  pretty = (stderr ? process.stderr : process.stdout).isTTY === true,
  destination,
}: LoggerOptions = {}): Logger {
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  if (destination) return pino(options, destination);
  const fd = stderr ? 2 : 1;
  if (!pretty) return pino(options, pino.destination(fd));
  return pino({
    ...options,
    transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', destination: fd } },
  });
}

/** Removes the password from a connection URL so it can be shown. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
