import { expect, test, type Page } from '@playwright/test';
import { startDevHostProcess, type RunningDevHost } from '../support/dev-host-process';
import { api, startOfficeHeadOffice, type RunningHeadOffice } from '../support/head-office-process';
import { putCustomerRecord, sampleCustomerRecord, type TestCustomerRecord } from '../support/customer-records';
import { webChatCustomer, type WebChatCustomer } from '../support/webchat-customer';
import { artifactPath, openAndLinkCustomer } from './desk';

/**
 * A renewal reminder worked at a real desk against a real head office: the
 * agent opens 续保任务, sees one card per car for its 交强险 and 商业险,
 * reads the step's script with the expiry date and masked plate filled in,
 * books a call back three weeks ahead (kept in view under 已约回访), pastes
 * a renewal link into another script and copies it, records that customer
 * renewed, then works the call back early.
 */
const PASSWORD = 'Xubao#2026-pass';
let ho: RunningHeadOffice;
let host: RunningDevHost;
let boss: TestCustomerRecord;
let chat: WebChatCustomer | undefined;

/** Renewal dates are China dates (head office counts them in China Standard Time). */
const chinaDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A customer of the office whose car's 交强险 and 商业险 both expire `inDays` from today. */
function expiringRecord(officeId: string, name: string, inDays: number) {
  const base = sampleCustomerRecord({ officeId, name });
  const policies = base.policies.map((p) => ({ ...p, startsOn: chinaDay(inDays - 365), expiresOn: chinaDay(inDays) }));
  return { ...base, policies };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const started = await startOfficeHeadOffice({ code: 'NJ02', name: '南京续保组' }, [['zhou03', '周婷', 'agent'], ['sun08', '孙组长', 'lead']], PASSWORD);
  ho = started.ho;
  const leadToken = (await api(ho.url, 'POST', '/api/auth/login', { login: 'sun08', password: PASSWORD })).body.accessToken as string;
  await putCustomerRecord(ho.url, leadToken, expiringRecord(started.officeId, '陈志远', 30));
  await putCustomerRecord(ho.url, leadToken, expiringRecord(started.officeId, '林晓燕', 7));
  // Its first reminder was due five days ago and nobody worked it.
  await putCustomerRecord(ho.url, leadToken, expiringRecord(started.officeId, '黄海涛', 25));
  // 张总: a high-value customer with a six-year-old luxury car and no VIP roadside assistance (renewal months away).
  const sample = sampleCustomerRecord({ officeId: started.officeId, name: '张总', segment: 'high_value', expiresInDays: 90 });
  const plate = sample.vehicles[0]!.plate;
  boss = { ...sample, vehicles: [{ plate, model: '奔驰 S450L', firstRegisteredOn: chinaDay(-6 * 366), priceYuan: 1_280_000 }] };
  await putCustomerRecord(ho.url, leadToken, boss);
  host = await startDevHostProcess(['--head-office', ho.url]);
});

test.afterAll(async () => {
  chat?.close();
  await host?.stop();
  await ho?.stop();
});

async function signIn(page: Page, login: string): Promise<void> {
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(host.url);
  // The development host keeps the head-office session: after the first test the desk opens signed in.
  await expect(page.getByTestId('sign-in-login').or(page.getByTestId('app-shell'))).toBeVisible();
  if (await page.getByTestId('sign-in-login').isVisible()) {
    await page.getByTestId('sign-in-login').fill(login);
    await page.getByTestId('sign-in-password').fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
  }
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

test('an agent reads the script, books a call back, works it early, and records a renewal for both policies', async ({ page }) => {
  test.setTimeout(90_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1280, height: 860 });
  await signIn(page, 'zhou03');
  await page.getByTestId('nav-renewals').click();
  const view = page.getByTestId('renewals-view');
  await expect(view).toHaveAttribute('data-state', 'ready');

  // Each customer's 交强险 and 商业险 expire the same day: one card each, naming both.
  const today = page.getByTestId('renewals-group-today');
  await expect(today).toHaveAttribute('data-count', '2');
  const overdue = page.getByTestId('renewals-group-overdue');
  await expect(overdue).toHaveAttribute('data-count', '1');
  await expect(overdue.getByTestId('renewal-task')).toContainText('黄海涛');
  const chen = today.getByTestId('renewal-task').filter({ hasText: '陈志远' });
  await expect(chen).toHaveCount(1);
  await expect(chen).toHaveAttribute('data-step', 'first_reminder');
  await expect(chen.getByTestId('renewal-policy')).toHaveCount(2);
  await expect(chen.getByTestId('renewal-policies')).toContainText('交强险');
  await expect(chen.getByTestId('renewal-policies')).toContainText('商业险');
  await expect(chen.getByTestId('renewal-phone')).toHaveText(/1\d\d\*{4}\d{4}/);
  const plate = (await chen.getByTestId('renewal-plate').textContent())!.trim();
  expect(plate).toContain('*');
  // The first reminder's script, filled in for this customer; the greeting is 您好, not the full name.
  const script = chen.getByTestId('renewal-script');
  await expect(script).toContainText('您好，我是车险客服专员周婷。');
  await expect(script).not.toContainText('我们公司');
  await expect(script).not.toContainText('陈志远');
  await expect(script).toContainText(chinaDay(30));
  await expect(script).toContainText(plate);
  // Dates read year first on a Chinese desk.
  await expect(chen.getByTestId('renewal-expires')).toContainText(chinaDay(30).replaceAll('-', '/'));

  // Call back: a date that is not in the future is refused at once; one three weeks ahead is booked.
  const callbackOn = chinaDay(20);
  await chen.getByTestId('renewal-outcome-callback').click();
  const picker = chen.getByTestId('renewal-callback-on').locator('input');
  await picker.fill(chinaDay(0));
  await picker.press('Enter');
  await chen.getByTestId('renewal-save').click();
  await expect(chen.getByTestId('renewal-outcome-error')).toBeVisible();
  await picker.fill(callbackOn);
  await picker.press('Enter');
  await expect(picker).toHaveValue(callbackOn);
  await chen.getByTestId('renewal-note').fill('客户说周末方便详谈');
  await chen.getByTestId('renewal-save').click();
  await expect(today).toHaveAttribute('data-count', '1');
  // Beyond this week, yet still in view under 已约回访 with its date.
  const callbacks = page.getByTestId('renewals-group-callback');
  await expect(callbacks).toHaveAttribute('data-count', '1');
  const booked = callbacks.getByTestId('renewal-task').filter({ hasText: '陈志远' });
  await expect(booked).toHaveAttribute('data-mine', 'true');
  await expect(booked.getByTestId('renewal-callback-set')).toContainText(callbackOn.replaceAll('-', '/'));
  await expect(booked.getByTestId('renewal-policy')).toHaveCount(2);

  // The renewal link: a marked blank until the agent pastes it, then filled in; the copy button copies the filled text.
  const lin = today.getByTestId('renewal-task').filter({ hasText: '林晓燕' });
  await expect(lin).toHaveAttribute('data-step', 'renewal_link');
  const linScript = lin.getByTestId('renewal-script-text');
  await expect(linScript).toContainText('续保链接');
  await expect(linScript).toContainText('【续保链接】');
  await expect(linScript).not.toContainText('{');
  await expect(linScript).not.toContainText('短信');
  await expect(lin.getByTestId('renewal-copy')).toBeDisabled();
  await lin.getByTestId('renewal-link').fill('renewal.example/abc');
  await expect(lin.getByTestId('renewal-link-hint')).toContainText('http');
  await expect(lin.getByTestId('renewal-copy')).toBeDisabled();
  const link = 'https://renewal.example/r/8Fq2x';
  await lin.getByTestId('renewal-link').fill(link);
  await expect(linScript).toContainText(`链接发给您：${link}，`);
  await expect(linScript).not.toContainText('【续保链接】');
  await lin.getByTestId('renewal-copy').click();
  await expect(lin.getByTestId('renewal-copy')).toHaveAttribute('data-copied', 'true');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await linScript.textContent());
  await page.screenshot({ path: artifactPath('renewal-tasks.png'), fullPage: false });

  // The customer renewed both policies: one outcome, and the card leaves the list.
  await lin.getByTestId('renewal-outcome-renewed').click();
  await lin.getByTestId('renewal-save').click();
  await expect(page.getByTestId('renewal-task').filter({ hasText: '林晓燕' })).toHaveCount(0);
  await expect(today).toHaveAttribute('data-count', '0');
  await expect(overdue).toHaveAttribute('data-count', '1');

  // The booked call back worked early: the customer renewed after all.
  await booked.getByTestId('renewal-outcome-renewed').click();
  await booked.getByTestId('renewal-save').click();
  await expect(callbacks).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('renewal-task').filter({ hasText: '陈志远' })).toHaveCount(0);
});

test('the customer panel shows the cross-sell suggestions with their reasons', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, 'zhou03');
  await expect(page.getByTestId('presence-connected')).toHaveAttribute('data-connected', 'true');
  chat = await webChatCustomer(ho.url, { name: '张总' });
  await chat.send('你好，我想了解一下今年的续保', 'renewal');
  await openAndLinkCustomer(page, '张总', boss.phone);

  await page.getByTestId('panel-tab-customer').click();
  const hints = page.getByTestId('customer-panel').getByTestId('cross-sell-hints');
  await expect(hints).toHaveAttribute('data-state', 'ready');
  const codes = await hints.getByTestId('cross-sell-hint').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
  expect(codes).toEqual(['roadside_assistance_vip', 'dedicated_manager', 'engine_special']);
  const vip = hints.getByTestId('cross-sell-hint').first();
  await expect(vip).toContainText('道路救援VIP');
  await expect(vip).toContainText('奔驰 S450L');
  await expect(vip).toContainText('1,280,000');
  await expect(hints).not.toContainText(boss.vehicles[0]!.plate);
  await hints.scrollIntoViewIfNeeded();
  await page.getByTestId('customer-panel').screenshot({ path: artifactPath('cross-sell-hints.png') });
});
