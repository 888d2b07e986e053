import { expect, test } from '@playwright/test';
import { startDevHostProcess, type RunningDevHost } from '../support/dev-host-process';
import { chooseOption, expectActive, openDesk, openSession } from './desk';

let host: RunningDevHost;
test.beforeAll(async () => {
  host = await startDevHostProcess(['--demo']);
});
test.afterAll(async () => {
  await host?.stop();
});

test('a ticket created from the conversation moves new → in progress → resolved → closed', async ({ page }) => {
  await openDesk(page, host.url);
  const { id: conversationId, customer } = await openSession(page, 0);
  const title = `追尾事故定损跟进 E2E-${Date.now()}`;

  await page.getByTestId('create-ticket-button').click();
  const form = page.getByTestId('create-ticket-form');
  await expect(form).toBeVisible();
  await expect(form).toContainText(customer);
  await chooseOption(page, form.getByTestId('ticket-form-type'), '理赔跟进');
  await chooseOption(page, form.getByTestId('ticket-form-priority'), '高');
  await form.getByTestId('ticket-form-category').locator('input').fill('交通事故');
  await form.getByTestId('ticket-form-title').fill(title);
  await form.getByTestId('ticket-form-description').fill('客户高架追尾，需跟进定损进度。');
  await page.getByRole('button', { name: /创\s*建/ }).click();

  const detail = page.getByTestId('ticket-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('ticket-detail-title')).toHaveText(title);
  await expect(detail).toHaveAttribute('data-status', 'new');
  await expect(detail).toContainText(customer);
  const history = detail.getByTestId('ticket-history-item');
  await expect(history).toHaveCount(1);

  // From "new" only in_progress and closed are offered; resolved is not a valid step.
  await expect(detail.getByTestId('ticket-transition-in_progress')).toBeVisible();
  await expect(detail.getByTestId('ticket-transition-closed')).toBeVisible();
  await expect(detail.getByTestId('ticket-transition-resolved')).toHaveCount(0);

  await detail.getByTestId('ticket-note').fill('已联系客户，约定明早查勘');
  await detail.getByTestId('ticket-transition-in_progress').click();
  await expect(detail).toHaveAttribute('data-status', 'in_progress');
  await expect(detail.getByTestId('ticket-transition-closed')).toHaveCount(0);
  await expect(detail.getByTestId('ticket-transition-new')).toHaveCount(0);
  await expect(detail.getByTestId('ticket-transition-pending_customer')).toBeVisible();

  await detail.getByTestId('ticket-note').fill('查勘人员已到场');
  await detail.getByTestId('ticket-add-note').click();
  await expect(history).toHaveCount(3);

  await detail.getByTestId('ticket-transition-resolved').click();
  await expect(detail).toHaveAttribute('data-status', 'resolved');
  await detail.getByTestId('ticket-transition-closed').click();
  await expect(detail).toHaveAttribute('data-status', 'closed');
  await expect(detail.getByTestId('ticket-actions').locator('[data-testid^="ticket-transition-"]')).toHaveCount(0);

  // History, newest first: every step with its note.
  await expect(history).toHaveCount(5);
  await expect(history.nth(0)).toContainText('状态：已解决 → 已关闭');
  await expect(history.nth(1)).toContainText('状态：处理中 → 已解决');
  await expect(history.nth(2)).toContainText('添加备注');
  await expect(history.nth(2)).toContainText('查勘人员已到场');
  await expect(history.nth(3)).toContainText('状态：新建 → 处理中');
  await expect(history.nth(3)).toContainText('已联系客户，约定明早查勘');
  await expect(history.nth(4)).toContainText('创建工单');

  // The tickets view finds it by text and by status; other statuses hide it.
  await page.keyboard.press('Escape');
  await page.getByTestId('view-tickets').click();
  await expect(page.getByTestId('tickets-view')).toBeVisible();
  await page.getByTestId('ticket-filter-text').locator('input').fill(title);
  await page.getByTestId('ticket-filter-text').locator('input').press('Enter');
  const rows = page.getByTestId('ticket-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('已关闭');
  await expect(rows.first()).toContainText('理赔跟进');
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '新建');
  await expect(rows).toHaveCount(0);
  await page.keyboard.press('Escape');
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '已关闭');
  await expect(rows).toHaveCount(1);
  await page.keyboard.press('Escape');

  // The ticket links back to the conversation it came from.
  await rows.first().click();
  await page.getByTestId('ticket-open-conversation').click();
  await expect(page.getByTestId('workspace')).toBeVisible();
  await expectActive(page, conversationId);
});

test('the tickets list filters by status, type, priority and text', async ({ page }) => {
  await openDesk(page, host.url);
  await page.getByTestId('view-tickets').click();
  const rows = page.getByTestId('ticket-row');
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();
  expect(all).toBeGreaterThanOrEqual(8);

  await chooseOption(page, page.getByTestId('ticket-filter-type'), '投诉');
  await expect(rows).not.toHaveCount(all);
  for (const row of await rows.all()) await expect(row).toContainText('投诉');
  await chooseOption(page, page.getByTestId('ticket-filter-priority'), '紧急');
  for (const row of await rows.all()) await expect(row).toContainText('紧急');
  await expect(rows).toHaveCount(1);

  await page.getByRole('button', { name: /重\s*置/ }).click();
  await expect(rows).toHaveCount(all);
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '处理中');
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '待客户反馈');
  await page.keyboard.press('Escape');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row.getByTestId('ticket-status')).toHaveAttribute('data-status', /^(in_progress|pending_customer)$/);
  await expect(rows).not.toHaveCount(all);
});
