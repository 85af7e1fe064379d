// The HTTP face of the service. Routes are mounted here; each one lives in its own module.
import { type HttpBindings, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isAppError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { type BodyLimitRule, jsonBodyMaxBytes, requestBodyLimit } from './body-limit.ts';
import { healthRoutes, type ReadinessCheck } from './health.ts';
import { withSecurityHeaders } from './security-headers.ts';

export interface HttpDependencies {
  logger: Logger;
  readinessChecks: ReadinessCheck[];
  /** Routes whose bodies may be larger than a JSON body (uploads, webhooks). */
  bodyLimits?: BodyLimitRule[];
}

export type HttpApp = Hono<{ Bindings: HttpBindings }>;

export function createHttpApp({ logger, readinessChecks, bodyLimits = [] }: HttpDependencies): HttpApp {
  const app: HttpApp = new Hono();
  app.use('*', withSecurityHeaders());
  app.use('*', requestBodyLimit(jsonBodyMaxBytes, bodyLimits));
  app.route('/', healthRoutes(readinessChecks, logger));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: 'No such route' } }, 404));
  app.onError((error, c) => {
    // Coded errors carry a message safe to show and the right status; anything else is our fault.
    if (isAppError(error) && error.status < 500) {
      return c.json({ error: { code: error.code, message: error.userMessage } }, error.status as 400);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: { code: 'bad_request', message: error.message || 'Bad request' } }, error.status);
    }
    logger.error({ err: error, path: c.req.path }, 'request failed');
    if (isAppError(error)) {
      return c.json({ error: { code: error.code, message: error.userMessage } }, error.status as 500);
    }
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
  });
  return app;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  close(): Promise<void>;
}

export function listen(app: HttpApp, { host, port }: { host: string; port: number }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({
        url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${info.port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
