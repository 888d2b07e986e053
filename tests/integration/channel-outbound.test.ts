import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHeadOffice } from '../../server/head-office.js';
import type { ChannelAdapter } from '../../server/channels/outbound.js';
import { api, tempDataDir } from '../support/head-office-process.js';
import { channelSecret, deliver, smsCustomer } from '../support/channel-delivery.js';
import { liveAgent } from '../support/live-agent.js';
import { waitFor } from '../support/webchat-customer.js';

const PASSWORD = 'Zuoxi#2026-pass';

/** A gateway that refuses the first `failures` sends of each message, and keeps what it took. */
function flakyGateway(failures: number) {
  const tries = new Map<string, number>();
  const delivered: { recipient: string; body: string; messageId: string }[] = [];
  const adapter: ChannelAdapter = {
    async send(reply) {
      const n = (tries.get(reply.messageId) ?? 0) + 1;
      tries.set(reply.messageId, n);
      if (n <= failures) throw new Error(`gateway busy (${n})`);
      delivered.push(reply);
    },
  };
  return { adapter, delivered, tries };
}

/**
 * Replies to gateway channels through adapters that fail: head office (in
 * this process, so the adapters can be swapped in) tries again with a
 * growing delay, does not hold other replies behind a failing gateway,
 * and tells the agent when it gives up.
 */
describe('replies to gateway channels', () => {
  const sms = flakyGateway(2);
  const wechat = flakyGateway(Number.POSITIVE_INFINITY);
  let office: Awaited<ReturnType<typeof openHeadOffice>>;
  let url = '';
  let root = '';

  beforeAll(async () => {
    office = await openHeadOffice({ dataDir: tempDataDir(), importLibrary: false, channelAdapters: { sms: sms.adapter, wechat: wechat.adapter }, outboundRetryBaseSeconds: 0.1 });
    url = await office.app.listen({ port: 0, host: '127.0.0.1' });
    await office.accounts.createFirstAdmin({ login: 'root', displayName: '系统管理员', password: 'Zongbu#2026-admin' });
    root = (await api(url, 'POST', '/api/auth/login', { login: 'root', password: 'Zongbu#2026-admin' })).body.accessToken;
    const officeId = (await api(url, 'POST', '/api/offices', { code: 'WX01', name: '无锡网点' }, root)).body.id;
    await api(url, 'POST', '/api/accounts', { login: 'agent_w', displayName: '吴坐席', role: 'agent', officeId, password: PASSWORD }, root);
  }, 60_000);
  afterAll(async () => office?.close());

  const reply = (token: string, conversationId: string, body: string) =>
    api(url, 'POST', '/api/sync/push', { clientId: randomUUID(), mutations: [{ mutationId: 1, name: 'conversation.sendMessage', args: { id: randomUUID(), conversationId, body, at: Date.now() } }] }, token);

  it('delivers after a gateway refuses twice, while a dead gateway holds nothing up, and tells the agent when it gives up', async () => {
    const agent = await liveAgent(url, 'agent_w', PASSWORD);
    try {
      const wechatSecret = await channelSecret(url, 'wechat', root);
      const smsSecret = await channelSecret(url, 'sms', root);
      // A WeChat customer first: their reply goes to a gateway that never answers.
      const openid = `o${randomUUID().slice(0, 12)}`;
      expect((await deliver(url, 'wechat', wechatSecret, { messageId: randomUUID(), from: { id: openid, name: '微信用户' }, content: { type: 'text', text: '在吗' } })).status).toBe(200);
      const texter = smsCustomer(url, smsSecret);
      const { conversationId: smsConversation } = await texter.send('我想问下保单');
      const [wx, text] = await waitFor(async () => {
        const mine = await agent.conversations();
        const w = mine.find((c) => c.id !== smsConversation);
        const t = mine.find((c) => c.id === smsConversation);
        return w && t ? [w, t] : null;
      }, 10_000, 'both conversations at the agent');

      expect((await reply(agent.token, wx.id, '您好，这里是客服')).body.results[0].status).toBe('applied');
      expect((await reply(agent.token, text.id, '您好，保单可在APP查询')).body.results[0].status).toBe('applied');
      expect((await reply(agent.token, text.id, '还有其他问题吗？')).body.results[0].status).toBe('applied');

      // Each SMS goes through on its third try, exactly once and in the order written (the second waits for the first),
      // though WeChat's gateway keeps failing ahead of them.
      await waitFor(() => sms.delivered.length === 2, 15_000, 'both SMS after their refusals');
      expect(sms.delivered.map((d) => [d.recipient, d.body])).toEqual([
        [texter.number, '您好，保单可在APP查询'],
        [texter.number, '还有其他问题吗？'],
      ]);
      expect([...sms.tries.values()]).toEqual([3, 3]);

      // WeChat is given up after five tries, and the agent reads so in the conversation.
      const note = await waitFor(async () => {
        const page = await api(url, 'GET', `/api/conversations/${wx.id}/messages?after=0`, undefined, agent.token);
        return (page.body.messages as { direction: string; body: string }[]).find((m) => m.direction === 'note' && m.body.includes('未能送达'));
      }, 15_000, 'the note that the reply did not reach the customer');
      expect(note.body).toContain('已重试 5 次');
      expect([...wechat.tries.values()]).toEqual([5]);
      expect(wechat.delivered).toHaveLength(0);
    } finally {
      agent.close();
    }
  }, 40_000);
});
