// Everything under /api (token or session required), plus /openapi.json and /docs.
import { Hono } from 'hono';
import { approvalRoutes } from './approvals.ts';
import { askRoutes } from './ask.ts';
import { requireUser } from './auth.ts';
import type { ApiDependencies, ApiEnv } from './dependencies.ts';
import { exportRoutes } from './export-csv.ts';
import { openApiRoutes } from './openapi.ts';
import { overviewRoutes } from './overview.ts';
import { payoutRoutes } from './payouts.ts';
import { peopleRoutes } from './people.ts';
import { receiptRoutes } from './receipts.ts';

export function apiRoutes(deps: ApiDependencies): Hono {
  const api = new Hono<ApiEnv>();
  api.use('*', requireUser(deps.prisma));
  api.route('/receipts', receiptRoutes(deps));
  api.route('/', exportRoutes(deps));
  api.route('/', askRoutes(deps));
  api.route('/', overviewRoutes(deps));
  api.route('/', peopleRoutes(deps));
  api.route('/', approvalRoutes(deps));
  api.route('/', payoutRoutes(deps));

  const routes = new Hono();
  routes.route('/api', api as unknown as Hono);
  routes.route('/', openApiRoutes(deps.categories));
  return routes;
}
