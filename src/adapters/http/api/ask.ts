// POST /api/ask: a question for the query agent, as the asker may see (admins: everyone, employees:
// their own receipts). The chart, when there is one, is kept for an hour at the URL returned.

import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../../errors.ts';
import { middayOf } from '../../../iso-date.ts';
import { answerJson } from '../../../query/agent.ts';
import { askAgent } from '../../chat/ask-agent.ts';
import { type ApiDependencies, type ApiEnv, isAdmin, jsonBody, parseWith } from './dependencies.ts';
import { perUserRateLimit } from './rate-limit.ts';

const askSchema = z.object({
  question: z.string().trim().min(1).max(500),
  /** Pins "today" for relative periods. */
  today: z.iso.date().optional(),
});

const chartTtlMs = 60 * 60 * 1000;
const maxCharts = 500;

export function askRoutes(deps: ApiDependencies): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  const charts = new Map<string, { png: Buffer; userId: string; at: number }>();

  function keepChart(png: Buffer, userId: string): string {
    const now = Date.now();
    for (const [id, chart] of charts) if (now - chart.at > chartTtlMs || charts.size >= maxCharts) charts.delete(id);
    const id = randomUUID();
    charts.set(id, { png, userId, at: now });
    return id;
  }

  routes.post('/ask', perUserRateLimit('questions', deps.rateLimits.questionsPerMinute), async (c) => {
    const user = c.get('user');
    const body = parseWith(askSchema, await jsonBody(c));
    const answer = await askAgent(
      deps.agent,
      {
        text: body.question,
        asker: user,
        scope: isAdmin(user) ? 'everyone' : 'own',
        today: body.today ? middayOf(body.today) : undefined,
      },
      deps.logger,
    );
    const chart = answer.chart
      ? { url: `/api/charts/${keepChart(answer.chart.png, user.id)}.png`, title: answer.chart.title }
      : null;
    return c.json({ ...answerJson(answer), chart });
  });

  routes.get('/charts/:file', (c) => {
    const id = c.req.param('file').replace(/\.png$/, '');
    const chart = charts.get(id);
    if (!chart || chart.userId !== c.get('user').id || Date.now() - chart.at > chartTtlMs) {
      throw new AppError('not_found', 'no such chart', { userMessage: 'That chart has expired.' });
    }
    return new Response(new Uint8Array(chart.png), {
      headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=3600' },
    });
  });

  return routes;
}
