import { expect, test } from '@playwright/test';
import { chooseOption, clearSelect, expectActive, openDesk, openSession, sessions, devHostForFile } from './desk';
import { HostSocket } from './host-socket';

const URGENCY = ['urgent', 'high', 'normal', 'low'];

const host = devHostForFile(['--demo']);

test('a ticket created from the conversation moves new → in progress → resolved → closed', async ({ page }) => {
  await openDesk(page, host.url);
  const { id: conversationId, customer } = await openSession(page, 0);
  const title = `追尾事故定损跟进 E2E-${Date.now()}`;

  await page.getByTestId('create-ticket-button').click();
  const form = page.getByTestId('create-ticket-form');
  await expect(form).toBeVisible();
  await expect(form).toContainText(customer);
  // A rear-end collision report (追尾报案): the ticket starts as a claim follow-up.
  await expect(form.getByTestId('ticket-form-type')).toContainText('理赔跟进');
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

  // The tickets view is a work queue: closed tickets only when the agent asks for them.
  await page.keyboard.press('Escape');
  await page.getByTestId('view-tickets').click();
  await expect(page.getByTestId('tickets-view')).toBeVisible();
  const rows = page.getByTestId('ticket-row');
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('ticket-filter-text').locator('input').fill(title);
  await page.getByTestId('ticket-filter-text').locator('input').press('Enter');
  await expect(rows).toHaveCount(0);
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '已关闭');
  await page.keyboard.press('Escape');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('已关闭');
  await expect(rows.first()).toContainText('理赔跟进');
  // Other statuses hide it.
  await clearSelect(page, page.getByTestId('ticket-filter-status'));
  await expect(rows).toHaveCount(1);
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '新建');
  await page.keyboard.press('Escape');
  await expect(rows).toHaveCount(0);
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '已关闭');
  await page.keyboard.press('Escape');
  await expect(rows).toHaveCount(1);

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
  const open = await rows.count();
  expect(open).toBeGreaterThanOrEqual(7);

  await chooseOption(page, page.getByTestId('ticket-filter-type'), '投诉');
  await expect(rows).not.toHaveCount(open);
  for (const row of await rows.all()) await expect(row).toContainText('投诉');
  await chooseOption(page, page.getByTestId('ticket-filter-priority'), '紧急');
  for (const row of await rows.all()) await expect(row).toContainText('紧急');
  await expect(rows).toHaveCount(1);

  // Reset goes back to the open work, not to everything.
  await page.getByRole('button', { name: /重\s*置/ }).click();
  await expect(rows).toHaveCount(open);
  await clearSelect(page, page.getByTestId('ticket-filter-status'));
  await expect(rows).not.toHaveCount(open);
  const all = await rows.count();
  expect(all).toBeGreaterThanOrEqual(8);
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '处理中');
  await chooseOption(page, page.getByTestId('ticket-filter-status'), '待客户反馈');
  await page.keyboard.press('Escape');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row.getByTestId('ticket-status')).toHaveAttribute('data-status', /^(in_progress|pending_customer)$/);
  await expect(rows).not.toHaveCount(all);
});

test('the tickets view opens on open work, most urgent first, and can still show closed tickets', async ({ page }) => {
  await openDesk(page, host.url);
  await page.getByTestId('view-tickets').click();
  const rows = page.getByTestId('ticket-row');
  await expect(rows.first()).toBeVisible();
  const status = page.getByTestId('ticket-filter-status');
  for (const label of ['新建', '处理中']) await expect(status).toContainText(label);
  await expect(status).not.toContainText('已关闭');

  const statuses = await rows.getByTestId('ticket-status').evaluateAll((els) => els.map((el) => el.getAttribute('data-status')));
  expect(statuses.length).toBeGreaterThanOrEqual(7);
  expect(statuses).not.toContain('closed');
  const ranks = await rows.getByTestId('ticket-priority').evaluateAll((els, order) => els.map((el) => order.indexOf(el.getAttribute('data-priority')!)), URGENCY);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  await expect(rows.first().getByTestId('ticket-priority')).toHaveAttribute('data-priority', 'urgent');

  // The agent can still look up closed tickets.
  await chooseOption(page, status, '已关闭');
  await page.keyboard.press('Escape');
  await expect(rows.getByTestId('ticket-status').and(page.locator('[data-status="closed"]')).first()).toBeVisible();
});

test('a new ticket starts with the type the conversation suggests and warns about the customer’s open tickets', async ({ page }) => {
  await openDesk(page, host.url);
  const form = page.getByTestId('create-ticket-form');
  const type = form.getByTestId('ticket-form-type');
  const existing = form.getByTestId('existing-open-tickets');

  const expectations: [string, string][] = [
    ['投诉理赔慢', '投诉'],
    ['暴雨泡水', '理赔跟进'],
    ['续保咨询', '咨询'],
  ];
  for (const [subject, label] of expectations) {
    await sessions(page).filter({ hasText: subject }).click();
    await expect(page.getByTestId('conversation-subject')).toContainText(subject);
    await page.getByTestId('create-ticket-button').click();
    await expect(form).toBeVisible();
    await expect(type.locator('.ant-select-content, .ant-select-selection-item')).toHaveText(label);
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await expect(form).toBeHidden();
  }

  // 续保咨询's customer already has two open tickets (the demo set): both are named, the urgent one first.
  await sessions(page).filter({ hasText: '续保咨询' }).click();
  await page.getByTestId('create-ticket-button').click();
  await expect(existing).toBeVisible();
  const items = existing.getByTestId('existing-open-ticket');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('客户投诉理赔超过半个月未结案');
  await expect(items.nth(0)).toContainText(/GD\d{6}-[0-9A-Z]+/);
  await expect(items.nth(1)).toContainText('盗抢案件等待公安未找回证明');
  await page.getByRole('button', { name: /取\s*消/ }).click();
});

test('the open-ticket warning matches the customer, not a namesake', async ({ page }) => {
  const socket = await HostSocket.attach(page);
  // Every ticket now belongs to another customer with the same name.
  socket.editAnswer('tickets.list', (data) => {
    const list = data as { items: { customerId: string | null }[] };
    return { ...list, items: list.items.map((t) => ({ ...t, customerId: '01900000-0000-7000-8000-000000000000' })) };
  });
  await openDesk(page, host.url);
  await sessions(page).filter({ hasText: '续保咨询' }).click();
  await page.getByTestId('create-ticket-button').click();
  const form = page.getByTestId('create-ticket-form');
  await expect(form).toBeVisible();
  await expect.poll(() => socket.callsTo('tickets.list').filter((c) => c.answered).length).toBeGreaterThan(0);
  await expect(form.getByTestId('existing-open-tickets')).toHaveCount(0);
});

test.describe('on a desk whose clock runs on UTC', () => {
  test.use({ timezoneId: 'UTC' });

  test('a new complaint closes with its reason, and its next step reads in the office clock it was typed in', async ({ page }) => {
    await openDesk(page, host.url);
    await openSession(page, 0);
    await page.getByTestId('create-ticket-button').click();
    const form = page.getByTestId('create-ticket-form');
    await expect(form).toBeVisible();
    await chooseOption(page, form.getByTestId('ticket-form-type'), '投诉');
    await chooseOption(page, form.getByTestId('ticket-form-level'), '一级投诉');
    await form.getByTestId('ticket-form-category').locator('input').fill('服务态度');
    await form.getByTestId('ticket-form-title').fill(`重复投诉 E2E-${Date.now()}`);
    await page.getByRole('button', { name: /创\s*建/ }).click();
    const detail = page.getByTestId('ticket-detail');
    await expect(detail).toHaveAttribute('data-status', 'new');

    // The office is in China (UTC+8): tomorrow at 02:00 there, typed as such, reads 02:00 on that date, not 18:00 the day before.
    const officeDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const sla = detail.getByTestId('ticket-sla');
    await sla.getByTestId('next-step-action').fill('回电确认是否重复');
    // A time in the past is refused for being past, before anything is sent.
    await sla.getByTestId('next-step-due').fill(`${officeDay(-1)}T10:00`);
    await sla.getByTestId('next-step-save').click();
    await expect(sla.getByTestId('next-step-error')).toHaveText('下一步时间必须晚于现在');
    await sla.getByTestId('next-step-due').fill(`${officeDay(1)}T02:00`);
    await sla.getByTestId('next-step-save').click();
    await expect(sla).toContainText(`回电确认是否重复（${officeDay(1).replace(/-/g, '/')} 02:00 前）`);
    await expect(sla.getByTestId('next-step-due')).toHaveValue(`${officeDay(1)}T02:00`);

    // 转为「已关闭」 is offered on a new complaint: it asks for the reason instead of failing, then closes with it.
    await detail.getByTestId('ticket-transition-closed').click();
    await expect(detail.getByTestId('ticket-note-error')).toContainText('原因');
    await expect(detail).toHaveAttribute('data-status', 'new');
    await detail.getByTestId('ticket-note').fill('与前一张投诉工单重复');
    await detail.getByTestId('ticket-transition-closed').click();
    await expect(detail).toHaveAttribute('data-status', 'closed');
    await expect(detail.getByTestId('ticket-history-item').first()).toContainText('与前一张投诉工单重复');
  });
});
