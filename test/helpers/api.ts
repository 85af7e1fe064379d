// The HTTP API as one person sees it: a person with an API token, and calls made with that token to a
// running test service, answered as status and parsed JSON.
import { createApiToken } from '../../src/access/api-tokens.ts';
import type { PrismaClient } from '../../src/db/client.ts';
import type { Platform, Role, User } from '../../src/generated/prisma/client.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API sends
export type Body = any;

export type ApiCall = (
  token: string,
  path: string,
  method?: string,
  body?: unknown,
) => Promise<{ status: number; body: Body }>;

/** Calls to the service at `serviceUrl()` (read at each call: the service starts in beforeAll). */
export function apiCaller(serviceUrl: () => string): ApiCall {
  return async (token, path, method = 'GET', body) => {
    const response = await fetch(`${serviceUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
}

/** A person (an HTTP user unless told otherwise) and an API token of theirs. */
export async function createPerson(
  prisma: PrismaClient,
  name: string,
  {
    role = 'employee',
    platform = 'http',
    platformUserId = name.toLowerCase(),
  }: { role?: Role; platform?: Platform; platformUserId?: string } = {},
): Promise<{ user: User; token: string }> {
  const user = await prisma.user.create({ data: { platform, platformUserId, displayName: name, role } });
  return { user, token: await createApiToken(prisma, user.id) };
}
