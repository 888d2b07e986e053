import { expect, test } from '@playwright/test';
import { composer, expectActive, openDesk, openSession, sessions, devHostForFile } from './desk';

const host = devHostForFile(['--demo']);

test('switching between three sessions by mouse and keyboard keeps each draft', async ({ page }) => {
  await openDesk(page, host.url);
  await expect(sessions(page)).toHaveCount(6);
  const ids = await Promise.all([0, 1, 2].map(async (i) => (await sessions(page).nth(i).getAttribute('data-conversation-id'))!));
  const drafts = ['第一位客户的草稿：请提供报案号', '第二位客户的草稿\n第二行内容', '第三位客户的草稿 draft three'];

  await openSession(page, 0);
  await composer(page).fill(drafts[0]!);
  await openSession(page, 1);
  await expect(composer(page)).toHaveValue('');
  await composer(page).fill(drafts[1]!);
  await page.keyboard.press('Alt+3');
  await expectActive(page, ids[2]!);
  await expect(composer(page)).toBeFocused();
  await page.keyboard.type(drafts[2]!);

  // Back with the keyboard: Alt+1, then Alt+↓ twice.
  await page.keyboard.press('Alt+1');
  await expectActive(page, ids[0]!);
  await expect(composer(page)).toHaveValue(drafts[0]!);
  await page.keyboard.press('Alt+ArrowDown');
  await expectActive(page, ids[1]!);
  await expect(composer(page)).toHaveValue(drafts[1]!);
  await page.keyboard.press('Alt+ArrowDown');
  await expectActive(page, ids[2]!);
  await expect(composer(page)).toHaveValue(drafts[2]!);
  await page.keyboard.press('Alt+ArrowUp');
  await expectActive(page, ids[1]!);

  // And with the mouse; inactive sessions show their draft in the list.
  await sessions(page).nth(0).click();
  await expectActive(page, ids[0]!);
  await expect(composer(page)).toHaveValue(drafts[0]!);
  await expect(sessions(page).nth(2).getByTestId('session-preview')).toContainText(drafts[2]!);

  // Drafts are saved on the host too: a fresh page restores them.
  await expect
    .poll(async () => {
      const fresh = await page.context().newPage();
      await openDesk(fresh, host.url);
      await fresh.locator(`[data-testid="session-item"][data-conversation-id="${ids[1]}"]`).click();
      const value = await composer(fresh).inputValue();
      await fresh.close();
      return value;
    })
    .toBe(drafts[1]);
});

test('opening a session marks it read and the first-response timer ticks', async ({ page }) => {
  await openDesk(page, host.url);
  const unread = sessions(page).filter({ has: page.locator('.ant-badge-count') }).first();
  const id = (await unread.getAttribute('data-conversation-id'))!;
  await expect(unread.locator('.ant-badge-count')).toBeVisible();
  await unread.click();
  await expectActive(page, id);
  const item = page.locator(`[data-testid="session-item"][data-conversation-id="${id}"]`);
  await expect(item.locator('.ant-badge-count')).toHaveCount(0);

  // The demo customers have waited minutes: past 30 s the timer is red and keeps counting.
  const timer = item.getByTestId('response-timer');
  await expect(timer).toHaveAttribute('data-state', 'breached');
  await expect(timer).toHaveText(/^(\d+:)?\d{2}:\d{2}$/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first!, { timeout: 3000 });

  // Read state is kept by the host: reloading does not bring the badge back.
  await page.reload();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await expect(page.locator(`[data-testid="session-item"][data-conversation-id="${id}"] .ant-badge-count`)).toHaveCount(0);
});

test('shortcuts focus the script and knowledge searches and switch to tickets', async ({ page }) => {
  await openDesk(page, host.url);
  await page.getByTestId('shortcuts-help').click();
  await expect(page.getByTestId('shortcuts-help-content')).toContainText('聚焦话术搜索');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Alt+K');
  await expect(page.getByTestId('knowledge-search').locator('input')).toBeFocused();
  await page.keyboard.press('Control+/');
  await expect(page.getByTestId('script-search')).toBeFocused();
  await page.keyboard.press('Alt+T');
  await expect(page.getByTestId('tickets-view')).toBeVisible();
  await page.keyboard.press('Alt+T');
  await expect(page.getByTestId('workspace')).toBeVisible();
});

test('ending a conversation with an unsent draft says the draft will be discarded', async ({ page }) => {
  await openDesk(page, host.url);
  const before = await sessions(page).count();
  await openSession(page, 3);
  const question = page.getByTestId('close-conversation-confirm');
  const cancel = page.locator('.ant-popconfirm').getByRole('button', { name: /^取\s*消$/ });

  await composer(page).fill('');
  await page.getByTestId('close-conversation').click();
  await expect(question).toBeVisible();
  await expect(question).not.toContainText('草稿');
  await cancel.click();
  await expect(question).toBeHidden();

  await composer(page).fill('您好，赔款预计三个工作日内到账');
  await page.getByTestId('close-conversation').click();
  await expect(question).toBeVisible();
  await expect(question).toContainText('未发送的草稿将被丢弃');
  await cancel.click();
  await expect(question).toBeHidden();
  await expect(sessions(page)).toHaveCount(before);
  await expect(composer(page)).toHaveValue('您好，赔款预计三个工作日内到账');
  await composer(page).fill('');
});

test('ending a conversation takes it off the list and opens the next one', async ({ page }) => {
  await openDesk(page, host.url);
  const before = await sessions(page).count();
  const { id } = await openSession(page, 0);
  const nextId = (await sessions(page).nth(1).getAttribute('data-conversation-id'))!;
  await page.getByTestId('close-conversation').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /^结\s*束$/ }).click();
  await expect(sessions(page)).toHaveCount(before - 1);
  await expect(page.locator(`[data-testid="session-item"][data-conversation-id="${id}"]`)).toHaveCount(0);
  await expectActive(page, nextId);
  // The host keeps it ended: a reload does not bring it back.
  await page.reload();
  await expect(sessions(page)).toHaveCount(before - 1);
});
