import { expect, test, type Browser, type Page } from '@playwright/test';
import { startOfficeWithDesks, type RunningDevHost } from '../support/dev-host-process';
import type { RunningHeadOffice } from '../support/head-office-process';
import { artifactPath, chooseOption, signInDesk } from './desk';
import { noisyPng } from '../support/png';

/**
 * The whole loop with every part real: head office as a process, a
 * customer on the web chat in a phone-sized browser, two agents and a team
 * lead on their own development hosts. A customer writes, the conversation
 * lands with the agent who is online, the agent answers with a script, the
 * customer sees it and rates the service; the lead watches the queue move;
 * an agent goes away and the next customer goes to the other; a transfer
 * keeps the history; a customer's HTML stays text on every screen.
 */
const PASSWORD = 'Zuoxi#2026-pass';
const ATTACK = '<img src=x onerror="window.__pwned=1">请问<b>理赔</b>进度';
let ho: RunningHeadOffice;
let hosts: Record<string, RunningDevHost> = {};

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const logins = [
    ['zhang01', '张敏', 'agent'],
    ['li02', '李强', 'agent'],
    ['wang09', '王主管', 'lead'],
  ] as const;
  ({ ho, hosts } = await startOfficeWithDesks({ code: 'SZ01', name: '苏州网点' }, logins, PASSWORD));
});

test.afterAll(async () => {
  for (const h of Object.values(hosts)) await h.stop();
  await ho?.stop();
});

const signIn = (browser: Browser, login: string): Promise<Page> => signInDesk(browser, hosts[login]!.url, login, PASSWORD);

/** A customer on the web chat, on a phone-sized screen. */
async function customer(browser: Browser, name: string, topic: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true })).newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(`${ho.url}/chat`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByTestId('webchat-name').fill(name);
  await page.getByTestId('webchat-topic-' + topic).click();
  await expect(page.getByTestId('webchat-input')).toBeVisible();
  return page;
}

async function write(page: Page, text: string): Promise<void> {
  await page.getByTestId('webchat-input').fill(text);
  await page.getByTestId('webchat-send').click();
  await expect(page.getByTestId('webchat-message').filter({ hasText: text.slice(0, 8) }).last()).toHaveAttribute('data-state', /sent|read/);
}

const session = (page: Page, name: string) => page.getByTestId('session-item').filter({ hasText: name });

test('a customer is routed, answered with a script, rates the service; the lead sees the queue move; away and transfer', async ({ browser }) => {
  test.setTimeout(150_000);
  const zhang = await signIn(browser, 'zhang01');
  const lead = await signIn(browser, 'wang09');
  await lead.getByTestId('nav-queue').click();
  await expect(lead.getByTestId('queue-view')).toBeVisible();
  await expect(lead.getByTestId('queue-agent-row').filter({ hasText: '张敏' })).toHaveAttribute('data-status', 'online');

  // 1. The customer writes; only 张敏 is online, so the conversation is hers.
  const chen = await customer(browser, '陈先生', 'renewal');
  await write(chen, '你好，我的保单下个月到期，想续保');
  await expect(session(zhang, '陈先生')).toBeVisible();
  await expect(session(zhang, '陈先生').getByTestId('session-group')).toHaveText(/续保/);
  await expect(lead.getByTestId('queue-active-item').filter({ hasText: '陈先生' })).toBeVisible();
  await expect(chen.getByTestId('webchat-agent-name')).toHaveText('张敏');

  // 2. She answers with the team's closing script, found by its pinyin initials.
  await session(zhang, '陈先生').click();
  await zhang.getByTestId('panel-tab-scripts').click();
  await zhang.getByTestId('script-search').fill('/bzjsy');
  await zhang.getByTestId('script-item').filter({ hasText: '标准结束语' }).getByTestId('script-insert').click();
  const reply = (await zhang.getByTestId('composer-input').inputValue()).trim();
  expect(reply.length).toBeGreaterThan(5);
  await zhang.getByTestId('send-button').click();
  await expect(chen.locator('[data-testid="webchat-message"][data-direction="out"]').first()).toContainText(reply.slice(0, 10));
  // The customer's page is open and visible: the reply is read.
  await expect(zhang.getByTestId('message-state').last()).toHaveAttribute('data-state', 'read');
  await chen.screenshot({ path: artifactPath('webchat-customer-phone.png'), fullPage: true });

  // An upset customer: the session is marked, and one click shows the soothing scripts.
  await write(chen, '怎么还要等？！！');
  await expect(session(zhang, '陈先生').getByTestId('session-mood')).toHaveAttribute('data-mood', 'angry');
  await zhang.getByTestId('mood-soothe').click();
  await expect(zhang.locator('[data-testid="script-item"]').first()).toBeVisible();
  await expect(zhang.getByTestId('script-item').filter({ hasText: /理解|抱歉/ }).first()).toBeVisible();

  // A photo of the damage as a phone takes it (over 2 MB) goes smaller rather than being refused; the agent sees it.
  const photo = noisyPng(1100, 1000);
  expect(photo.length).toBeGreaterThan(2 * 1024 * 1024);
  await chen.getByTestId('webchat-image-input').setInputFiles({ name: 'damage.png', mimeType: 'image/png', buffer: photo });
  await expect(zhang.getByTestId('message-image').last()).toHaveAttribute('data-state', 'ready');
  await expect(chen.getByTestId('webchat-error')).toBeHidden();

  // 3. 张敏 steps away; 李强 comes online; the next customer goes to him.
  await chooseOption(zhang, zhang.getByTestId('presence-select'), '离开');
  await expect(lead.getByTestId('queue-agent-row').filter({ hasText: '张敏' })).toHaveAttribute('data-status', 'away');
  const li = await signIn(browser, 'li02');
  const zhou = await customer(browser, '周女士', 'claim_progress');
  await write(zhou, ATTACK);
  await expect(session(li, '周女士')).toBeVisible();
  await expect(session(zhang, '周女士')).toHaveCount(0);
  await session(li, '周女士').click();
  // The customer's HTML is text on the agent's screen, in the lead's listening drawer and on the customer's own page.
  await expect(li.getByTestId('message-body').filter({ hasText: 'onerror' })).toContainText(ATTACK);
  await expect(zhou.getByTestId('webchat-message-body').filter({ hasText: 'onerror' })).toHaveText(ATTACK);
  const row = lead.getByTestId('queue-active-item').filter({ hasText: '周女士' });
  await row.getByTestId('queue-listen').click();
  await expect(lead.getByTestId('queue-listen-drawer').getByTestId('queue-listen-message').filter({ hasText: 'onerror' })).toContainText(ATTACK);
  for (const p of [li, zhou, lead]) expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await lead.keyboard.press('Escape');
  await lead.screenshot({ path: artifactPath('lead-live-queue.png'), fullPage: true });

  // 4. 张敏 is back; 李强 transfers 周女士 to her with a note: she gets the whole history.
  await chooseOption(zhang, zhang.getByTestId('presence-select'), '在线');
  await li.getByTestId('conversation-transfer').click();
  const modal = li.getByTestId('transfer-modal');
  // Colleagues are listed with their status and load after the name.
  await modal.getByTestId('transfer-target').click();
  await li.locator('.ant-select-item-option').filter({ hasText: '张敏' }).click();
  await modal.locator('textarea[data-testid="transfer-note"], [data-testid="transfer-note"] textarea').first().fill('客户询问理赔进度，已核实身份');
  await modal.getByTestId('transfer-submit').click();
  await expect(session(li, '周女士')).toHaveCount(0);
  await expect(session(zhang, '周女士')).toBeVisible();
  await session(zhang, '周女士').click();
  await expect(zhang.getByTestId('message-body').filter({ hasText: 'onerror' })).toContainText(ATTACK);
  await expect(zhang.getByTestId('message-body').filter({ hasText: '已核实身份' })).toBeVisible();
  await expect(zhou.getByTestId('webchat-message').filter({ hasText: '转接' })).toBeVisible();

  // 5. 张敏 ends the renewal conversation; the customer rates it.
  await session(zhang, '陈先生').click();
  await zhang.getByTestId('close-conversation').click();
  await zhang.getByTestId('close-conversation-ok').click();
  await expect(session(zhang, '陈先生')).toHaveCount(0);
  await expect(chen.getByTestId('webchat-rating')).toBeVisible();
  await chen.getByTestId('webchat-star-5').click();
  await chen.getByTestId('webchat-rating-comment').fill('很专业，谢谢');
  await chen.getByTestId('webchat-rating-submit').click();
  await expect(chen.getByTestId('webchat-rating-thanks')).toBeVisible();
  await expect(lead.getByTestId('queue-active-item').filter({ hasText: '陈先生' })).toHaveCount(0);
  await expect(lead.getByTestId('queue-satisfaction')).toHaveAttribute('data-rated', '1');
  await expect(lead.getByTestId('queue-satisfaction')).toContainText('5.0');
});
