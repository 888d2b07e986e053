import { expect, test, type Browser, type Page } from '@playwright/test';
import { CLAIM_NO_PATTERN } from '../../shared/domain/claims';
import { startDevHostProcess, type RunningDevHost } from '../support/dev-host-process';
import { api, startOfficeHeadOffice, type RunningHeadOffice } from '../support/head-office-process';
import { putCustomerRecord, sampleCustomerRecord, type TestCustomerRecord } from '../support/customer-records';
import { smsCodeSentTo } from '../support/sms-log';
import { artifactPath, openAndLinkCustomer, signInDesk } from './desk';

/**
 * 报案 end to end: a customer writes on the web chat page on a phone, the
 * agent links the chat to the customer's record, is told to check the
 * customer's identity first (身份核实, with the code the customer's phone
 * receives), then files the report through
 * the wizard (time and place, vehicles and people, what happened, damage,
 * type) with the report script beside each step, and the customer watches
 * the claim number arrive. The agent then moves the claim to 查勘定损 and
 * the customer receives that notification once.
 */
const PASSWORD = 'Zuoxi#2026-claims';
let ho: RunningHeadOffice;
let host: RunningDevHost;
let record: TestCustomerRecord;
let dataDir: string;

const smsCodeFor = (phone: string) => smsCodeSentTo(dataDir, phone);

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const started = await startOfficeHeadOffice(
    { code: 'NJ02', name: '南京理赔网点' },
    [
      ['sun01', '孙丽', 'agent'],
      ['qian09', '钱主管', 'lead'],
    ],
    PASSWORD,
  );
  ho = started.ho;
  dataDir = started.dataDir;
  const lead = (await api(ho.url, 'POST', '/api/auth/login', { login: 'qian09', password: PASSWORD })).body.accessToken as string;
  record = (await putCustomerRecord(ho.url, lead, sampleCustomerRecord({ name: '吴志强', officeId: started.officeId }))).record;
  host = await startDevHostProcess(['--head-office', ho.url]);
});

test.afterAll(async () => {
  await host?.stop();
  await ho?.stop();
});

async function signIn(browser: Browser): Promise<Page> {
  // The desk's system clock is set to another zone than the office's (the tester's desk ran on UTC; New York is further off):
  // what the agent types and what the customer is told must still be office (China) time.
  return signInDesk(browser, host.url, 'sun01', PASSWORD, { context: { viewport: { width: 1440, height: 900 }, timezoneId: 'America/New_York' } });
}

async function customerPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true })).newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(`${ho.url}/chat`);
  await page.getByTestId('webchat-name').fill('吴志强');
  await page.getByTestId('webchat-topic-claim_report').click();
  await page.getByTestId('webchat-input').fill('你好，我的车今天早上在中山路被追尾了，要报案');
  await page.getByTestId('webchat-send').click();
  await expect(page.getByTestId('webchat-message').last()).toHaveAttribute('data-state', /sent|read/);
  return page;
}

/** What an agent types for an instant: the office's wall clock (China, UTC+8), as the pickers show it. */
function officeInput(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Type a time into one of the claim pickers, as an agent does, and leave the field. */
async function typeTime(page: Page, testId: string, text: string): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await expect(page.getByTestId(testId)).toHaveAttribute('data-value', text.replace(' ', 'T'));
}

test('an agent files a claim report through the wizard and the customer sees the claim number arrive', async ({ browser }) => {
  test.setTimeout(150_000);
  const agent = await signIn(browser);
  const customer = await customerPage(browser);

  await openAndLinkCustomer(agent, '吴志强', record.phone);

  // 报案 needs the customer verified in this conversation: the wizard says so and points to 身份核实.
  await agent.getByTestId('conversation-report-claim').click();
  await expect(agent.getByTestId('claim-unverified')).toContainText('身份核实');
  await agent.keyboard.press('Escape');
  await expect(agent.getByTestId('claim-script')).toHaveCount(0);

  // 身份核实 in the customer panel: the plate, the last four of the ID number, the code sent to the registered mobile.
  await agent.getByTestId('panel-tab-customer').click();
  const idPanel = agent.getByTestId('customer-panel');
  await idPanel.getByTestId('verify-policy-input').fill(record.vehicles[0]!.plate);
  await idPanel.getByTestId('verify-policy-submit').click();
  await expect(idPanel.getByTestId('verify-policy-passed')).toBeVisible();
  await idPanel.getByTestId('verify-id-input').fill(record.idNumber.slice(-4));
  await idPanel.getByTestId('verify-id-submit').click();
  await expect(idPanel.getByTestId('verify-id-passed')).toBeVisible();
  await idPanel.getByTestId('verify-send-code').click();
  await expect.poll(() => smsCodeFor(record.phone), { timeout: 10_000 }).toMatch(/^\d{6}$/);
  await idPanel.getByTestId('verify-code-input').fill(smsCodeFor(record.phone)!);
  await idPanel.getByTestId('verify-code-submit').click();
  await expect(idPanel.getByTestId('verify-verified')).toBeVisible();

  // 报案 on the conversation, once its customer is linked and verified.
  await agent.getByTestId('conversation-report-claim').click();
  await expect(agent.getByTestId('claim-unverified')).toHaveCount(0);

  // ① Time and place, with the opening of the report script beside it.
  const script = agent.getByTestId('claim-script');
  await expect(script).toContainText('时间和地点');
  await expect(agent.getByTestId('claim-next')).toBeDisabled();
  // The type first: it decides the late-report proof and whether damage must be described.
  await agent.getByTestId('claim-type').getByText('交通事故').click();
  await agent.getByTestId('claim-place').fill('南京市中山路与珠江路路口');
  // A time still to come is refused at the field, saying why, not only with a greyed 下一步.
  await typeTime(agent, 'claim-accident-at', officeInput(Date.now() + 3 * 3_600_000));
  await expect(agent.getByTestId('claim-field-error-accidentAt')).toContainText('不能晚于现在');
  await expect(agent.getByTestId('claim-next')).toBeDisabled();
  await typeTime(agent, 'claim-accident-at', officeInput(Date.now() - 2 * 3_600_000));
  await expect(agent.getByTestId('claim-field-error-accidentAt')).toHaveCount(0);
  await expect(agent.getByTestId('claim-late')).toHaveCount(0);
  await agent.getByTestId('claim-next').click();
  // ② Vehicles and people.
  await expect(script).toContainText('车辆和人员');
  await agent.getByTestId('claim-third-party').click();
  await expect(agent.getByTestId('claim-next')).toBeDisabled();
  await agent.getByTestId('claim-other-plate').fill('苏A88888');
  await agent.getByTestId('claim-people').fill('驾驶人本人，无人受伤');
  await agent.getByTestId('claim-next').click();
  // ③ What happened.
  await expect(script).toContainText('事故经过');
  await agent.getByTestId('claim-account').fill('等红灯时被后车追尾');
  await agent.getByTestId('claim-next').click();
  // ④ Damage.
  await expect(script).toContainText('受损');
  await agent.getByTestId('claim-damage').fill('后保险杠凹陷，左尾灯破裂');
  await agent.getByTestId('claim-next').click();
  // ⑤ The type sets the materials and the handling time.
  await expect(agent.getByTestId('claim-type-rule')).toContainText('3–7 个工作日');
  await expect(agent.getByTestId('claim-type-rule')).toContainText('第三方车辆及驾驶人信息');
  await agent.screenshot({ path: artifactPath('claim-wizard.png') });
  await agent.getByTestId('claim-submit').click();

  const claimNo = (await agent.getByTestId('claim-number').textContent())!.trim();
  expect(claimNo).toMatch(CLAIM_NO_PATTERN);
  // The customer, on the web chat page, sees the claim number arrive.
  const notice = customer.getByTestId('webchat-message').filter({ hasText: claimNo });
  await expect(notice).toHaveCount(1);
  // The acceptance asks for the claim's whole checklist (7 items for an accident with a third party).
  await expect(notice).toContainText('交警事故认定书、维修发票、第三方车辆及驾驶人信息、行驶证照片、驾驶证照片、事故现场照片、车辆受损部位照片');
  await customer.screenshot({ path: artifactPath('claim-number-webchat.png'), fullPage: true });

  await agent.getByTestId('claim-wizard-done').click();
  await agent.getByTestId('panel-tab-customer').click();
  const panel = agent.getByTestId('customer-panel');
  // The agent's conversation shows the same notice, as head office's message to the customer.
  await expect(agent.locator('[data-testid="message-item"][data-direction="system"]').filter({ hasText: claimNo })).toHaveCount(1);
  const card = panel.getByTestId('claim-card').filter({ hasText: claimNo });
  await expect(card).toHaveAttribute('data-stage', 'reported');
  await expect(card.getByTestId('claim-expected')).toContainText('工作日');

  // Next stage: the dialog shows the exact notice, filled, and asks to confirm before it is sent once.
  await card.getByTestId('claim-advance').click();
  const preview = agent.getByTestId('claim-stage-preview');
  await expect(preview).toHaveAttribute('data-filled', 'false');
  await expect(preview).not.toContainText('{{');
  await expect(agent.getByTestId('claim-stage-send')).toBeDisabled();
  const surveyAt = officeInput(Date.now() + 26 * 3_600_000);
  await typeTime(agent, 'claim-survey-at', surveyAt);
  // 11月27日 10:00 as typed, in office time, whatever the desk's own zone.
  const told = `${Number(surveyAt.slice(5, 7))}月${Number(surveyAt.slice(8, 10))}日 ${surveyAt.slice(11)}`;
  await expect(preview).toHaveAttribute('data-filled', 'true');
  await expect(preview).toContainText(`预计 ${told} 完成（报案号 ${claimNo}）`);
  await expect(preview).not.toContainText('{{');
  await agent.getByTestId('claim-stage-send').click();
  await expect(agent.getByTestId('claim-stage-confirm-question')).toBeVisible();
  await agent.screenshot({ path: artifactPath('claim-stage-confirm.png') });
  // Nothing goes before the confirmation.
  await expect(card).toHaveAttribute('data-stage', 'reported');
  await agent.getByTestId('claim-stage-confirm').click();
  await expect(card).toHaveAttribute('data-stage', 'surveying');
  const surveyNotice = customer.getByTestId('webchat-message').filter({ hasText: '查勘定损' });
  await expect(surveyNotice).toHaveCount(1);
  await expect(surveyNotice).toContainText(told);

  // A 24-hour request for missing materials, with its countdown.
  await card.getByTestId('claim-request-materials').click();
  await agent.getByRole('checkbox', { name: '维修发票' }).last().check();
  await agent.getByTestId('claim-request-send').click();
  await expect(card.getByTestId('claim-request-countdown')).toContainText(/23:5\d|24:00/);
  await expect(customer.getByTestId('webchat-message').filter({ hasText: '24 小时内' })).toHaveCount(1);
  await panel.screenshot({ path: artifactPath('claim-card.png') });

  // 资料提示, with its deadline picked as 2026-11-30 (never the system locale's 11/30/2026).
  await card.getByTestId('claim-advance').click();
  const dueOn = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  await typeTime(agent, 'claim-due-on', dueOn);
  await expect(preview).toContainText(`${Number(dueOn.slice(5, 7))}月${Number(dueOn.slice(8, 10))}日 前提交`);
  await agent.getByTestId('claim-stage-send').click();
  await agent.getByTestId('claim-stage-confirm').click();
  await expect(card).toHaveAttribute('data-stage', 'materials');

  // 核赔结案 waits for the open 24-hour request, naming it.
  await card.getByTestId('claim-advance').click();
  await expect(agent.getByTestId('claim-stage-outstanding')).toContainText('维修发票');
  await expect(agent.getByTestId('claim-stage-send')).toBeDisabled();
  await agent.keyboard.press('Escape');
  await card.getByTestId('claim-request-received').click();
  await expect(card.getByTestId('claim-material-request')).toHaveAttribute('data-status', 'received');

  // A typo such as 1e9 is refused at the field with the limit, never clamped and sent. The limit of an accident
  // is what the car's two policies can pay together: 交强险 200,000 + 车损 220,000 + 三者险 1,000,000 + 车上人员 20,000.
  await card.getByTestId('claim-advance').click();
  await expect(agent.getByTestId('claim-stage-outstanding')).toHaveCount(0);
  await agent.getByTestId('claim-payout').fill('1e9');
  await expect(agent.getByTestId('claim-field-error-payoutYuan')).toContainText('1,440,000');
  await expect(agent.getByTestId('claim-stage-send')).toBeDisabled();
  await expect(preview).toHaveAttribute('data-filled', 'false');
  await agent.getByTestId('claim-payout').fill('3250.5');
  await expect(preview).toContainText('赔付金额 3,250.5 元');
  await agent.getByTestId('claim-stage-send').click();
  await agent.getByTestId('claim-stage-confirm').click();
  await expect(card).toHaveAttribute('data-stage', 'settled');
  await expect(customer.getByTestId('webchat-message').filter({ hasText: '赔付金额' })).toHaveCount(1);
  await expect(customer.getByTestId('webchat-message').filter({ hasText: '100,000,000' })).toHaveCount(0);

  // In English the stage titles stay whole words in the narrow panel.
  await agent.getByTestId('language-switch').click();
  await agent.getByTestId('language-en').click();
  const accepted = card.getByTestId('claim-stages').getByText('Accepted', { exact: true });
  await expect(accepted).toBeVisible();
  const box = await accepted.boundingBox();
  expect(box!.height).toBeLessThan(24);
  await panel.screenshot({ path: artifactPath('claim-card-en.png') });
  await agent.getByTestId('language-switch').click();
  await agent.getByTestId('language-zh').click();
});
