// Who pressed an approval button, checked on every press whatever chat it came from (a card can be
// forwarded, a callback crafted): an admin's user row, or a refusal that changes nothing — not even
// a user row for a stranger.
import type { PrismaClient } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { User } from '../../generated/prisma/client.ts';
import { findOrCreateUser, type Sender } from '../../receipts/users.ts';
import { notAdminPress } from './approval-text.ts';

export async function adminPresser(prisma: PrismaClient, sender: Sender): Promise<User> {
  const user = sender.admin
    ? await findOrCreateUser(prisma, sender)
    : await prisma.user.findUnique({
        where: { platform_platformUserId: { platform: sender.platform, platformUserId: sender.platformUserId } },
      });
  if (user?.role !== 'admin') {
    throw new AppError('forbidden', `${sender.platform} user ${sender.platformUserId} is not an admin`, {
      userMessage: notAdminPress,
    });
  }
  return user;
}
