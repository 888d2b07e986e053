import { expect, test, type Browser, type Page } from '@playwright/test';
import { startDevHostProcess, startOfficeWithDesks, type RunningDevHost } from '../support/dev-host-process';
import { api, type RunningHeadOffice } from '../support/head-office-process';
import { webChatCustomer, type WebChatCustomer } from '../support/webchat-customer';
import { chooseOption, signInDesk } from './desk';

/**
 * 现场与网络联动支持 end to end: an online agent sends an on-site support
 * request to a field office from the conversation; the field office's agent
 * finds the collaboration ticket, serves on site and resolves it with a
 * note; the online agent's ticket shows the linked number and the result.
 */
const PASSWORD = 'Zuoxi#2026-pass';
let ho: RunningHeadOffice;
let hosts: Record<string, RunningDevHost> = {};
let chat: WebChatCustomer | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  let rootToken: string;
  ({ ho, hosts, rootToken } = await startOfficeWithDesks({ code: 'NJ01', name: '南京网点' }, [['zhou01', '周敏', 'agent']], PASSWORD));
  const field = (await api(ho.url, 'POST', '/api/offices', { code: 'SZ02', name: '苏州网点' }, rootToken)).body.id as string;
  await api(ho.url, 'POST', '/api/accounts', { login: 'wu02', displayName: '吴外勤', role: 'agent', officeId: field, password: PASSWORD }, rootToken);
  hosts.wu02 = await startDevHostProcess(['--head-office', ho.url]);
});

test.afterAll(async () => {
  chat?.close();
  for (const h of Object.values(hosts)) await h.stop();
  await ho?.stop();
});

const signIn = (browser: Browser, login: string): Promise<Page> => signInDesk(browser, hosts[login]!.url, login, PASSWORD, { context: { viewport: { width: 1440, height: 900 } } });

test('an on-site support request reaches the field office, whose result comes back to the agent', async ({ browser }) => {
  test.setTimeout(150_000);
  const agent = await signIn(browser, 'zhou01');
  chat = await webChatCustomer(ho.url, { name: '钱老先生' });
  await chat.send('我不会用手机拍照上传理赔资料，能不能有人上门帮忙？', 'claim_progress');
  const item = agent.getByTestId('session-item').filter({ hasText: '钱老先生' });
  await expect(item).toBeVisible({ timeout: 15_000 });
  await item.click();

  await agent.getByTestId('create-ticket-button').click();
  const form = agent.getByTestId('create-ticket-form');
  await expect(form).toBeVisible();
  await chooseOption(agent, form.getByTestId('ticket-form-type'), '网点协助');
  await form.getByTestId('ticket-form-category').locator('input').fill('理赔资料');
  await form.getByTestId('ticket-form-title').fill('上门协助收集理赔资料');
  // The field office is asked for before the request can go.
  await agent.getByRole('button', { name: /创\s*建/ }).click();
  await expect(form).toContainText('请选择前往现场的网点');
  await chooseOption(agent, form.getByTestId('ticket-form-field-office'), '苏州网点（SZ02）');
  await agent.getByRole('button', { name: /创\s*建/ }).click();

  const detail = agent.getByTestId('ticket-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('ticket-linked')).toContainText('苏州网点', { timeout: 20_000 });
  const requestNo = (await detail.getByTestId('ticket-detail-no').textContent())!.trim();

  // The field office's agent finds the collaboration ticket, linked to the request.
  const field = await signIn(browser, 'wu02');
  await field.getByTestId('view-tickets').click();
  const row = field.getByTestId('ticket-row').filter({ hasText: '现场支援：上门协助收集理赔资料' });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  const fieldDetail = field.getByTestId('ticket-detail');
  await expect(fieldDetail.getByTestId('ticket-linked')).toContainText(requestNo);
  await expect(fieldDetail.getByTestId('ticket-linked')).toContainText('南京网点');
  await fieldDetail.getByTestId('ticket-transition-in_progress').click();
  await fieldDetail.getByTestId('ticket-note').fill('已上门，照片与发票已收齐');
  await fieldDetail.getByTestId('ticket-transition-resolved').click();

  // Back at the online agent's ticket: the field office's result, to follow up and close.
  await expect(detail.getByTestId('ticket-history-item').first()).toContainText('网点已处理：苏州网点：已上门，照片与发票已收齐', { timeout: 20_000 });
});
