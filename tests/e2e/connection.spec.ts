import { expect, test, type WebSocketRoute } from '@playwright/test';
import { composer, messages, openDesk, openSession, devHostForFile } from './desk';

const host = devHostForFile(['--demo']);

test('the desk reconnects after its socket drops and carries on', async ({ page }) => {
  // Pass the real socket through, keeping a handle to cut it.
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/desk\?token=/, (ws) => {
    sockets.push(ws);
    ws.connectToServer();
  });
  await openDesk(page, host.url);
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-status', 'online');
  await openSession(page, 0);

  // Record every state the indicator shows; the reconnect can be quicker than a poll.
  await status.evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { statusLog: string[] }).statusLog = seen;
    new MutationObserver(() => seen.push(el.getAttribute('data-status') ?? '')).observe(el, { attributes: true, attributeFilter: ['data-status'] });
  });
  await sockets.at(-1)!.close({ code: 4000 });
  // Backoff brings it back on a new socket.
  await expect(status).toHaveAttribute('data-status', 'online', { timeout: 15_000 });
  await expect.poll(() => page.evaluate(() => (window as unknown as { statusLog: string[] }).statusLog)).toEqual(['offline', 'online']);
  expect(sockets.length).toBe(2);

  await composer(page).fill('重新连接后发送的回复');
  await composer(page).press('Enter');
  await expect(messages(page).last()).toContainText('重新连接后发送的回复');
});

test('changes made at another window show up live through events', async ({ page, context }) => {
  const other = await context.newPage();
  await openDesk(page, host.url);
  await openDesk(other, host.url);
  const { id } = await openSession(page, 1);
  await other.locator(`[data-testid="session-item"][data-conversation-id="${id}"]`).click();
  await expect(other.getByTestId('conversation')).toHaveAttribute('data-conversation-id', id);

  const text = `来自另一窗口的回复 ${Date.now()}`;
  await composer(other).fill(text);
  await composer(other).press('Enter');
  await expect(messages(other).last()).toContainText(text);
  // conversationChanged: the first window re-reads the thread and the session list.
  await expect(messages(page).last()).toContainText(text);
  await expect(page.locator(`[data-testid="session-item"][data-conversation-id="${id}"] [data-testid="session-preview"]`)).toContainText(text);

  // ticketChanged: a status change elsewhere updates the open drawer and the list.
  await page.getByTestId('view-tickets').click();
  await other.getByTestId('view-tickets').click();
  const row = page.locator('[data-testid="ticket-row"]').filter({ has: page.locator('[data-status="new"]') }).first();
  const ticketId = (await row.getAttribute('data-ticket-id'))!;
  await row.click();
  await expect(page.getByTestId('ticket-detail')).toHaveAttribute('data-status', 'new');
  await other.locator(`[data-testid="ticket-row"][data-ticket-id="${ticketId}"]`).click();
  await other.getByTestId('ticket-transition-in_progress').click();
  await expect(other.getByTestId('ticket-detail')).toHaveAttribute('data-status', 'in_progress');
  await expect(page.getByTestId('ticket-detail')).toHaveAttribute('data-status', 'in_progress');
  await expect(page.getByTestId('ticket-history-item').first()).toContainText('新建 → 处理中');
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-testid="ticket-row"][data-ticket-id="${ticketId}"] [data-testid="ticket-status"]`)).toHaveAttribute('data-status', 'in_progress');
  await other.close();
});
