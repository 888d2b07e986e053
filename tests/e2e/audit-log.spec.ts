import { expect, test, type Browser, type Page } from '@playwright/test';
import { startOfficeWithDesks, type RunningDevHost } from '../support/dev-host-process';
import { api, type RunningHeadOffice } from '../support/head-office-process';
import { putCustomerRecord, sampleCustomerRecord } from '../support/customer-records';
import { artifactPath, chooseOption, signInDesk } from './desk';

/**
 * The team lead's audit log (审计日志) with every part real: head office as
 * a process and the lead's own development host. The lead opens the view,
 * sees the chain intact and the office's entries newest first (text someone
 * typed stays text), filters by action and exports, and the export is
 * itself on the record. An agent has no such view.
 */
const PASSWORD = 'Zuoxi#2026-pass';
const ATTACK = '<img src=x onerror="window.__pwned=1">张<b>先生</b>';
let ho: RunningHeadOffice;
let officeId = '';
let hosts: Record<string, RunningDevHost> = {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const logins = [
    ['zhang01', '张敏', 'agent'],
    ['wang09', '王主管', 'lead'],
  ] as const;
  ({ ho, hosts, officeId } = await startOfficeWithDesks({ code: 'HZ01', name: '杭州网点' }, logins, PASSWORD));
  // Entries of the office before the lead looks: a search for markup-looking words, and an export.
  const token = (await api(ho.url, 'POST', '/api/auth/login', { login: 'wang09', password: PASSWORD })).body.accessToken as string;
  expect((await api(ho.url, 'GET', `/api/audit?text=${encodeURIComponent(ATTACK)}`, undefined, token)).status).toBe(200);
  expect((await api(ho.url, 'GET', '/api/audit/export', undefined, token)).status).toBe(200);
  // A customer record the lead put: an entry about 张伟, filed under the office.
  await putCustomerRecord(ho.url, token, sampleCustomerRecord({ officeId, name: '张伟' }));
});

test.afterAll(async () => {
  for (const h of Object.values(hosts)) await h.stop();
  await ho?.stop();
});

const signIn = (browser: Browser, login: string): Promise<Page> => signInDesk(browser, hosts[login]!.url, login, PASSWORD, { context: { acceptDownloads: true }, live: false });

test('the lead searches the audit log, checks the chain and exports; an agent has no audit view', async ({ browser }) => {
  test.setTimeout(90_000);
  const agent = await signIn(browser, 'zhang01');
  await expect(agent.getByTestId('view-tickets')).toBeVisible();
  await expect(agent.getByTestId('nav-audit')).toHaveCount(0);

  const lead = await signIn(browser, 'wang09');
  await lead.getByTestId('nav-audit').click();
  const view = lead.getByTestId('audit-view');
  await expect(view).toHaveAttribute('data-state', 'ready');
  await expect(lead.getByTestId('audit-chain')).toHaveAttribute('data-state', 'intact');

  // Newest first; the words searched for earlier show as typed, and nothing of them runs.
  const rows = lead.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  const seqs = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  expect(seqs.length).toBeGreaterThanOrEqual(2);
  expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  await expect(view.getByText(ATTACK, { exact: false })).toBeVisible();
  expect(await lead.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await lead.screenshot({ path: artifactPath('audit-log-lead.png') });

  // Only exports.
  await chooseOption(lead, lead.getByTestId('audit-action'), '导出审计日志');
  await lead.getByTestId('audit-search').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-action', 'audit.export');

  // Export what is shown: the browser gets a CSV, and the export is on the record.
  const download = lead.waitForEvent('download');
  await lead.getByTestId('audit-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
  await lead.getByTestId('audit-search').click();
  await expect(rows).toHaveCount(2);
  // Details in words: the filter's label and the action's name, not the raw key and code.
  await expect(rows.first().getByTestId('audit-detail')).toContainText('查询条件 · 操作类型 导出审计日志');

  // The chain check still holds with the new entries.
  await lead.getByTestId('audit-verify').click();
  await expect(lead.getByTestId('audit-chain')).toHaveAttribute('data-state', 'intact');

  // By the customer's name: head office finds the office's 张伟 and the entries about them.
  await lead.getByTestId('audit-action').locator('.ant-select-clear').click({ force: true });
  await lead.getByTestId('audit-customer').fill('张伟');
  await lead.getByTestId('audit-search').click();
  await expect(rows).toHaveCount(1);
  const record = rows.first();
  await expect(record).toHaveAttribute('data-action', 'customer.record');
  await expect(record.getByTestId('audit-subject-cell')).toHaveText('客户 · 张伟');
  // Office ids as the office's name (an id head office could not name would show as it is), flags as 是/否.
  const detail = record.getByTestId('audit-detail');
  await expect(detail).toContainText('修改后 · 所属网点 杭州网点');
  await expect(detail).toContainText('身份信息变更 否');
  await expect(detail).not.toContainText(officeId);
  await expect(detail).not.toContainText('actingOfficeId');
  await lead.screenshot({ path: artifactPath('audit-log-by-customer.png') });
});
