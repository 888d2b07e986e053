import { expect, test } from '@playwright/test';
import { artifactPath, openDesk, openSession, devHostForFile } from './desk';

const host = devHostForFile(['--demo']);

test('switching to English and back relabels the desk and is remembered', async ({ page }) => {
  await openDesk(page, host.url);
  await openSession(page, 0);
  await page.getByTestId('panel-tab-knowledge').click();
  const search = page.getByTestId('knowledge-search').locator('input');
  await search.fill('三者险');
  await search.press('Enter');
  await page.getByTestId('knowledge-hit').first().click();
  await expect(page.getByTestId('knowledge-article-title')).toContainText('三者险');
  // A script with a placeholder the conversation cannot fill, so the highlight is in the pictures.
  await page.getByTestId('composer-input').fill('');
  await page.getByTestId('composer-input').pressSequentially('/bahgz');
  await expect(page.getByTestId('script-suggest-item').first()).toContainText('报案号告知');
  await page.getByTestId('composer-input').press('Enter');
  await expect(page.getByTestId('composer-mirror').locator('mark')).toHaveText('{{claimNo}}');
  await page.mouse.move(700, 300);

  await expect(page.getByTestId('panel-tab-scripts')).toHaveText('话术');
  await expect(page.getByTestId('view-tickets')).toHaveText('工单');
  await expect(page.getByTestId('send-button')).toContainText('发送');
  await page.screenshot({ path: artifactPath('workspace-zh-CN.png'), fullPage: true });

  await page.getByTestId('language-en').click();
  await page.mouse.move(700, 300);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('panel-tab-scripts')).toHaveText('Scripts');
  await expect(page.getByTestId('view-tickets')).toHaveText('Tickets');
  await expect(page.getByTestId('send-button')).toContainText('Send');
  await expect(page.getByTestId('unfilled-placeholder')).toHaveText('Claim number');
  await expect(page.getByTestId('channel-tag').first()).not.toHaveText(/微信|微博|短信|网页|电话/);
  // Content follows the language too: the open article is re-read in English.
  await expect(page.getByTestId('knowledge-article-title')).toHaveText(/third-party/i);
  await page.screenshot({ path: artifactPath('workspace-en.png'), fullPage: true });

  // The choice is kept by the workstation.
  await page.reload();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await expect(page.getByTestId('panel-tab-scripts')).toHaveText('Scripts');
  await page.getByTestId('view-tickets').click();
  await expect(page.locator('.ant-pagination-total-text')).toContainText('in total');

  await page.getByTestId('language-zh').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('view-tickets')).toHaveText('工单');
  await expect(page.locator('.ant-pagination-total-text')).toContainText('共');
  await page.getByTestId('view-workspace').click();
  await expect(page.getByTestId('panel-tab-scripts')).toHaveText('话术');
});
