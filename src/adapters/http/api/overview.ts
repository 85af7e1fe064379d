// GET /api/me (who is signed in, and the categories to choose from) and GET /api/overview (spend at
// a glance, everyone's for admins, one's own otherwise).
import { Hono } from 'hono';
import { spendOverview } from '../../../receipts/spend-overview.ts';
import { type ApiDependencies, type ApiEnv, isAdmin } from './dependencies.ts';

export function overviewRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  routes.get('/me', (c) => {
    const user = c.get('user');
    return c.json({
      user: { id: user.id, name: user.displayName, role: user.role },
      categories: deps.categories,
    });
  });
  routes.get('/overview', async (c) => {
    const user = c.get('user');
    return c.json(await spendOverview(deps.prisma, { userId: user.id, admin: isAdmin(user) }));
  });
  return routes;
}
