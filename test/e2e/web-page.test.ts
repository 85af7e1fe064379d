// The admin web page end to end in headless Chromium (Debian's, driven by playwright-core): sign in
// with the link the bot sends, upload a receipt, correct it, confirm it, see the overview change, ask
// a question and see the chart. Screenshots go to test/artifacts/.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { type FakeTelegram, startFakeTelegram } from '../fakes/telegram-server.ts';
import { receiptImage } from '../helpers/images.ts';
import { startTestService, type TestService } from '../helpers/service.ts';
import { textMessage } from '../helpers/telegram-updates.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(chromiumPath);
// CI installs Chromium and sets E2E_REQUIRED, so a missing browser fails there instead of skipping.
if (!available && process.env.E2E_REQUIRED) throw new Error(`no Chromium at ${chromiumPath}`);
const artifacts = new URL('../artifacts/', import.meta.url).pathname;

const admin = { id: 7777, first_name: 'Grace', last_name: 'Hopper', is_bot: false };

let telegram: FakeTelegram;
let service: TestService;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

function today(): { iso: string; dmy: string } {
  const iso = new Date().toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return { iso, dmy: `${d}/${m}/${y}` };
}

async function screenshot(name: string) {
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
}

describe.skipIf(!available)('admin web page in Chromium', () => {
  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    telegram = await startFakeTelegram();
    service = await startTestService({
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      ADMIN_TELEGRAM_USER_IDS: String(admin.id),
    });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await telegram?.close();
  });

  it('signs in, uploads, corrects, confirms, sees the overview change and asks', async () => {
    telegram.pushUpdate({ message: textMessage(admin, '/web') });
    const sent = await telegram.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === admin.id);
    const link = /(http:\/\/\S+\/login\/\S+)/.exec(String(sent.params.text))![1]!;

    await page.goto(link);
    await page.waitForURL(/\/app/);
    await expect.poll(() => page.locator('#who').textContent()).toBe('Grace Hopper (admin)');

    await page.goto(`${service.url}/app#/overview`);
    await expect.poll(() => page.locator('#this-month').textContent()).toBe('nothing yet');

    await page.goto(`${service.url}/app#/receipts`);
    const { iso, dmy } = today();
    const photo = await receiptImage(['CORNER CAFE', `Date: ${dmy}`, 'Soup        6.50', 'TOTAL       6.50']);
    await page.setInputFiles('#upload-file', { name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Upload' }).click();
    const total = page.getByLabel('Total');
    await expect.poll(() => total.inputValue(), { timeout: 60_000 }).toBe('6.50');
    expect(await page.getByLabel('Date').inputValue()).toBe(iso);
    await page.locator('.box.total').first().waitFor();
    await screenshot('receipt');

    await total.fill('7.25');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('Saved.');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('button', { name: 'Confirmed ✓' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('null');

    await page.goto(`${service.url}/app#/receipts`);
    await page.locator('img.thumb').first().waitFor();
    await screenshot('receipts');
    await page.getByLabel('Status').selectOption('needs_review');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No receipts match.').waitFor();
    await page.goto(`${service.url}/app#/review`);
    await page.getByText('Nothing left to review.').waitFor();

    await page.goto(`${service.url}/app#/overview`);
    await expect.poll(() => page.locator('#this-month').textContent()).toBe('€7.25');
    await page.locator('.chart svg rect').first().waitFor();
    await screenshot('overview');

    // A second day to chart: an earlier receipt entered through the API.
    const user = await service.database.prisma.user.findFirstOrThrow({ where: { platformUserId: String(admin.id) } });
    const token = await createApiToken(service.database.prisma, user.id);
    const earlier = new Date(Date.now() - 10 * 24 * 3600_000).toISOString().slice(0, 10);
    const entered = await fetch(`${service.url}/api/receipts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ merchant: 'Taxi Co', date: earlier, currency: 'EUR', total: '12.00', category: 'travel' }),
    });
    expect(entered.status).toBe(201);

    await page.goto(`${service.url}/app#/ask`);
    await page.getByLabel('Your question').fill('total by day in the last 30 days');
    await page.getByRole('button', { name: 'Ask' }).click();
    const chart = page.locator('img.answer-chart');
    await chart.waitFor();
    await expect
      .poll(() => chart.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(100);
    expect(await page.locator('.plan').textContent()).toContain('Counted:');
    expect(await page.locator('pre.answer').textContent()).toContain('7.25');
    await screenshot('ask');

    // On a phone the same page stacks into one column, with nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${service.url}/app#/overview`);
    await page.locator('#this-month').waitFor();
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
      return root.documentElement.scrollWidth;
    });
    expect(overflow).toBeLessThanOrEqual(390);
    await screenshot('overview-phone');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
