import { expect, test, type Page } from '@playwright/test';
import { expectActive, openDesk, openSession, devHostForFile } from './desk';
import { HostSocket } from './host-socket';

const host = devHostForFile(['--demo']);

/**
 * There is no call for a customer's message to arrive, so the socket plays
 * the host: the list reports one unread message in the conversation until
 * the page marks it read, and the usual "conversation changed" notice goes out.
 */
function customerWrites(socket: HostSocket, conversationId: string): { since: number; markedRead(): boolean } {
  const since = socket.calls.length;
  const markedRead = () => socket.callsTo('conversations.markRead', since).some((c) => c.input.conversationId === conversationId);
  socket.editAnswer('conversations.list', (data) =>
    (data as { id: string; unreadCount: number }[]).map((c) => (c.id === conversationId && !markedRead() ? { ...c, unreadCount: 1 } : c)),
  );
  socket.emit('conversationChanged', { conversationId });
  return { since, markedRead };
}

/** The page has read the session list again since `since`. */
async function listReread(socket: HostSocket, since: number): Promise<void> {
  await expect.poll(() => socket.callsTo('conversations.list', since).some((c) => c.answered)).toBe(true);
}

async function setWindowVisible(page: Page, visible: boolean): Promise<void> {
  await page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible ? 'visible' : 'hidden');
}

const badge = (page: Page, id: string) => page.locator(`[data-testid="session-item"][data-conversation-id="${id}"] .ant-badge-count`);

test('a message in the open conversation stays unread while the agent is in tickets', async ({ page }) => {
  const socket = await HostSocket.attach(page);
  await openDesk(page, host.url);
  const { id } = await openSession(page, 0);

  await page.getByTestId('view-tickets').click();
  await expect(page.getByTestId('tickets-view')).toBeVisible();
  const message = customerWrites(socket, id);
  await listReread(socket, message.since);
  expect(message.markedRead()).toBe(false);

  // Back at the workspace, the agent sees it: now it is read.
  await page.getByTestId('view-workspace').click();
  await expectActive(page, id);
  await expect.poll(message.markedRead).toBe(true);
  await expect(badge(page, id)).toHaveCount(0);
});

test('a message in the open conversation keeps its badge while the window is hidden', async ({ page }) => {
  const socket = await HostSocket.attach(page);
  await openDesk(page, host.url);
  const { id } = await openSession(page, 1);

  await setWindowVisible(page, false);
  const message = customerWrites(socket, id);
  await expect(badge(page, id)).toBeVisible();
  expect(message.markedRead()).toBe(false);

  await setWindowVisible(page, true);
  await expect.poll(message.markedRead).toBe(true);
  await expect(badge(page, id)).toHaveCount(0);
});
