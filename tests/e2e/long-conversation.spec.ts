import { expect, test } from '@playwright/test';
import { expectActive, messages, openDesk, devHostForFile } from './desk';

const TOTAL = 10_000;
const host = devHostForFile(['--demo', '--long', String(TOTAL)]);

test('a 10,000-message conversation opens at the newest message and pages older ones in', async ({ page }) => {
  await openDesk(page, host.url);
  const item = page.getByTestId('session-item').filter({ hasText: '长期服务记录' });
  const id = (await item.getAttribute('data-conversation-id'))!;

  await item.click();
  const newest = page.locator(`[data-testid="message-item"][data-seq="${TOTAL}"]`);
  // How fast it opens is measured by `npm run bench`, not asserted here.
  await expect(newest).toBeInViewport();
  await expectActive(page, id);
  await expect(newest).toContainText(`第${TOTAL}条`);
  // Virtualized: only what is near the viewport is in the page.
  expect(await messages(page).count()).toBeLessThan(60);

  const scroller = page.getByTestId('message-list').locator('[data-virtuoso-scroller="true"]');
  const lowestSeq = () => messages(page).evaluateAll((els) => Math.min(...els.map((e) => Number(e.getAttribute('data-seq')))));
  expect(await lowestSeq()).toBeGreaterThan(TOTAL - 100);

  // Scroll to the top: the next older page comes in and the view stays on the message that was at the top.
  await scroller.evaluate((el) => (el.scrollTop = 0));
  const firstOfPage = page.locator(`[data-testid="message-item"][data-seq="${TOTAL - 99}"]`);
  await expect.poll(lowestSeq).toBeLessThanOrEqual(TOTAL - 100);
  await expect(firstOfPage).toBeInViewport();
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);

  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect.poll(lowestSeq).toBeLessThanOrEqual(TOTAL - 200);
  await expect(page.locator(`[data-testid="message-item"][data-seq="${TOTAL - 199}"]`)).toBeInViewport();
  await expect(page.getByTestId('message-list')).toHaveAttribute('data-has-older', 'true');
});
