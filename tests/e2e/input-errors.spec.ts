import { expect, test } from '@playwright/test';
import { openDesk, devHostForFile } from './desk';
import { HostSocket } from './host-socket';

const host = devHostForFile(['--demo']);

test('input the host refuses is explained in Chinese, field by field', async ({ page }) => {
  // The form only lets valid values through, so the call is altered on its way
  // to the host; the host's own validation answers INVALID_INPUT with its issues.
  const socket = await HostSocket.attach(page);
  socket.rewriteInput('conversations.logPhoneCall', (input) => ({ ...input, durationSeconds: -60, unexpected: true }));
  await openDesk(page, host.url);

  await page.getByTestId('log-call-button').click();
  const form = page.getByTestId('log-call-form');
  await form.getByTestId('log-call-name').fill('王先生');
  await form.getByTestId('log-call-notes').fill('咨询续保优惠');
  await page.getByRole('button', { name: /^登\s*记$/ }).click();

  const notification = page.getByTestId('error-notification');
  await expect(notification).toContainText('输入有误，请检查后重试');
  const issues = notification.getByTestId('error-issues').locator('li');
  await expect(issues).toHaveCount(2);
  expect((await issues.allInnerTexts()).sort()).toEqual(['输入内容格式不正确', '通话时长格式不正确'].sort());
  // Neither the validator's English text nor a raw field path reaches the agent.
  await expect(notification.getByTestId('error-issues')).not.toContainText(/[A-Za-z]/);
  expect(socket.callsTo('conversations.logPhoneCall')).toHaveLength(1);
});
