import type { PrismaClient } from '../db/client.ts';
import type { Platform, User } from '../generated/prisma/client.ts';

export interface Sender {
  platform: Platform;
  platformUserId: string;
  displayName?: string;
  /** Listed as an admin in the config: made admin on contact (never demoted here). */
  admin?: boolean;
}

/** The sender's user row, created on first contact; the display name follows the platform's. */
export async function findOrCreateUser(prisma: PrismaClient, sender: Sender): Promise<User> {
  const displayName = sender.displayName?.trim() || sender.platformUserId;
  return prisma.user.upsert({
    where: { platform_platformUserId: { platform: sender.platform, platformUserId: sender.platformUserId } },
    create: {
      platform: sender.platform,
      platformUserId: sender.platformUserId,
      displayName,
      role: sender.admin ? 'admin' : 'employee',
    },
    update: { ...(sender.displayName ? { displayName } : {}), ...(sender.admin ? { role: 'admin' as const } : {}) },
  });
}
