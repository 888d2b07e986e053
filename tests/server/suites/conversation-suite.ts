import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { api, freshStore, setupAdmin, startHeadOffice, type Backend, type RunningHeadOffice } from '../../support/head-office-process.js';
import { liveAgent } from '../../support/live-agent.js';
import { waitFor, webChatCustomer } from '../../support/webchat-customer.js';

const PASSWORD = 'Zuoxi#2026-pass';

/** A reply as a desk pushes it (the outbox's `conversation.sendMessage`). */
const reply = (base: string, token: string, conversationId: string, body: string, mutationId = 1, clientId = randomUUID()) =>
  api(base, 'POST', '/api/sync/push', { clientId, mutations: [{ mutationId, name: 'conversation.sendMessage', args: { id: randomUUID(), conversationId, body, at: Date.now() } }] }, token);

/**
 * Live conversations on each database backend; on PostgreSQL with two
 * instances, so a customer on one and an agent on the other still talk
 * live (LISTEN/NOTIFY), and two routers never hand out one place twice.
 */
export function conversationSuite(backend: Backend): void {
  describe(`live conversations on ${backend}`, () => {
    let one: RunningHeadOffice;
    let two: RunningHeadOffice;
    let root = '';

    beforeAll(async () => {
      const { dataDir, env } = await freshStore(backend);
      await setupAdmin(dataDir, 'root', 'Zongbu#2026-admin', env);
      one = await startHeadOffice(dataDir, env);
      two = backend === 'postgres' ? await startHeadOffice(dataDir, env) : one;
      root = (await api(one.url, 'POST', '/api/auth/login', { login: 'root', password: 'Zongbu#2026-admin' })).body.accessToken;
      const office = (await api(one.url, 'POST', '/api/offices', { code: 'HZ01', name: '杭州网点' }, root)).body.id;
      for (const login of ['agent_x', 'agent_y', 'agent_z']) {
        await api(one.url, 'POST', '/api/accounts', { login, displayName: login, role: 'agent', officeId: office, password: PASSWORD }, root);
      }
    }, 120_000);
    afterAll(async () => {
      if (two !== one) await two?.stop();
      await one?.stop();
    });

    it('carries a customer on one instance and an agent on the other both ways, with typing and read marks', async () => {
      const agent = await liveAgent(two.url, 'agent_x', PASSWORD);
      const customer = await webChatCustomer(one.url, { name: '孙先生' });
      try {
        await customer.send('请问保单怎么查询', 'new_business');
        const offered = await waitFor(() => agent.events.find((e) => e.type === 'conversation') as { conversation: { id: string; assigneeId: string } } | undefined, 10_000, 'the offer');
        expect(offered.conversation.assigneeId).toBe(agent.id);
        const id = offered.conversation.id;
        // The offer is the cue: a desk catches up from its cursor (the first message came before the offer).
        const history = await api(two.url, 'GET', `/api/conversations/${id}/messages?after=0`, undefined, agent.token);
        expect(history.body.messages.map((m: { body: string }) => m.body)).toEqual(['请问保单怎么查询']);

        // The agent types and answers through their instance; the customer hears both through theirs.
        agent.live({ type: 'typing', conversationId: id });
        await waitFor(() => customer.events.some((e) => e.type === 'typing'), 5_000, 'typing at the customer');
        expect((await reply(two.url, agent.token, id, '您好，可以在官方APP查询')).body.results[0].status).toBe('applied');
        const answer = await waitFor(() => customer.received.find((m) => m.direction === 'out'), 5_000, 'the answer at the customer');
        expect(answer.body).toBe('您好，可以在官方APP查询');

        customer.live({ type: 'read', seq: answer.seq });
        await waitFor(() => agent.events.some((e) => e.type === 'read' && e.customerReadSeq === answer.seq), 5_000, 'the read mark at the agent');
        customer.live({ type: 'typing' });
        await waitFor(() => agent.events.some((e) => e.type === 'typing' && e.side === 'customer'), 5_000, 'customer typing at the agent');
      } finally {
        customer.close();
        agent.close();
      }
    });

    it('refuses a web chat socket without a valid token, and a reply by someone the conversation is not with', async () => {
      const refused = await new Promise<number>((ok) => {
        const ws = new WebSocket(`${one.url.replace(/^http/, 'ws')}/api/webchat/live?token=forged`);
        ws.once('unexpected-response', (_req, res) => ok(res.statusCode ?? 0));
        ws.once('open', () => ok(101));
        ws.once('error', () => undefined);
      });
      expect(refused).toBe(401);

      const x = await liveAgent(one.url, 'agent_x', PASSWORD);
      const customer = await webChatCustomer(one.url);
      try {
        await customer.send('你好');
        const id = await waitFor(async () => (await x.conversations()).at(-1)?.id, 10_000, 'the conversation');
        const y = (await api(one.url, 'POST', '/api/auth/login', { login: 'agent_y', password: PASSWORD })).body.accessToken;
        const refusal = (await reply(one.url, y, id, '我来回答')).body.results[0];
        expect(refusal).toMatchObject({ status: 'rejected', reason: { code: 'NOT_ASSIGNED' } });
        expect(customer.received.some((m) => m.body === '我来回答')).toBe(false);
        // Nor can a colleague read it.
        expect((await api(one.url, 'GET', `/api/conversations/${id}/messages`, undefined, y)).status).toBe(404);
      } finally {
        customer.close();
        x.close();
      }
    });

    it('never hands one place out twice, whichever instance routes', async () => {
      const agents = [await liveAgent(one.url, 'agent_y', PASSWORD), await liveAgent(two.url, 'agent_z', PASSWORD)];
      for (const a of agents) await api(one.url, 'PATCH', `/api/accounts/${a.id}`, { maxConversations: 3 }, root);
      const customers = await Promise.all(Array.from({ length: 10 }, (_, i) => webChatCustomer(i % 2 ? one.url : two.url)));
      try {
        await Promise.all(customers.map((c, i) => c.send(`同时到达 ${i}`)));
        const held = await waitFor(async () => {
          const lists = await Promise.all(agents.map((a) => a.conversations()));
          return lists.every((l) => l.length === 3) ? lists : null;
        }, 15_000, 'both agents full');
        const ids = held.flat().map((c) => c.id);
        expect(new Set(ids).size).toBe(6);
        const queue = (await api(one.url, 'GET', '/api/queue', undefined, root)).body;
        expect(queue.waiting.length).toBeGreaterThanOrEqual(4);
        for (const a of queue.agents.filter((g: { accountId: string }) => agents.some((x) => x.id === g.accountId))) expect(a.load).toBeLessThanOrEqual(3);
      } finally {
        for (const c of customers) c.close();
        for (const a of agents) a.close();
      }
    });
  });
}
