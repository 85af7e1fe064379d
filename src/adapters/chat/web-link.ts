// /web on any platform: a one-time sign-in link to the web page, for the sender only.
import { createLoginLink, loginLinkMinutes } from '../../access/web-sessions.ts';
import type { ChatDependencies } from './dependencies.ts';

export async function webLinkText(deps: Pick<ChatDependencies, 'prisma' | 'webUrl'>, userId: string): Promise<string> {
  const token = await createLoginLink(deps.prisma, userId);
  return `Open ticket-tracker in your browser: ${deps.webUrl()}/login/${token}\nThe link works once, for ${loginLinkMinutes} minutes. Do not share it.`;
}
