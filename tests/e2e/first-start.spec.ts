import { expect, test } from '@playwright/test';
import { devHostForFile } from './desk';

// No demo data: a workstation on its very first start.
const host = devHostForFile([]);

test('first start asks for the agent, then opens the desk', async ({ page }) => {
  await page.goto(host.url);
  const form = page.getByTestId('register-form');
  await expect(form).toBeVisible();
  // The token leaves the address bar once read.
  expect(page.url()).not.toContain('token=');

  await form.getByTestId('register-code').fill('x');
  await form.getByTestId('register-name').fill('张晓');
  await form.getByTestId('register-submit').click();
  await expect(form).toContainText('工号只能包含字母、数字、下划线或短横线');

  await form.getByTestId('register-code').fill('zx01');
  await form.getByTestId('register-submit').click();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await expect(page.getByTestId('agent-name')).toContainText('张晓');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
  await expect(page.getByTestId('session-list')).toContainText('当前没有进行中的会话');
  // Nothing to pick on the left: the centre says so instead of asking for a pick.
  await expect(page.getByTestId('conversation-empty')).toHaveAttribute('data-reason', 'no-sessions');
  await expect(page.getByTestId('conversation-empty')).toContainText('当前没有进行中的会话');
  await expect(page.getByTestId('conversation-empty')).not.toContainText('从左侧选择');

  // Same tab, reloaded: the token is kept for the tab and the agent by the host.
  await page.reload();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await expect(page.getByTestId('agent-name')).toContainText('张晓');
});

// Stops the host, so it runs last in this file.
test('losing the host shows the desk offline and calls fail with a localized error', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online');
  await host.stop();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'offline');
  await expect(page.getByTestId('connection-status')).toContainText('离线');

  // A call while disconnected answers at once with a TRANSPORT error, shown by its code.
  await page.getByTestId('view-tickets').click();
  await expect(page.getByTestId('error-notification')).toContainText('与工作台服务的连接中断');
});
