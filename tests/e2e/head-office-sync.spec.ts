import { expect, test, type Browser, type Page } from '@playwright/test';
import { ticketNumber, uuidv7 } from '../../shared/domain/ids';
import { startDevHostProcess, type RunningDevHost } from '../support/dev-host-process';
import { api, startOfficeHeadOffice, type RunningHeadOffice } from '../support/head-office-process';
import { startNetworkLink, type NetworkLink } from '../support/network-link';
import { artifactPath } from './desk';

/**
 * Two agents' workstations (each its own development host and cache)
 * against one real head office. Agent B's line to head office goes down;
 * both work on the same ticket; B's line comes back; both screens
 * converge and B is told, with both values, why a change did not stand.
 */
const PASSWORD = 'Zuoxi#2026-pass';
let ho: RunningHeadOffice;
const links: NetworkLink[] = [];
const hosts: RunningDevHost[] = [];
let ticketId = '';
const title = `玻璃单独破碎报案跟进 ${Date.now()}`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ ho } = await startOfficeHeadOffice(
    { code: 'NJ01', name: '南京网点' },
    [
      ['zhang01', '张敏', 'agent'],
      ['li02', '李强', 'agent'],
    ],
    PASSWORD,
  ));
  // A ticket opened at head office before the two desks start.
  const token = (await api(ho.url, 'POST', '/api/auth/login', { login: 'zhang01', password: PASSWORD })).body.accessToken;
  ticketId = uuidv7();
  const args = { id: ticketId, eventId: uuidv7(), ticketNo: ticketNumber(), type: 'claim_followup', category: '玻璃破碎', priority: 'normal', title, description: '', conversationId: null, customerId: null, at: Date.now() };
  expect((await api(ho.url, 'POST', '/api/sync/push', { clientId: uuidv7(), epoch: null, mutations: [{ mutationId: 1, name: 'ticket.create', args }] }, token)).body.results[0].status).toBe('applied');
  for (let i = 0; i < 2; i++) {
    const link = await startNetworkLink(ho.url);
    links.push(link);
    hosts.push(await startDevHostProcess(['--head-office', link.url]));
  }
});

test.afterAll(async () => {
  for (const h of hosts) await h.stop();
  for (const l of links) await l.close();
  await ho?.stop();
});

async function signIn(browser: Browser, host: RunningDevHost, login: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(host.url);
  await expect(page.getByTestId('sign-in-page')).toBeVisible();
  await page.getByTestId('sign-in-login').fill(login);
  await page.getByTestId('sign-in-password').fill('wrong-password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'SIGN_IN_FAILED');
  await page.getByTestId('sign-in-password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await page.getByTestId('view-tickets').click();
  const row = page.getByTestId('ticket-row').filter({ hasText: title });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('ticket-detail')).toHaveAttribute('data-ticket-id', ticketId);
  return page;
}

test('two desks converge after one works offline, and the refused change is explained with both values', async ({ browser }) => {
  const a = await signIn(browser, hosts[0]!, 'zhang01');
  const b = await signIn(browser, hosts[1]!, 'li02');
  const detailA = a.getByTestId('ticket-detail');
  const detailB = b.getByTestId('ticket-detail');

  links[1]!.cut();
  // Offline, B closes the ticket (B still sees it as new) and adds a note.
  await detailB.getByTestId('ticket-note').fill('客户来电说已自行修复，作重复报案处理');
  await detailB.getByTestId('ticket-transition-closed').click();
  await expect(detailB).toHaveAttribute('data-status', 'closed');
  await detailB.getByTestId('ticket-note').fill('离线时记录：客户补传了照片');
  await detailB.getByTestId('ticket-add-note').click();
  await expect(b.getByTestId('sync-offline')).toBeVisible();
  // The header says the same: the workstation is up, head office is not.
  await expect(b.getByTestId('connection-status')).toHaveText('总部离线');
  await expect(b.getByTestId('sync-banner')).toHaveAttribute('data-pending', '2');

  // Meanwhile A, online, starts work on it; head office gets A's change first.
  await detailA.getByTestId('ticket-transition-in_progress').click();
  await expect(detailA).toHaveAttribute('data-status', 'in_progress');

  // The line comes back; B's desk notices on its own (retry with backoff, the live socket reconnecting).
  links[1]!.mend();

  // B's close is rolled back to head office's status, and B reads why, with both values, on the ticket itself.
  await expect(detailB).toHaveAttribute('data-status', 'in_progress', { timeout: 20_000 });
  const notice = detailB.getByTestId('sync-notice');
  await expect(notice).toHaveAttribute('data-code', 'CONFLICT');
  await expect(notice.getByTestId('sync-notice-text')).toContainText('张敏');
  await expect(notice.getByTestId('sync-notice-text')).toContainText('处理中');
  await expect(notice.getByTestId('sync-notice-text')).toContainText('已关闭');
  await expect(b.getByTestId('sync-offline')).toHaveCount(0);
  await expect(b.getByTestId('connection-status')).toHaveText('总部已连接');
  await expect(b.getByTestId('sync-banner')).toHaveAttribute('data-pending', '0');
  await b.screenshot({ path: artifactPath('sync-conflict-notice-zh-CN.png') });

  // B's note went through and reaches A's screen by a live poke.
  await expect(detailA.getByTestId('ticket-history')).toContainText('离线时记录：客户补传了照片');
  await expect(detailB.getByTestId('ticket-history')).toContainText('离线时记录：客户补传了照片');
  const notes = async (page: Page) => (await page.getByTestId('ticket-history-item').allTextContents()).filter((t) => t.includes('离线时记录')).length;
  expect(await notes(a)).toBe(1);
  expect(await notes(b)).toBe(1);

  // Closing the ticket, the notice is still there under the header until B has read it.
  await b.keyboard.press('Escape');
  await expect(detailB).toHaveCount(0);
  const banner = b.getByTestId('sync-banner').getByTestId('sync-notice');
  await expect(banner).toHaveCount(1);
  await banner.getByTestId('sync-notice-dismiss').click();
  await expect(b.getByTestId('sync-notice')).toHaveCount(0);
});
