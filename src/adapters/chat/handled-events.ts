// Platform events already answered (a chat message, a Slack event), so that a redelivery is not
// answered twice. Marked after the answer: a crash before it gets the event again, and loses nothing.
import type { PrismaClient } from '../../db/client.ts';
import type { Platform } from '../../generated/prisma/client.ts';

/** How long an event is remembered: platforms redeliver within minutes, never weeks later. */
const keepDays = 30;

export function createHandledEvents(prisma: PrismaClient, platform: Platform) {
  return {
    async seen(key: string): Promise<boolean> {
      return (await prisma.handledEvent.count({ where: { platform, key } })) > 0;
    },
    async mark(key: string): Promise<void> {
      await prisma.handledEvent.createMany({ data: [{ platform, key }], skipDuplicates: true });
    },
  };
}

export type HandledEvents = ReturnType<typeof createHandledEvents>;

export async function forgetOldEvents(prisma: PrismaClient, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 24 * 3600 * 1000);
  return (await prisma.handledEvent.deleteMany({ where: { createdAt: { lt: before } } })).count;
}
