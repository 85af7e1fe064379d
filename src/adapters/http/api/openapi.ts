// The API described for machines (/openapi.json, OpenAPI 3.1, request bodies from the same zod
// schemas the routes validate with) and for people (/docs, one plain HTML page drawn from it).
import { Hono } from 'hono';
import { z } from 'zod';
import { receiptFiltersSchema } from '../../../receipts/receipt-list.ts';
import { approvalOperations } from './approvals.ts';
import { payoutOperations } from './payouts.ts';
import { correctionSchema, manualEntrySchema } from './receipts.ts';

type Operation = {
  summary: string;
  admin?: boolean;
  public?: boolean;
  body?: { type: string; schema: unknown };
  query?: z.ZodObject;
  responses: Record<string, string>;
};

function operations(categories: readonly string[]): Record<string, Record<string, Operation>> {
  const json = (schema: z.ZodType) => ({ type: 'application/json', schema: z.toJSONSchema(schema, { io: 'input' }) });
  const listQuery = receiptFiltersSchema.extend({ cursor: z.string().optional(), limit: z.number().int().optional() });
  return {
    '/api/receipts': {
      post: {
        summary:
          'Upload a receipt (multipart field "file": JPEG, PNG, WebP, HEIC, TIFF or PDF), or enter one by hand (JSON)',
        body: json(manualEntrySchema(categories)),
        responses: {
          '202': 'stored and queued for reading',
          '200': 'a duplicate of an earlier upload',
          '201': 'manual entry saved',
          '413': 'too large',
          '415': 'not an image or PDF',
          '429': 'too many uploads',
        },
      },
      get: {
        summary: 'List receipts, newest first (employees: their own); cursor pages',
        query: listQuery,
        responses: { '200': '{ receipts, nextCursor }' },
      },
    },
    '/api/receipts/{id}': {
      get: { summary: 'One receipt', responses: { '200': '{ receipt }', '404': 'not found or not yours' } },
      patch: {
        summary: 'Fix fields (audited)',
        body: json(correctionSchema),
        responses: { '200': '{ receipt }', '400': 'a bad value', '409': 'still being read' },
      },
      delete: {
        summary:
          'Delete a receipt (its image goes after DELETED_RETENTION_DAYS); admins: ?purge=true removes the image now',
        responses: { '204': 'deleted', '403': 'purge asked by someone not an admin' },
      },
    },
    '/api/receipts/{id}/image': {
      get: {
        summary: 'The original image, as uploaded (Content-Disposition: attachment)',
        responses: { '200': 'the image bytes' },
      },
    },
    '/api/receipts/{id}/preview': {
      get: {
        summary: 'The page as read (PDF page 1, HEIC decoded, turned upright) as a JPEG, at most `width` pixels wide',
        query: z.object({ width: z.number().int().min(40).max(2000).optional() }),
        responses: { '200': 'image/jpeg', '404': 'no image' },
      },
    },
    '/api/receipts/{id}/ocr': {
      get: {
        summary: 'What OCR read: lines and words with their boxes on the preview',
        responses: { '200': '{ page: { width, height }, lines: [{ text, box, words }] }' },
      },
    },
    '/api/receipts/{id}/confirm': { post: { summary: 'Confirm the reading', responses: { '200': '{ receipt }' } } },
    ...approvalOperations(json),
    ...payoutOperations(json),
    '/api/receipts/{id}/history': {
      get: {
        summary: 'Every change: who, when, field, before, after (the owner or an admin)',
        responses: {
          '200': '{ history: [{ at, by: { id, name }, field, before, after }] }',
          '404': 'not found or not yours',
        },
      },
    },
    '/api/export.csv': {
      get: {
        summary: 'CSV of the receipts the filters select; rows=items gives one row per line item',
        admin: true,
        query: receiptFiltersSchema.extend({ rows: z.enum(['receipts', 'items']).optional() }),
        responses: { '200': 'text/csv', '403': 'not an admin' },
      },
    },
    '/api/ask': {
      post: {
        summary: 'Ask the query agent (admins: everyone; employees: their own receipts)',
        body: json(z.object({ question: z.string(), today: z.iso.date().optional() })),
        responses: { '200': '{ answer, value, currency, rows, plan, chart: { url, title } | null }' },
      },
    },
    '/api/charts/{file}': {
      get: {
        summary: "A chart from an answer, for an hour (the file name from the answer's chart url: <id>.png)",
        responses: { '200': 'image/png', '404': 'expired or not yours' },
      },
    },
    '/api/me': {
      get: {
        summary: 'Who is signed in, and the categories to choose from',
        responses: { '200': '{ user, categories }' },
      },
    },
    '/api/overview': {
      get: {
        summary: 'Spend at a glance per currency: this month, last month, by category, by person, twelve months',
        responses: { '200': '{ month, lastMonth, thisMonth, previousMonth, byCategory, byPerson, monthly }' },
      },
    },
    '/': { get: { summary: 'Redirects to the web page', public: true, responses: { '302': 'to /app' } } },
    '/app': { get: { summary: 'The web page', public: true, responses: { '200': 'text/html' } } },
    '/app/{file}': {
      get: { summary: "The page's scripts and style sheet", public: true, responses: { '200': 'JavaScript or CSS' } },
    },
    '/login/{token}': {
      get: {
        summary: 'Sign in with a one-time link (from /web or `ticket-tracker login-link`): sets the session cookie',
        public: true,
        responses: { '302': 'signed in, to /app', '410': 'used or expired' },
      },
    },
    '/logout': {
      post: {
        summary: 'Sign out this session (needs X-Requested-With: ticket-tracker)',
        public: true,
        responses: { '204': 'signed out', '403': 'without the header' },
      },
    },
    '/openapi.json': { get: { summary: 'This document', public: true, responses: { '200': 'OpenAPI 3.1' } } },
    '/docs': { get: { summary: 'This document as a page', public: true, responses: { '200': 'text/html' } } },
    '/healthz': { get: { summary: 'The process answers', public: true, responses: { '200': 'ok' } } },
    '/readyz': {
      get: {
        summary: 'Database, storage and queue answer',
        public: true,
        responses: { '200': 'ready', '503': 'not ready' },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (with METRICS_TOKEN set: Authorization: Bearer <METRICS_TOKEN>)',
        public: true,
        responses: { '200': 'text/plain', '401': 'METRICS_TOKEN set and not sent' },
      },
    },
  };
}

export function openApiDocument(categories: readonly string[]) {
  const paths: Record<string, unknown> = {};
  for (const [path, methods] of Object.entries(operations(categories))) {
    paths[path] = Object.fromEntries(
      Object.entries(methods).map(([method, op]) => [
        method,
        {
          summary: op.summary,
          ...(op.public ? { security: [] } : {}),
          parameters: [
            ...[...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
              name,
              in: 'path',
              required: true,
              schema: { type: 'string' },
            })),
            ...Object.keys(op.query?.shape ?? {}).map((name) => ({
              name,
              in: 'query',
              required: false,
              schema: z.toJSONSchema(op.query!.shape[name] as z.ZodType, { io: 'input' }),
            })),
          ],
          ...(op.body ? { requestBody: { content: { [op.body.type]: { schema: op.body.schema } } } } : {}),
          responses: Object.fromEntries(
            Object.entries(op.responses).map(([status, description]) => [status, { description }]),
          ),
          ...(op.admin ? { 'x-admin-only': true } : {}),
        },
      ]),
    );
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ticket-tracker API', version: '0.1.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function docsPage(categories: readonly string[]): string {
  const rows = Object.entries(operations(categories)).flatMap(([path, methods]) =>
    Object.entries(methods).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary)}${op.admin ? ' <strong>(admins)</strong>' : ''}</td><td>${Object.entries(
          op.responses,
        )
          .map(([status, text]) => `${status} ${escapeHtml(text)}`)
          .join('<br>')}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ticket-tracker API</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}code{background:#f3f3f3;padding:0 .2rem}</style></head>
<body><h1>ticket-tracker API</h1><p>Send <code>Authorization: Bearer &lt;token&gt;</code> (create one with <code>ticket-tracker token create --user &lt;id&gt;</code>).
Errors are <code>{"error":{"code","message"}}</code>. Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
<table><thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">What</th><th scope="col">Answers</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
}

export function openApiRoutes(categories: readonly string[]): Hono {
  const routes = new Hono();
  const document = openApiDocument(categories);
  const page = docsPage(categories);
  routes.get('/openapi.json', (c) => c.json(document));
  // The page's one inline style sheet is allowed by its hash-free policy: it has no script at all.
  routes.get('/docs', (c) =>
    c.html(page, 200, {
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    }),
  );
  return routes;
}
