// /healthz: the process answers. /readyz: everything it depends on answers too; which part failed is
// shown by name only, the reason goes to the log (it can hold hosts, ports and query text).
import { Hono } from 'hono';
import type { Logger } from '../../logger.ts';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const checkTimeoutMs = 5_000;

async function runCheck({ name, check }: ReadinessCheck): Promise<[string, string]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return [name, 'ok'];
  } catch (error) {
    return [name, error instanceof Error ? error.message : String(error)];
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(checks: ReadinessCheck[], logger: Logger): Hono {
  const routes = new Hono();
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));
  routes.get('/readyz', async (c) => {
    const results = await Promise.all(checks.map(runCheck));
    const failing = results.filter(([, result]) => result !== 'ok');
    if (failing.length) logger.warn({ failing: Object.fromEntries(failing) }, 'not ready');
    const shown = Object.fromEntries(results.map(([name, result]) => [name, result === 'ok' ? 'ok' : 'failing']));
    const ready = failing.length === 0;
    return c.json({ status: ready ? 'ready' : 'unavailable', checks: shown }, ready ? 200 : 503);
  });
  return routes;
}
