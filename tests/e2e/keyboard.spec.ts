import { expect, test } from '@playwright/test';
import { expectActive, openDesk, openSession, sessions, devHostForFile } from './desk';

const host = devHostForFile(['--demo']);

test('knowledge hits are reached with Tab and opened with Enter or Space', async ({ page }) => {
  await openDesk(page, host.url);
  await openSession(page, 0);
  await page.keyboard.press('Alt+K');
  const search = page.getByTestId('knowledge-search').locator('input');
  await expect(search).toBeFocused();
  await page.keyboard.type('三者险');
  await page.keyboard.press('Enter');
  const hits = page.getByTestId('knowledge-hit');
  await expect(hits.first()).toContainText('三者险');

  // Tab from the search box reaches the first hit (past the clear and search buttons).
  const first = hits.first();
  for (let i = 0; i < 4 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  const title = (await first.locator('.knowledge-hit-title').innerText()).trim();
  await page.keyboard.press('Enter');
  const article = page.getByTestId('knowledge-article');
  await expect(article.getByTestId('knowledge-article-title')).toHaveText(title);

  await article.getByTestId('knowledge-back').click();
  const second = hits.nth(1);
  const secondTitle = (await second.locator('.knowledge-hit-title').innerText()).trim();
  await second.focus();
  await page.keyboard.press('Space');
  await expect(article.getByTestId('knowledge-article-title')).toHaveText(secondTitle);
});

test('the session list is one tab stop: arrows move, Enter opens', async ({ page }) => {
  await openDesk(page, host.url);
  const { id } = await openSession(page, 1);
  const items = sessions(page);
  await expect(items.and(page.locator('[tabindex="0"]'))).toHaveCount(1);
  await expect(items.nth(1)).toHaveAttribute('tabindex', '0');

  await items.nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(2)).toBeFocused();
  await expectActive(page, id);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(2)).toBeFocused();
  const next = (await items.nth(2).getAttribute('data-conversation-id'))!;
  await page.keyboard.press('Enter');
  await expectActive(page, next);
  await expect(items.nth(2)).toHaveAttribute('tabindex', '0');
  await expect(items.and(page.locator('[tabindex="0"]'))).toHaveCount(1);

  await items.nth(2).focus();
  await page.keyboard.press('Home');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('Space');
  await expectActive(page, (await items.first().getAttribute('data-conversation-id'))!);
});

test('a focused ticket row opens with Enter', async ({ page }) => {
  await openDesk(page, host.url);
  await page.getByTestId('view-tickets').click();
  const rows = page.getByTestId('ticket-row');
  await expect(rows.nth(1)).toBeVisible();
  const ticketId = (await rows.nth(1).getAttribute('data-ticket-id'))!;
  await rows.first().focus();
  await page.keyboard.press('Tab');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ticket-detail')).toHaveAttribute('data-ticket-id', ticketId);
});
