// ticket-tracker <command>, run by src/cli.ts: one program for the service and its maintenance tasks.
// This file only parses arguments, prints results and maps failures to exit codes; each command's
// module (main.ts for the service, commands/ for the rest) is loaded when that command runs, so a
// one-shot command loads and starts only what it uses.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { TokenRow } from '../access/api-tokens.ts';
import { type Config, ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { isAppError } from '../errors.ts';
import { looksLikeIsoDay, middayOf } from '../iso-date.ts';
import { createLogger, type Logger } from '../logger.ts';
import { answerJson } from '../query/agent.ts';
import { stopOnSignals } from '../signals.ts';
import { countOf } from '../words.ts';

class UsageError extends Error {}

const usage = `Usage: ticket-tracker <command> [options]

Commands:
  serve [--role all|api|bots|worker]
             Start the service (what \`npm start\` runs): all parts, or one: api (HTTP API, web page,
             webhooks), bots (Telegram polling, Slack Socket Mode: one elected instance runs them),
             worker (receipt jobs). Every role serves /healthz, /readyz and /metrics on PORT
  worker     Same as serve --role worker (add processes or machines sharing one Postgres to scale out)
  scan <image-or-folder>... [--json] [--no-store] [--concurrency N]
             Read receipt images and print what was found, one line (or JSON object) per image;
             --no-store needs no database and keeps nothing
  ask "<question>" [--json] [--as <user>] [--today YYYY-MM-DD]
             Ask the query agent; --as answers as that user (their own receipts unless an admin)
  import <file.csv|file.jsonl> [--skip-bad]
             Load receipts as confirmed (CSV header: employee,merchant,date,currency,total,category,tax);
             a file with a bad row imports nothing unless --skip-bad
  token create --user <id-or-name> [--admin] [--name <label>] [--expires 30d]
             Print a new API token for that user (an id, or a name: the existing person of that
             name, else a new API user; an ambiguous name is refused with the candidates);
             --expires ends it after hours, days or weeks (12h, 30d, 8w); --admin checks the user
             is an admin (only on first run, with no admin yet, does it make them one).
             Only the token's hash is stored.
  token list [--user <id-or-name>] [--json]
             List API tokens: id, owner, label, created, last used, expiry, state
  token revoke <token-id>
             Revoke one token at once
  login-link --user <id-or-name> | --admin [--user <id-or-name>]
             Print a one-time sign-in link to the web page (as the bots' /web does), for
             setups without a bot; PUBLIC_URL (else http://localhost:PORT) is its address.
             --admin alone: a link for the only admin; on first run (no admin yet) for "Admin",
             who becomes the first admin. --admin never promotes anyone else: see users set-role
  users list [--json]
             List people: id, name, platform, role, receipts, usable tokens, live web sessions
  users set-role <id-or-name> admin|employee
             Make someone an admin, or an employee again (the last admin cannot be demoted)
  users sign-out <id-or-name> [--tokens]
             End every web session of that person; --tokens also revokes all their API tokens
  migrate    Apply pending database migrations and exit

Options:
  -h, --help  Show this help

Configuration comes from the environment and from .env when present; see .env.example.`;

interface Command {
  run(context: { config: Config; logger: Logger; args: string[] }): Promise<void>;
}

const commands: Record<string, Command> = {
  serve: {
    async run({ config, logger, args }) {
      const { values } = parseArgs({ args, options: { role: { type: 'string', default: 'all' } } });
      const { roles, startService } = await import('../main.ts');
      const role = roles.find((name) => name === values.role);
      if (!role) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
      // Signals are handled from the first moment: one that arrives while starting stops what started.
      const starting = startService(config, logger, role);
      stopOnSignals({ stop: async () => (await starting).stop() }, logger);
      await starting;
    },
  },
  worker: {
    async run({ config, logger }) {
      const { startWorker } = await import('../main.ts');
      const starting = startWorker(config, logger);
      stopOnSignals({ stop: async () => (await starting).stop() }, logger);
      await starting;
    },
  },
  scan: {
    async run({ config, logger, args }) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          json: { type: 'boolean', default: false },
          'no-store': { type: 'boolean', default: false },
          concurrency: { type: 'string', default: String(config.ocrPoolSize) },
        },
      });
      const concurrency = Number(values.concurrency);
      if (positionals.length === 0) throw new UsageError('scan needs at least one image or folder');
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
        throw new UsageError('--concurrency must be a whole number from 1 to 64');
      }
      const [{ runScan }, { formatScanLine }] = await Promise.all([
        import('../commands/scan.ts'),
        import('../pipeline/scan.ts'),
      ]);
      const lines = await runScan(config, logger, {
        paths: positionals,
        concurrency,
        store: !values['no-store'],
        emit: (line) => console.log(values.json ? JSON.stringify(line) : formatScanLine(line)),
      });
      if (lines.some((line) => line.status === 'failed')) process.exitCode = 3;
    },
  },
  ask: {
    async run({ config, logger, args }) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { json: { type: 'boolean', default: false }, as: { type: 'string' }, today: { type: 'string' } },
      });
      const question = positionals.join(' ').trim();
      if (!question) throw new UsageError('ask needs a question');
      if (values.today && !looksLikeIsoDay(values.today)) throw new UsageError('--today must be YYYY-MM-DD');
      const today = values.today ? middayOf(values.today) : undefined;
      const { runAsk } = await import('../commands/ask.ts');
      const answer = await runAsk(config, logger, { question, as: values.as, today });
      if (!values.json) {
        console.log(answer.text);
        return;
      }
      console.log(JSON.stringify(answerJson(answer)));
    },
  },
  import: {
    async run({ config, logger, args }) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { 'skip-bad': { type: 'boolean', default: false } },
      });
      const file = positionals[0];
      if (!file || positionals.length > 1) throw new UsageError('import needs exactly one .csv or .jsonl file');
      const text = await readFile(file, 'utf8');
      const { runImport } = await import('../commands/import.ts');
      const result = await runImport(config, logger, { file, text, skipBad: values['skip-bad'] });
      for (const problem of result.problems) console.error(`${file}:${problem.line}: ${problem.message}`);
      if (result.problems.length > 0 && !values['skip-bad']) {
        console.error(`Nothing imported: ${result.problems.length} bad row(s). Fix them or use --skip-bad.`);
        process.exitCode = 3;
        return;
      }
      console.log(
        `Imported ${countOf(result.imported, 'receipt')}, ${countOf(result.usersCreated, 'new user')}${result.skipped ? `, skipped ${countOf(result.skipped, 'bad row')}` : ''}.`,
      );
    },
  },
  token: {
    async run({ config, logger, args }) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          user: { type: 'string' },
          admin: { type: 'boolean', default: false },
          name: { type: 'string' },
          expires: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
      });
      const [action, ...rest] = positionals;
      const tokens = await import('../commands/token.ts');
      if (action === 'create' && rest.length === 0) {
        if (!values.user?.trim()) throw new UsageError('token create needs --user <id-or-name>');
        const token = await tokens.runTokenCreate(config, logger, {
          user: values.user.trim(),
          admin: values.admin,
          name: values.name,
          expires: values.expires,
        });
        console.log(token);
        return;
      }
      if (action === 'list' && rest.length === 0) {
        const rows = await tokens.runTokenList(config, logger, { user: values.user?.trim() || undefined });
        if (values.json) for (const row of rows) console.log(JSON.stringify(row));
        else printTable(rows.map(tokenLine), ['ID', 'USER', 'LABEL', 'CREATED', 'LAST USED', 'EXPIRES', 'STATE']);
        return;
      }
      if (action === 'revoke' && rest.length === 1) {
        const revoked = await tokens.runTokenRevoke(config, logger, { id: rest[0]!.trim() });
        console.log(`Revoked token ${revoked.id} of ${revoked.userName}${revoked.name ? ` (${revoked.name})` : ''}.`);
        return;
      }
      throw new UsageError('usage: token create --user <id-or-name> | token list | token revoke <token-id>');
    },
  },
  'login-link': {
    async run({ config, logger, args }) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { user: { type: 'string' }, admin: { type: 'boolean', default: false } },
      });
      if (positionals.length > 0 || (!values.user?.trim() && !values.admin)) {
        throw new UsageError('usage: login-link --user <id-or-name> | login-link --admin');
      }
      const { runLoginLink } = await import('../commands/login-link.ts');
      console.log(await runLoginLink(config, logger, { user: values.user?.trim() || undefined, admin: values.admin }));
    },
  },
  users: {
    async run({ config, logger, args }) {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        options: { json: { type: 'boolean', default: false }, tokens: { type: 'boolean', default: false } },
      });
      const [action, ...rest] = positionals;
      const users = await import('../commands/users.ts');
      if (action === 'list' && rest.length === 0) {
        const rows = await users.runUsersList(config, logger);
        if (values.json) for (const row of rows) console.log(JSON.stringify(row));
        else
          printTable(
            rows.map((p) => [
              p.id,
              p.name,
              `${p.platform}:${p.platformUserId}`,
              p.role,
              p.receipts,
              p.activeTokens,
              p.sessions,
            ]),
            ['ID', 'NAME', 'PLATFORM', 'ROLE', 'RECEIPTS', 'TOKENS', 'SESSIONS'],
          );
        return;
      }
      if (action === 'set-role' && rest.length === 2) {
        const role = rest[1];
        if (role !== 'admin' && role !== 'employee') throw new UsageError('the role is admin or employee');
        const changed = await users.runSetRole(config, logger, { user: rest[0]!, role });
        console.log(
          `${changed.displayName} (${changed.id}) is now ${changed.role === 'admin' ? 'an admin' : 'an employee'}.`,
        );
        return;
      }
      if (action === 'sign-out' && rest.length === 1) {
        const ended = await users.runSignOut(config, logger, { user: rest[0]!, tokens: values.tokens });
        console.log(
          `Signed ${ended.user.displayName} out of ${ended.sessions} web session(s)${values.tokens ? ` and revoked ${ended.tokens} API token(s)` : ''}.`,
        );
        return;
      }
      throw new UsageError(
        'usage: users list | users set-role <id-or-name> admin|employee | users sign-out <id-or-name> [--tokens]',
      );
    },
  },
  migrate: {
    async run({ config, logger }) {
      const { runMigrate } = await import('../commands/migrate.ts');
      await runMigrate(config, logger);
    },
  },
};

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') : '-');

function tokenLine(row: TokenRow): unknown[] {
  return [
    row.id,
    row.userName,
    row.name ?? '-',
    day(row.createdAt),
    day(row.lastUsedAt),
    day(row.expiresAt),
    row.state,
  ];
}

/** Rows as aligned columns under a header, for reading in a terminal. */
function printTable(rows: unknown[][], header: string[]): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  for (const row of cells)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
  if (rows.length === 0) console.log('(none)');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const wantsHelp = name === 'help' || name === '-h' || name === '--help';
  if (!name || wantsHelp || args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage}`);
    return 1;
  }
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  // Long-running commands log to stdout; the others print their result there, so they log to stderr.
  const logger = createLogger({ level: config.logLevel, stderr: name !== 'serve' && name !== 'worker' });
  try {
    await command.run({ config, logger, args });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${usage}`);
      return 1;
    }
    // Found at start-up beyond the environment (the policy file): said as plainly as a bad variable.
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    // A refusal in the user's terms (ambiguous name, not an admin, unknown token): said, not logged as a crash.
    if (isAppError(error) && error.status < 500) {
      console.error(error.userMessage);
      return 1;
    }
    logger.fatal({ err: error }, `${name} failed`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// `serve` and `worker` keep running on their own handles; every other outcome ends here.
if (code !== 0 || !['serve', 'worker'].includes(process.argv[2] ?? '')) process.exit(code);
