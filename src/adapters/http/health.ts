// /healthz: the process answers. /readyz: everything it depends on answers too.
import { Hono } from 'hono';

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

export function healthRoutes(checks: ReadinessCheck[]): Hono {
  const routes = new Hono();
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));
  routes.get('/readyz', async (c) => {
    const results = Object.fromEntries(await Promise.all(checks.map(runCheck)));
    const ready = Object.values(results).every((result) => result === 'ok');
    return c.json({ status: ready ? 'ready' : 'unavailable', checks: results }, ready ? 200 : 503);
  });
  return routes;
}
