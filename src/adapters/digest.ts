// The weekly digest posted to every admin chat on every platform (or to one chat, for /digest): the
// figures from receipts/digest.ts in words, and a chart of the week's spend by category.
import type { webApi } from '@slack/bolt';
import { type Api, InputFile } from 'grammy';
import type { PrismaClient } from '../db/client.ts';
import type { Platform } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import { formatMoney } from '../money.ts';
import { renderChart } from '../query/chart.ts';
import { emptyFilters } from '../query/plan.ts';
import { computeDigest, type Digest, type Sum } from '../receipts/digest.ts';

const money = (sums: Sum[]) =>
  sums.length ? sums.map((sum) => formatMoney(sum.total, sum.currency)).join(' + ') : formatMoney('0.00', 'EUR');
const count = (sums: Sum[]) => sums.reduce((total, sum) => total + sum.count, 0);

export function digestText(digest: Digest): string {
  const lines = [
    `Weekly digest, ${digest.from} to ${digest.to}`,
    `Spent: ${money(digest.thisWeek)} (${count(digest.thisWeek)} receipts); the week before: ${money(digest.lastWeek)} (${count(digest.lastWeek)})`,
  ];
  const section = (title: string, rows: { key: string; total: string; currency: string | null; count: number }[]) => {
    if (rows.length === 0) return;
    lines.push(title, ...rows.map((row) => `• ${row.key}: ${formatMoney(row.total, row.currency)} (${row.count})`));
  };
  section('By category:', digest.byCategory);
  section('By person:', digest.byPerson);
  section('Top merchants:', digest.topMerchants);
  lines.push(
    `Waiting for approval: ${count(digest.waitingApproval)} receipts, ${money(digest.waitingApproval)}`,
    `Waiting for review: ${digest.needsReview} receipts`,
  );
  if (digest.violations.length) {
    lines.push(`Policy violations: ${digest.violations.length}`);
    for (const violation of digest.violations.slice(0, 10)) {
      const amount = violation.total ? formatMoney(violation.total, violation.currency) : 'no total';
      lines.push(
        `• ${violation.person}: ${violation.merchant ?? 'Receipt'}, ${amount}: ${violation.messages.join('; ')}`,
      );
    }
  } else {
    lines.push('Policy violations: none');
  }
  return lines.join('\n');
}

async function digestChart(digest: Digest): Promise<{ png: Buffer; title: string } | null> {
  if (digest.byCategory.length === 0) return null;
  const title = `Spend by category, ${digest.from} to ${digest.to}`;
  const plan = {
    measure: 'total' as const,
    groupBy: 'category' as const,
    filters: emptyFilters(),
    ascending: false,
    limit: null,
  };
  const rows = digest.byCategory.map((row) => ({
    key: row.key,
    currency: row.currency,
    value: row.total,
    count: row.count,
  }));
  return { png: await renderChart(plan, rows, title), title };
}

export interface DigestPosterDependencies {
  prisma: PrismaClient;
  telegram?: { api: Api; chatIds: readonly string[] };
  slack?: { client: webApi.WebClient; channelIds: readonly string[] };
  timeZone: string;
  logger: Logger;
}

export function createDigestPoster({ prisma, telegram, slack, timeZone, logger }: DigestPosterDependencies) {
  async function postTo(
    platform: Platform,
    chatId: string,
    text: string,
    chart: { png: Buffer; title: string } | null,
  ) {
    if (platform === 'telegram' && telegram) {
      await telegram.api.sendMessage(chatId, text);
      if (chart) await telegram.api.sendPhoto(chatId, new InputFile(chart.png, 'digest.png'), { caption: chart.title });
    } else if (platform === 'slack' && slack) {
      await slack.client.chat.postMessage({ channel: chatId, text });
      if (chart) {
        await slack.client.files.uploadV2({
          channel_id: chatId,
          file: chart.png,
          filename: 'digest.png',
          title: chart.title,
        });
      }
    }
  }

  return {
    /** Posts the digest to `only` that chat, or to every admin chat; returns the figures posted. */
    async post({ now = new Date(), only }: { now?: Date; only?: { platform: Platform; chatId: string } } = {}) {
      const digest = await computeDigest(prisma, { now, timeZone });
      const text = digestText(digest);
      const chart = await digestChart(digest);
      const chats = only
        ? [only]
        : [
            ...(telegram?.chatIds ?? []).map((chatId) => ({ platform: 'telegram' as const, chatId })),
            ...(slack?.channelIds ?? []).map((chatId) => ({ platform: 'slack' as const, chatId })),
          ];
      for (const chat of chats) {
        try {
          await postTo(chat.platform, chat.chatId, text, chart);
        } catch (error) {
          logger.warn({ err: error, ...chat }, 'could not post the digest');
        }
      }
      logger.info({ chats: chats.length, from: digest.from, to: digest.to }, 'digest posted');
      return digest;
    },
  };
}

export type DigestPoster = ReturnType<typeof createDigestPoster>;
