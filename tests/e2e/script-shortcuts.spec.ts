import { expect, test } from '@playwright/test';
import { composer, messages, openDesk, openSession, devHostForFile } from './desk';
import { HostSocket } from './host-socket';

const host = devHostForFile(['--demo']);

/** 报案指示话术, the best match for `/bazs`; it has no placeholders. */
const BAZS = /^很抱歉听到您遇到了事故.*一步步指导您完成报案。$/;

test('/bazs and Enter at once never sends the shortcut; the 报案指示话术 script goes in', async ({ page }) => {
  const socket = await HostSocket.attach(page);
  await openDesk(page, host.url);
  await openSession(page, 0);
  await composer(page).fill('');
  const before = await messages(page).count();

  await composer(page).pressSequentially('/bazs');
  await composer(page).press('Enter');

  await expect(composer(page)).toHaveValue(BAZS);
  await expect(page.getByTestId('script-suggest')).toBeHidden();
  await expect(messages(page)).toHaveCount(before);
  await expect(messages(page).filter({ hasText: '/bazs' })).toHaveCount(0);
  expect(socket.callsTo('conversations.send')).toHaveLength(0);
});

test('while /bazs is looked up, Enter neither sends nor picks from the previous shortcut', async ({ page }) => {
  const socket = await HostSocket.attach(page);
  await openDesk(page, host.url);
  await openSession(page, 1);
  await composer(page).fill('');
  const before = await messages(page).count();

  // Results for an earlier shortcut are on screen…
  await composer(page).pressSequentially('/bahgz');
  await expect(page.getByTestId('script-suggest-item').first()).toContainText('报案号告知');

  // …then the agent changes it to /bazs and presses Enter before the host answers.
  const lookup = socket.hold('scripts.search', (input) => input.query === '/bazs');
  for (let i = 0; i < 3; i++) await composer(page).press('Backspace');
  await composer(page).pressSequentially('zs');
  await composer(page).press('Enter');
  await expect.poll(() => socket.callsTo('scripts.search').some((c) => c.input.query === '/bazs')).toBe(true);
  await expect(page.getByTestId('script-suggest')).toBeVisible();
  await expect(page.getByTestId('script-suggest-item')).toHaveCount(0);
  await composer(page).press('Enter');
  await expect(composer(page)).toHaveValue('/bazs');
  expect(socket.callsTo('conversations.send')).toHaveLength(0);

  // The answer for /bazs comes in: its best match is what goes in.
  lookup.release();
  await expect(composer(page)).toHaveValue(BAZS);
  await expect(messages(page)).toHaveCount(before);
  expect(socket.callsTo('conversations.send')).toHaveLength(0);
});

test('Enter in the script search inserts a match for the text typed, not for the previous query', async ({ page }) => {
  const socket = await HostSocket.attach(page);
  await openDesk(page, host.url);
  await openSession(page, 2);
  await composer(page).fill('');
  await page.getByTestId('panel-tab-scripts').click();
  const search = page.getByTestId('script-search');

  await search.fill('/bahgz');
  await expect(page.getByTestId('script-item').first()).toContainText('报案号告知');

  const lookup = socket.hold('scripts.search', (input) => input.query === '/bazs');
  await search.fill('/bazs');
  await search.press('Enter');
  await expect.poll(() => socket.callsTo('scripts.search').some((c) => c.input.query === '/bazs')).toBe(true);
  // The shown results still answer /bahgz: nothing goes in from them.
  await expect(page.getByTestId('script-item').first()).toContainText('报案号告知');
  await expect(composer(page)).toHaveValue('');

  lookup.release();
  await expect(composer(page)).toHaveValue(BAZS);
  await expect(page.getByTestId('script-item').first()).toContainText('报案指示话术');
});

test('/bazs typed after some text, after a space or on a new line, replaces only the shortcut', async ({ page }) => {
  const socket = await HostSocket.attach(page);
  await openDesk(page, host.url);
  await openSession(page, 3);
  const suggest = page.getByTestId('script-suggest');
  const script = BAZS.source.slice(1, -1);
  const before = await messages(page).count();

  // After a space.
  await composer(page).fill('您好，');
  await composer(page).pressSequentially(' /bazs');
  await expect(suggest).toBeVisible();
  await expect(page.getByTestId('script-suggest-item').first()).toContainText('报案指示话术');
  await composer(page).press('Enter');
  await expect(suggest).toBeHidden();
  await expect(composer(page)).toHaveValue(new RegExp(`^您好， ${script}$`));

  // At the start of a new line.
  await composer(page).fill('第一行');
  await composer(page).press('Shift+Enter');
  await composer(page).pressSequentially('/bazs');
  await expect(suggest).toBeVisible();
  await composer(page).press('Enter');
  await expect(composer(page)).toHaveValue(new RegExp(`^第一行\\n${script}$`));

  // In the middle of the reply: the text after the caret stays where it was.
  await composer(page).fill('前缀  后缀');
  await composer(page).press('Home');
  for (let i = 0; i < 3; i++) await composer(page).press('ArrowRight');
  await composer(page).pressSequentially('/bazs');
  await expect(suggest).toBeVisible();
  await composer(page).press('Enter');
  await expect(composer(page)).toHaveValue(new RegExp(`^前缀 ${script} 后缀$`));

  // A slash inside a word is just text.
  await composer(page).fill('');
  await composer(page).pressSequentially('见 a/bazs');
  await page.waitForTimeout(300);
  await expect(suggest).toBeHidden();
  await composer(page).fill('');

  await expect(messages(page)).toHaveCount(before);
  expect(socket.callsTo('conversations.send')).toHaveLength(0);
});
