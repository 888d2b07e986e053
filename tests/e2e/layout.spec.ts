import { expect, test, type Locator, type Page } from '@playwright/test';
import { artifactPath, openDesk, openSession, devHostForFile } from './desk';

const host = devHostForFile(['--demo']);

const SIZES = [
  [1440, 900],
  [1280, 720],
  [1024, 700],
] as const;
const LANGUAGES = ['zh-CN', 'en'] as const;

async function useLanguage(page: Page, lang: (typeof LANGUAGES)[number]): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === lang) return;
  await page.getByTestId(lang === 'en' ? 'language-en' : 'language-zh').click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** `inner`'s box lies within `outer`'s, horizontally. */
async function expectInside(inner: Locator, outer: Locator): Promise<void> {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  expect(a.x).toBeGreaterThanOrEqual(b.x - 0.5);
  expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
}

for (const lang of LANGUAGES) {
  test(`at 1024×700 in ${lang} nothing scrolls sideways and the right panel is whole`, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await openDesk(page, host.url);
    await useLanguage(page, lang);
    await openSession(page, 0);
    await expectNoSidewaysScroll(page);
    const side = page.getByTestId('side-panels');
    const box = (await side.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    // Every panel tab can be reached without scrolling the tab bar.
    for (const tab of ['scripts', 'knowledge', 'customer']) await expectInside(page.getByTestId(`panel-tab-${tab}`), side);
    for (const id of ['show-customer', 'create-ticket-button', 'close-conversation']) await expectInside(page.getByTestId(id), page.getByTestId('conversation'));

    await page.getByTestId('panel-tab-customer').click();
    await expect(page.getByTestId('customer-policy').first()).toBeVisible();
    await expectNoSidewaysScroll(page);
    for (const policy of await page.getByTestId('customer-policy').all()) await expectInside(policy.getByTestId('customer-policy-no'), policy);

    await page.getByTestId('view-tickets').click();
    await expect(page.getByTestId('ticket-row').first()).toBeVisible();
    await expectNoSidewaysScroll(page);
  });
}

test('at 1280×720 in English policy numbers stay inside their cards and dates name the month', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDesk(page, host.url);
  await useLanguage(page, 'en');
  await openSession(page, 0);
  await page.getByTestId('panel-tab-customer').click();
  const policies = page.getByTestId('customer-policy');
  await expect(policies.first()).toBeVisible();
  for (const policy of await policies.all()) await expectInside(policy.getByTestId('customer-policy-no'), policy);
  // 15 Apr 2023, never 04/15/2023.
  const vehicle = page.getByTestId('customer-vehicle').first();
  await expect(vehicle).toContainText(/\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}\b/);
  await expect(vehicle).not.toContainText(/\d{2}\/\d{2}\/\d{4}/);
  await expectNoSidewaysScroll(page);
});

test('in English a long ticket status stays in its own column', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openDesk(page, host.url);
  await useLanguage(page, 'en');
  await page.getByTestId('view-tickets').click();
  const waiting = page.getByTestId('ticket-row').getByTestId('ticket-status').and(page.locator('[data-status="pending_customer"]'));
  await expect(waiting.first()).toHaveText('Waiting for customer');
  for (const tag of await waiting.all()) await expectInside(tag, tag.locator('xpath=ancestor::td[1]'));
  await expectNoSidewaysScroll(page);
});

test('a toast never covers the ticket drawer’s header', async ({ page }) => {
  await openDesk(page, host.url);
  await page.getByTestId('view-tickets').click();
  await page.getByTestId('ticket-row').first().click();
  const detail = page.getByTestId('ticket-detail');
  await expect(detail).toBeVisible();
  await detail.getByTestId('ticket-note').fill('已电话回访客户');
  await detail.getByTestId('ticket-add-note').click();
  const toast = page.locator('.ant-message-notice').filter({ hasText: '已添加备注' });
  await expect(toast).toBeVisible();
  const header = (await page.locator('.ant-drawer-header').boundingBox())!;
  // Once it has slid in, the toast sits below the header and its close button.
  await expect.poll(async () => (await toast.boundingBox())?.y ?? 0).toBeGreaterThanOrEqual(header.y + header.height);
  await expect(page.locator('.ant-drawer-close')).toBeVisible();
  await page.locator('.ant-drawer-close').click();
  await expect(detail).toBeHidden();
});

test('screenshots at 1440×900, 1280×720 and 1024×700 in both languages', async ({ page }) => {
  await openDesk(page, host.url);
  for (const lang of LANGUAGES) {
    await useLanguage(page, lang);
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('view-workspace').click();
      await openSession(page, 0);
      await page.getByTestId('panel-tab-customer').click();
      await expect(page.getByTestId('customer-policy').first()).toBeVisible();
      await page.mouse.move(width / 2, height / 2);
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: artifactPath(`layout-${lang}-${width}x${height}-workspace.png`) });
      await page.getByTestId('panel-tab-scripts').click();
      await page.getByTestId('view-tickets').click();
      await expect(page.getByTestId('ticket-row').first()).toBeVisible();
      await expectNoSidewaysScroll(page);
      await page.screenshot({ path: artifactPath(`layout-${lang}-${width}x${height}-tickets.png`) });
    }
  }
  await useLanguage(page, 'zh-CN');
});
