import { expect, test, type Browser, type Page } from '@playwright/test';
import { startOfficeWithDesks, type RunningDevHost } from '../support/dev-host-process';
import { api, type RunningHeadOffice } from '../support/head-office-process';
import { putCustomerRecord, sampleCustomerRecord } from '../support/customer-records';
import { webChatCustomer, type WebChatCustomer } from '../support/webchat-customer';
import { artifactPath, chooseOption, signInDesk } from './desk';

/**
 * 投诉受理 end to end: a customer complains on the web chat, the agent opens
 * a level-2 complaint from the conversation and sees its timer run, then
 * escalates it to level 3 when the customer mentions the media; the team
 * lead, signed in meanwhile, is told at once and finds it first in the
 * timers list, escalated to management.
 */
const PASSWORD = 'Zuoxi#2026-pass';
let ho: RunningHeadOffice;
let officeId: string;
let hosts: Record<string, RunningDevHost> = {};
let chat: WebChatCustomer | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const logins = [
    ['sun03', '孙丽', 'agent'],
    ['qian09', '钱主管', 'lead'],
  ] as const;
  ({ ho, hosts, officeId } = await startOfficeWithDesks({ code: 'HZ01', name: '杭州网点' }, logins, PASSWORD));
});

test.afterAll(async () => {
  chat?.close();
  for (const h of Object.values(hosts)) await h.stop();
  await ho?.stop();
});

const signIn = (browser: Browser, login: string): Promise<Page> => signInDesk(browser, hosts[login]!.url, login, PASSWORD, { context: { viewport: { width: 1440, height: 900 } } });

test('an agent files a level-2 complaint, sees its timer, escalates it to level 3; the lead sees it first', async ({ browser }) => {
  test.setTimeout(150_000);
  // Another ticket of the office, with two working days to go: the escalated complaint must come before it.
  const agentToken = (await api(ho.url, 'POST', '/api/auth/login', { login: 'sun03', password: PASSWORD })).body.accessToken as string;
  // Its customer has a record at head office, which the lead's desk never met in a conversation.
  const leadToken = (await api(ho.url, 'POST', '/api/auth/login', { login: 'qian09', password: PASSWORD })).body.accessToken as string;
  const customer = await putCustomerRecord(ho.url, leadToken, { ...sampleCustomerRecord({ officeId }), name: '张伟' });
  const followUpId = crypto.randomUUID();
  const pushed = await api(
    ho.url,
    'POST',
    '/api/sync/push',
    {
      clientId: crypto.randomUUID(),
      epoch: null,
      mutations: [
        {
          mutationId: 1,
          name: 'ticket.create',
          args: {
            id: followUpId,
            eventId: crypto.randomUUID(),
            ticketNo: 'GD261126-ABCDEF',
            type: 'claim_followup',
            category: '交通事故',
            priority: 'urgent',
            title: '追尾定损进度跟进',
            description: '',
            conversationId: null,
            customerId: customer.id,
            at: Date.now(),
          },
        },
      ],
    },
    agentToken,
  );
  expect(pushed.body.results[0].status).toBe('applied');
  expect(officeId).toBeTruthy();

  const agent = await signIn(browser, 'sun03');
  chat = await webChatCustomer(ho.url, { name: '周先生' });
  await chat.send('定损金额和修理厂报价差了三千，我要投诉！', 'renewal');
  const item = agent.getByTestId('session-item').filter({ hasText: '周先生' });
  await expect(item).toBeVisible({ timeout: 15_000 });
  await item.click();

  await agent.getByTestId('create-ticket-button').click();
  const form = agent.getByTestId('create-ticket-form');
  await expect(form).toBeVisible();
  await chooseOption(agent, form.getByTestId('ticket-form-type'), '投诉');
  // A complaint asks for its level before it can be created.
  await expect(form.getByTestId('ticket-form-level')).toBeVisible();
  await form.getByTestId('ticket-form-category').locator('input').fill('理赔争议');
  await form.getByTestId('ticket-form-title').fill('定损金额争议投诉');
  await agent.getByRole('button', { name: /创\s*建/ }).click();
  await expect(form).toContainText('请选择投诉等级');
  await chooseOption(agent, form.getByTestId('ticket-form-level'), '二级投诉');
  await expect(form).toContainText('投诉处理团队');
  await agent.getByRole('button', { name: /创\s*建/ }).click();

  const detail = agent.getByTestId('ticket-detail');
  await expect(detail).toBeVisible();
  const sla = detail.getByTestId('ticket-sla');
  await expect(sla.getByTestId('complaint-level')).toHaveAttribute('data-level', '2');
  await expect(sla.getByTestId('ticket-escalated')).toContainText('投诉处理团队');
  await expect(sla.getByTestId('ticket-sla-left')).toContainText('剩余');
  // 转投诉处理团队: the complaint leaves the agent who received it and waits for the team, priority at least high.
  await expect(sla.getByTestId('ticket-awaits-complaint-team')).toBeVisible();
  // The priority chosen in the drawer's select (the tag inside it carries the value).
  const priority = detail.locator('[data-testid="ticket-priority"] [data-priority]');
  await expect(priority).toHaveAttribute('data-priority', 'high');
  const ticketId = await detail.getAttribute('data-ticket-id');

  // The timers list: the complaint's clock runs, in working time.
  await agent.keyboard.press('Escape');
  await agent.getByTestId('view-tickets').click();
  const mine = agent.getByTestId('ticket-timer').and(agent.locator(`[data-ticket-id="${ticketId}"]`));
  await expect(mine).toBeVisible();
  await expect(mine).toHaveAttribute('data-level', '2');
  await expect(mine.getByTestId('ticket-timer-left')).toContainText('剩余');

  // The lead is at their desk: a level-2 complaint is the complaint team's, no notice to management.
  const lead = await signIn(browser, 'qian09');
  await lead.getByTestId('view-tickets').click();
  await expect(lead.getByTestId('ticket-timers').getByTestId('ticket-timer')).toHaveCount(2, { timeout: 15_000 });
  await expect(lead.getByTestId('management-notice')).toHaveCount(0);

  // The customer threatens to go to the media: level 3, escalated to management at once.
  await mine.click();
  await expect(detail).toBeVisible();
  await detail.getByTestId('ticket-escalate').click();
  const levelForm = agent.getByTestId('level-form');
  await expect(levelForm).toBeVisible();
  await levelForm.getByTestId('level-option-3').click();
  await expect(agent.getByText('立即上报管理层')).toBeVisible();
  await levelForm.getByTestId('level-reason').fill('客户表示将向媒体反映');
  await agent.getByTestId('level-submit').click();
  await expect(sla.getByTestId('complaint-level')).toHaveAttribute('data-level', '3');
  await expect(sla.getByTestId('ticket-escalated')).toContainText('管理层');
  await expect(detail.getByTestId('ticket-history-item').first()).toContainText('二级投诉 → 三级投诉');
  await expect(detail.getByTestId('ticket-history-item').first()).toContainText('客户表示将向媒体反映');
  // Level 3 is first priority, and management's to resolve or close: the agent is not offered either.
  await expect(priority).toHaveAttribute('data-priority', 'urgent');
  // Nothing below urgent is offered (desk and head office refuse it too): its level, not an edit, says how urgent it is.
  await detail.locator('.ant-select[data-testid="ticket-priority"]').click();
  const offered = agent.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
  await expect(offered).toHaveCount(1);
  await expect(offered.locator('[data-priority]')).toHaveAttribute('data-priority', 'urgent');
  await agent.keyboard.press('Escape');
  await expect(detail.getByTestId('ticket-transition-in_progress')).toBeVisible();
  await expect(detail.getByTestId('ticket-transition-closed')).toHaveCount(0);
  await expect(detail.getByTestId('ticket-transition-resolved')).toHaveCount(0);

  // The lead is told at once, on whatever they are doing, and the complaint heads every timer of the office.
  const notice = lead.getByTestId('management-notice').and(lead.locator(`[data-ticket-id="${ticketId}"]`));
  await expect(notice).toBeVisible({ timeout: 40_000 });
  await expect(notice).toContainText('三级投诉');
  await expect(notice).toContainText('定损金额争议投诉');
  await lead.screenshot({ path: artifactPath('complaint-management-notice.png') });
  const timers = lead.getByTestId('ticket-timers');
  await expect(timers.getByTestId('ticket-timer')).toHaveCount(2, { timeout: 15_000 });
  const first = timers.getByTestId('ticket-timer').first();
  await expect(first).toHaveAttribute('data-ticket-id', ticketId!);
  await expect(first).toHaveAttribute('data-level', '3');
  await expect(first.getByTestId('ticket-escalated')).toContainText('管理层');
  await expect(timers.getByTestId('ticket-timer').nth(1)).toContainText('追尾定损进度跟进');
  await timers.screenshot({ path: artifactPath('complaint-timers.png') });

  // The ticket names its customer on the lead's desk too, though that desk never met 张伟 in a conversation.
  const followUp = lead.getByTestId('ticket-row').and(lead.locator(`[data-ticket-id="${followUpId}"]`));
  await expect(followUp).toContainText('张伟');
  // The lead may resolve or close the level-3 complaint.
  const row = lead.getByTestId('ticket-row').and(lead.locator(`[data-ticket-id="${ticketId}"]`));
  await row.click();
  const leadDetail = lead.getByTestId('ticket-detail');
  await expect(leadDetail).toHaveAttribute('data-ticket-id', ticketId!);
  await expect(leadDetail.getByTestId('ticket-transition-closed')).toBeVisible();
});
