// The admin web page end to end in headless Chromium (Debian's, driven by playwright-core): what a
// signed-out visitor sees, sign in with the link the bot sends (a page with a button), upload a
// receipt, correct it, confirm it, the list (whose receipt, sorting, the filter's total), the overview
// chart per currency, an imported receipt, questions, and the same on a phone. Screenshots go to
// test/artifacts/.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/access/api-tokens.ts';
import { importReceipts, readImportFile } from '../../src/receipts/import.ts';
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
    // Signed out: how to sign in (with or without a bot), and no navigation or Sign out.
    await page.goto(`${service.url}/app#/receipts`);
    await page.getByRole('heading', { name: 'Please sign in' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('npx ticket-tracker login-link --admin');
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(false);

    telegram.pushUpdate({ message: textMessage(admin, '/web') });
    const sent = await telegram.waitForCall((c) => c.method === 'sendMessage' && c.params.chat_id === admin.id);
    const link = /(http:\/\/\S+\/login\/\S+)/.exec(String(sent.params.text))![1]!;

    // Opening the link shows a button; only pressing it signs in.
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/app/);
    await expect.poll(() => page.locator('#who').textContent(), { timeout: 15_000 }).toBe('Grace Hopper (admin)');
    expect(await page.locator('nav').isVisible()).toBe(true);

    await page.goto(`${service.url}/app#/overview`);
    await expect.poll(() => page.locator('#this-month').textContent(), { timeout: 15_000 }).toBe('nothing yet');

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
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toBe('Saved.');
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
    await expect.poll(() => page.locator('#this-month').textContent(), { timeout: 15_000 }).toBe('€7.25');
    await page.locator('.chart .bar').first().waitFor();
    expect(await page.locator('.chart .value').allTextContents()).toContain('€7.25');
    expect(await page.locator('.chart .ticks span').count()).toBe(3);
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
    const abroad = new Date(Date.now() - 40 * 24 * 3600_000).toISOString().slice(0, 10);
    const inPounds = await fetch(`${service.url}/api/receipts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        merchant: 'London Cab',
        date: abroad,
        currency: 'GBP',
        total: '20.00',
        category: 'travel',
      }),
    });
    expect(inPounds.status).toBe(201);
    const bob = await service.database.prisma.user.create({
      data: { platform: 'telegram', platformUserId: '8888', displayName: 'Bob Stone' },
    });
    const older = new Date(Date.now() - 20 * 24 * 3600_000).toISOString().slice(0, 10);
    const { rows } = readImportFile(
      'old.csv',
      `employee,merchant,date,currency,total,category,tax\nBob Stone,Old Books,${older},EUR,3.00,office,\n`,
      { categories: ['office'], dateOrder: 'DMY', today: new Date() },
    );
    expect(rows).toHaveLength(1);
    await importReceipts(service.database.prisma, rows);

    // The list: whose receipt it is, sorted by purchase date, and the total of the whole filter.
    await page.goto(`${service.url}/app#/receipts?sort=date_asc`);
    await page.locator('td.person').first().waitFor();
    expect(await page.locator('thead th').allTextContents()).toContain('Person');
    const merchants = await page.locator('tbody tr td:nth-child(3) a').allTextContents();
    expect(merchants.slice(0, 3)).toEqual(['London Cab', 'Old Books', 'Taxi Co']);
    expect(merchants[3]).toMatch(/corner/i);
    expect((await page.locator('td.person').allTextContents()).sort()).toEqual([
      'Bob Stone',
      'Grace Hopper',
      'Grace Hopper',
      'Grace Hopper',
    ]);
    await expect
      .poll(() => page.locator('#filter-total strong').textContent(), { timeout: 15_000 })
      .toBe('€22.25 + £20.00');
    await page.getByLabel('Category').selectOption('travel');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect
      .poll(() => page.locator('#filter-total strong').textContent(), { timeout: 15_000 })
      .toBe('€12.00 + £20.00');
    expect(page.url()).toContain('sort=date_asc');
    await screenshot('receipts-sorted');

    // An imported receipt says where it came from, not "entered by hand".
    const imported = await service.database.prisma.receipt.findFirstOrThrow({ where: { merchant: 'Old Books' } });
    await page.goto(`${service.url}/app#/receipt/${imported.id}`);
    await page.getByText('Imported from a file: no picture.').waitFor();
    expect(bob.id).toBe(imported.userId); // the import found Bob by name, no second Bob

    // Every currency gets its own panel in the chart, with its own values.
    await page.goto(`${service.url}/app#/overview`);
    await page.locator('.chart[data-currency="GBP"]').waitFor();
    expect(await page.locator('.chart figcaption').allTextContents()).toEqual([
      'Spent per month in EUR',
      'Spent per month in GBP',
    ]);
    expect(await page.locator('.chart[data-currency="GBP"] .value').allTextContents()).toContain('£20.00');

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

    // An answer with no plan line, table or chart shows its text and nothing else: never "null".
    const before = await page.locator('main section h2').textContent();
    await page.getByLabel('Your question').fill('hello there');
    await page.getByRole('button', { name: 'Ask' }).click();
    await expect.poll(() => page.locator('main section h2').textContent(), { timeout: 30_000 }).not.toBe(before);
    expect(await page.locator('main section h2').count()).toBe(1);
    expect(await page.locator('img.answer-chart').count()).toBe(0);
    await screenshot('ask-plain');
    expect(await page.locator('main section').textContent()).not.toMatch(/null|undefined/);

    // On a phone the same page stacks into one column, with nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${service.url}/app#/overview`);
    await page.locator('#this-month').waitFor();
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document;
      return root.documentElement.scrollWidth;
    });
    expect(overflow).toBeLessThanOrEqual(390);
    // The chart's labels stay at a readable size on a phone.
    const labelSize = await page
      .locator('.chart .month')
      .first()
      .evaluate((node) => {
        const view = globalThis as unknown as { getComputedStyle(n: unknown): { fontSize: string } };
        return Number.parseFloat(view.getComputedStyle(node).fontSize);
      });
    expect(labelSize).toBeGreaterThanOrEqual(12);
    await screenshot('overview-phone');

    // On a phone the list keeps Total and Status on screen.
    await page.goto(`${service.url}/app#/receipts`);
    await page.locator('tbody tr').first().waitFor();
    for (const name of ['Total', 'Status']) {
      const box = await page.getByRole('columnheader', { name, exact: true }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width, name).toBeLessThanOrEqual(390);
    }
    await screenshot('receipts-phone');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
