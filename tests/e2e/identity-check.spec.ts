import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startDevHostProcess, type RunningDevHost } from '../support/dev-host-process';
import { api, startOfficeHeadOffice, type RunningHeadOffice } from '../support/head-office-process';
import { putCustomerRecord, sampleCustomerRecord, type TestCustomerRecord } from '../support/customer-records';
import { webChatCustomer, type WebChatCustomer } from '../support/webchat-customer';
import { smsCodeSentTo } from '../support/sms-log';
import { artifactPath, openAndLinkCustomer, signInDesk } from './desk';

/**
 * 身份核实 end to end: a customer writes on the web chat, the agent links
 * the chat to the customer's record at head office, sees it masked, checks
 * the customer's identity (policy details, last four of the ID number, the
 * SMS code read from head office's SMS log), sees the clear values with the
 * time left, and sees them masked again when the verification runs out.
 */
const PASSWORD = 'Zuoxi#2026-verify';
/** Long enough to verify and look, short enough to watch it run out. */
const VERIFIED_SECONDS = 25;
let ho: RunningHeadOffice;
let dataDir: string;
let host: RunningDevHost;
let record: TestCustomerRecord;
let chat: WebChatCustomer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const started = await startOfficeHeadOffice(
    { code: 'NJ01', name: '南京网点' },
    [
      ['zhou01', '周敏', 'agent'],
      ['zheng09', '郑主管', 'lead'],
    ],
    PASSWORD,
    { MOTORDESK_VERIFICATION_TTL_SECONDS: String(VERIFIED_SECONDS) },
  );
  ({ ho, dataDir } = started);
  const lead = (await api(ho.url, 'POST', '/api/auth/login', { login: 'zheng09', password: PASSWORD })).body.accessToken as string;
  record = (await putCustomerRecord(ho.url, lead, sampleCustomerRecord({ name: '陈建华', officeId: started.officeId, segment: 'high_value' }))).record;
  host = await startDevHostProcess(['--head-office', ho.url]);
});

test.afterAll(async () => {
  chat?.close();
  await host?.stop();
  await ho?.stop();
});

const signIn = (browser: Browser): Promise<Page> => signInDesk(browser, host.url, 'zhou01', PASSWORD, { context: { viewport: { width: 1440, height: 900 } } });

const smsCodeFor = (phone: string) => smsCodeSentTo(dataDir, phone);

/** Every file the desk wrote (cache, outbox, logs): clear identifiers must be in none of them. */
function deskFiles(): string[] {
  const files = readdirSync(host.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return files.map((e) => join(e.parentPath, e.name));
}

test('an agent verifies a web-chat customer and sees the panel unmasked, then masked again when it runs out', async ({ browser }) => {
  test.setTimeout(150_000);
  const page = await signIn(browser);
  const plate = record.vehicles[0]!.plate;
  const maskedPhone = `${record.phone.slice(0, 3)}****${record.phone.slice(-4)}`;

  chat = await webChatCustomer(ho.url, { name: '陈建华' });
  await chat.send('你好，我想查一下我的车险保障', 'renewal');
  // The chat is a lead until the agent links it to the customer's record by the mobile number the customer gives.
  await openAndLinkCustomer(page, '陈建华', record.phone);

  await page.getByTestId('panel-tab-customer').click();
  const panel = page.getByTestId('customer-panel');
  await expect(panel.getByTestId('customer-profile')).toHaveAttribute('data-verified', 'no');
  await expect(panel.getByTestId('customer-phone')).toHaveText(maskedPhone);
  await expect(panel.getByTestId('customer-id-number')).toHaveText(`${record.idNumber.slice(0, 4)}**********${record.idNumber.slice(-4)}`);
  await expect(panel.getByTestId('customer-plate')).not.toHaveText(plate);
  await expect(panel.getByTestId('policy-locked')).toHaveCount(2);
  await expect(panel.getByTestId('policy-locked').first()).toBeDisabled();
  await expect(panel.getByTestId('policy-coverages')).toHaveCount(0);
  await expect(panel.getByTestId('verify-attempts-left')).toContainText('3');
  await expect(panel.getByTestId('customer-history-item')).toHaveCount(1);
  // Before the check the history says what and when, not what was written.
  await expect(panel.getByTestId('customer-history-masked')).toBeVisible();
  await expect(panel).not.toContainText(record.phone);
  await panel.screenshot({ path: artifactPath('customer-panel-masked.png') });

  // ① The customer states the plate, the way people type it.
  await panel.getByTestId('verify-policy-input').fill(plate.replace('·', '').toLowerCase());
  await panel.getByTestId('verify-policy-submit').click();
  await expect(panel.getByTestId('verify-policy-passed')).toBeVisible();
  // ② A wrong last four first: counted, then the right one.
  await panel.getByTestId('verify-id-input').fill(record.idNumber.slice(-4) === '0000' ? '1111' : '0000');
  await panel.getByTestId('verify-id-submit').click();
  await expect(panel.getByTestId('verify-id-wrong')).toBeVisible();
  await expect(panel.getByTestId('verify-attempts-left')).toContainText('2');
  await panel.getByTestId('verify-id-input').fill(record.idNumber.slice(-4));
  await panel.getByTestId('verify-id-submit').click();
  await expect(panel.getByTestId('verify-id-passed')).toBeVisible();
  // ③ The code goes to the customer's registered mobile through head office's SMS channel.
  await expect(panel.getByTestId('verify-code-submit')).toBeDisabled();
  await panel.getByTestId('verify-send-code').click();
  await expect(panel.getByTestId('verify-code-sent')).toContainText(maskedPhone);
  await expect.poll(() => smsCodeFor(record.phone), { timeout: 10_000 }).toMatch(/^\d{6}$/);
  await panel.getByTestId('verify-code-input').fill(smsCodeFor(record.phone)!);
  await panel.getByTestId('verify-code-submit').click();

  await expect(panel.getByTestId('verify-verified')).toBeVisible();
  await expect(panel.getByTestId('customer-profile')).toHaveAttribute('data-verified', 'yes');
  // The banner says what the panel shows: clear values, fetched for this conversation.
  await expect(panel.getByTestId('verify-verified')).toHaveAttribute('data-clear', 'yes');
  await expect(panel.getByTestId('verify-verified')).toContainText('正在显示明文');
  await expect(panel.getByTestId('customer-history-masked')).toHaveCount(0);
  await expect(panel.getByTestId('customer-phone')).toHaveText(record.phone);
  await expect(panel.getByTestId('customer-id-number')).toHaveText(record.idNumber);
  await expect(panel.getByTestId('customer-plate')).toHaveText(plate);
  await expect(panel.getByTestId('policy-coverages')).toHaveCount(2);
  await expect(panel.getByTestId('policy-coverage').filter({ hasText: '三者险' })).toContainText('1,000,000');
  await expect(panel.getByTestId('policy-coverage').filter({ hasText: '交强险' })).toHaveCount(1);
  await expect(panel.getByTestId('verify-time-left')).toContainText(/00:[0-2]\d/);
  await panel.screenshot({ path: artifactPath('customer-panel-unmasked.png') });

  // Clear values never reach the desk's cache, outbox or logs.
  for (const file of deskFiles()) {
    const bytes = readFileSync(file).toString('latin1');
    for (const clear of [record.phone, record.idNumber]) expect(bytes.includes(clear), `${clear} in ${file}`).toBe(false);
  }

  // The verification runs out: masked again, policy details closed, the check offered anew.
  await expect(panel.getByTestId('verify-expired')).toBeVisible({ timeout: (VERIFIED_SECONDS + 10) * 1000 });
  await expect(panel.getByTestId('customer-phone')).toHaveText(maskedPhone);
  await expect(panel.getByTestId('policy-locked')).toHaveCount(2);
  await expect(panel).not.toContainText(record.idNumber);
});
