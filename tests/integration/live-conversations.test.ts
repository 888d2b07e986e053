import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { callAsync, callOk, tempCacheFile } from '../support/temp-desk.js';
import { createDesk } from '../../electron/node/app/create-desk.js';
import { memoryTokenStore } from '../../electron/node/head-office/token-store.js';
import { startSyncWorld, type SyncWorld } from '../support/sync-world.js';
import { waitFor, webChatCustomer } from '../support/webchat-customer.js';
import { api } from '../support/head-office-process.js';

/**
 * A customer on the web chat and agents at real desks, through the real
 * head-office process: routing, replies both ways with their states,
 * catch-up after a cut line, transfers with history, closing and rating.
 */
describe('live conversations through head office', () => {
  let world: SyncWorld;
  let deskA: Desk;
  let deskB: Desk;
  const arrived: string[] = [];

  beforeAll(async () => {
    world = await startSyncWorld();
    deskA = await world.desk('agent_a', { live: true, sendDelayMs: 0 });
    deskA.subscribe((event, payload) => {
      if (event === 'conversationArrived') arrived.push((payload as { conversationId: string }).conversationId);
    });
    await waitFor(() => deskA.headOffice!.engine.liveConnected(), 5_000, 'desk A live');
  }, 60_000);
  afterAll(async () => world?.close());

  const openIds = (desk: Desk) => (desk.db.prepare(`SELECT id FROM conversations WHERE status = 'open' AND remote = 1`).pluck().all() as string[]);
  /** The number of the last message on the desk's screen for a conversation (what a reply says the agent saw). */
  const lastSeqOf = (desk: Desk, id: string) => (callOk<{ id: string; lastSeq: number }[]>(desk, 'conversations.list', {}).find((c) => c.id === id)!).lastSeq;
  /** The open routed conversation on the desk that holds a message with this text, once it arrives. */
  const conversationWith = (desk: Desk, body: string) =>
    waitFor(() => openIds(desk).find((c) => messagesOf(desk, c).some((m) => m.body === body)), 10_000, `the conversation with "${body}"`);
  const messagesOf = (desk: Desk, id: string) =>
    desk.db.prepare('SELECT direction, body, state, remote_seq AS remoteSeq FROM messages WHERE conversation_id = ? ORDER BY seq').all(id) as {
      direction: string;
      body: string;
      state: string | null;
      remoteSeq: number | null;
    }[];

  it('routes a web chat customer to the online agent, carries replies both ways and marks them read', async () => {
    const customer = await webChatCustomer(world.ho.url, { name: '李先生' });
    expect((await customer.send('你好，我想问一下续保的事', 'renewal')).status).toBe(200);
    const [conversationId] = await waitFor(() => (openIds(deskA).length === 1 ? openIds(deskA) : null), 10_000, 'the conversation at desk A');
    expect(arrived).toContain(conversationId);
    const summary = callOk<any>(deskA, 'conversations.list', {}) as { id: string; group: string; customerName: string; lead: boolean }[];
    expect(summary[0]).toMatchObject({ id: conversationId, group: 'renewal', customerName: '李先生', lead: true });
    await waitFor(() => messagesOf(deskA, conversationId!).length === 1, 5_000, 'the first message');

    const reply = callOk<any>(deskA, 'conversations.send', { conversationId, body: '您好，我是客服小王，很高兴为您服务', seenSeq: lastSeqOf(deskA, conversationId!) }) as {
      id: string;
      state: string;
    };
    expect(reply.state).toBe('sending');
    const got = await waitFor(() => customer.received.find((m) => m.direction === 'out'), 5_000, 'the reply at the customer');
    expect(got.body).toBe('您好，我是客服小王，很高兴为您服务');
    await waitFor(() => messagesOf(deskA, conversationId!).find((m) => m.direction === 'out')?.state === 'sent', 5_000, 'sent');

    customer.live({ type: 'read', seq: got.seq });
    await waitFor(() => messagesOf(deskA, conversationId!).find((m) => m.direction === 'out')?.state === 'read', 5_000, 'read');

    // Head office measured the first response.
    const view = await api(world.link.url, 'GET', `/api/conversations/${conversationId}`, undefined, (await api(world.link.url, 'POST', '/api/auth/login', { login: 'lead_a', password: 'Zuoxi#2026-pass' })).body.accessToken);
    expect(view.body.firstResponseAt).toBeGreaterThanOrEqual(view.body.createdAt);
    customer.close();
  });

  it('holds a reply when the customer wrote since the agent looked, and catches up after a cut line in order', async () => {
    const customer = await webChatCustomer(world.ho.url, { name: '王女士' });
    await customer.send('我的车被追尾了，要报案');
    const id = await waitFor(() => openIds(deskA).find((c) => messagesOf(deskA, c).some((m) => m.body.includes('追尾'))), 10_000, 'the claim report');
    const before = (callOk<any>(deskA, 'conversations.list', {}) as { id: string; lastSeq: number; priority: number }[]).find((c) => c.id === id)!;
    expect(before.priority).toBe(2);

    world.link.cut();
    for (let i = 1; i <= 15; i++) expect((await customer.send(`补充信息 ${i}`)).status).toBe(200);
    world.link.mend();
    await waitFor(() => messagesOf(deskA, id).length === 16, 20_000, 'all 16 messages after the line came back');
    const bodies = messagesOf(deskA, id).map((m) => m.body);
    expect(bodies.slice(1)).toEqual(Array.from({ length: 15 }, (_, i) => `补充信息 ${i + 1}`));
    expect(messagesOf(deskA, id).map((m) => m.remoteSeq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));

    // The agent's screen showed only the first message: the reply waits until they have looked.
    expect(() => callOk<any>(deskA, 'conversations.send', { conversationId: id, body: '收到', seenSeq: before.lastSeq })).toThrow(/CONVERSATION_CHANGED|new messages/);
    callOk<any>(deskA, 'conversations.send', { conversationId: id, body: '收到，请您先确认人员安全', seenSeq: lastSeqOf(deskA, id) });
    await waitFor(() => customer.received.some((m) => m.body === '收到，请您先确认人员安全'), 5_000, 'the reply');
    customer.close();
  }, 60_000);

  it('queues replies written offline and sends them in order when the line is back', async () => {
    const customer = await webChatCustomer(world.ho.url);
    await customer.send('在吗');
    const id = await conversationWith(deskA, '在吗');
    world.link.cut();
    await waitFor(() => !deskA.headOffice!.engine.liveConnected(), 5_000, 'the socket to drop');
    let seen = lastSeqOf(deskA, id);
    for (const body of ['第一句', '第二句', '第三句']) {
      const m = callOk<any>(deskA, 'conversations.send', { conversationId: id, body, seenSeq: seen }) as { seq: number; state: string };
      expect(m.state).toBe('sending');
      seen = m.seq;
    }
    world.link.mend();
    await deskA.headOffice!.engine.syncNow();
    await waitFor(() => customer.received.filter((m) => m.direction === 'out').length === 3, 10_000, 'three replies');
    expect(customer.received.filter((m) => m.direction === 'out').map((m) => m.body)).toEqual(['第一句', '第二句', '第三句']);
    await waitFor(() => messagesOf(deskA, id).filter((m) => m.state === 'sent').length === 3, 5_000, 'all sent');
    customer.close();
  }, 30_000);

  it('holds replies written while the desk was cut when the customer wrote meanwhile, until the agent has looked; a retried reply goes after what they read', async () => {
    const customer = await webChatCustomer(world.ho.url);
    await customer.send('我的车牌号要提供吗');
    const id = await conversationWith(deskA, '我的车牌号要提供吗');
    world.link.cut();
    await waitFor(() => !deskA.headOffice!.engine.liveConnected(), 5_000, 'the socket to drop');
    const seen = lastSeqOf(deskA, id);
    const reply = callOk<{ id: string }>(deskA, 'conversations.send', { conversationId: id, body: '请提供您的车牌号', seenSeq: seen });
    await customer.send('苏A12345');
    world.link.mend();
    await deskA.headOffice!.engine.syncNow();
    // Head office holds the reply written without the plate; the customer never gets it.
    await waitFor(() => messagesOf(deskA, id).some((m) => m.body === '苏A12345'), 10_000, 'the plate at the desk');
    await waitFor(() => messagesOf(deskA, id).find((m) => m.body === '请提供您的车牌号')?.state === 'failed', 10_000, 'the reply held');
    expect(customer.received.some((m) => m.body === '请提供您的车牌号')).toBe(false);
    // Having read it, the agent may still send it: then it goes, after the plate, as the customer sees it too.
    const now = lastSeqOf(deskA, id);
    callOk(deskA, 'conversations.retry', { conversationId: id, messageId: reply.id, seenSeq: now });
    await waitFor(() => customer.received.some((m) => m.body === '请提供您的车牌号'), 10_000, 'the reply after a retry');
    expect(messagesOf(deskA, id).map((m) => m.body)).toEqual(['我的车牌号要提供吗', '苏A12345', '请提供您的车牌号']);
    expect(customer.received.filter((m) => m.direction !== 'system').map((m) => m.body).slice(-2)).toEqual(['苏A12345', '请提供您的车牌号']);
    customer.close();
  }, 40_000);

  it('sends forbidden service wording only when the agent confirms it, and head office keeps that choice for the lead', async () => {
    const customer = await webChatCustomer(world.ho.url);
    await customer.send('能不能不要定损直接赔？');
    const id = await conversationWith(deskA, '能不能不要定损直接赔？');
    const seen = lastSeqOf(deskA, id);
    const body = '没办法，这是规定';
    expect(deskA.dispatch('conversations.send', { conversationId: id, body, seenSeq: seen })).toMatchObject({ ok: false, error: { code: 'WORDING_NOT_CONFIRMED' } });
    expect(messagesOf(deskA, id).some((m) => m.body === body)).toBe(false);
    callOk(deskA, 'conversations.send', { conversationId: id, body, seenSeq: seen, confirmedWording: ['这是规定', '没办法'] });
    await waitFor(() => customer.received.some((m) => m.body === body), 10_000, 'the reply');
    const lead = (await api(world.ho.url, 'POST', '/api/auth/login', { login: 'lead_a', password: 'Zuoxi#2026-pass' })).body.accessToken;
    const events = (await api(world.ho.url, 'GET', `/api/conversations/${id}/events`, undefined, lead)).body as { kind: string; note: string; by: string }[];
    expect(events.find((e) => e.kind === 'wording_confirmed')).toMatchObject({ note: '这是规定、没办法', by: '坐席A' });
    // Agents do not read the inspection trail.
    const agent = (await api(world.ho.url, 'POST', '/api/auth/login', { login: 'agent_a', password: 'Zuoxi#2026-pass' })).body.accessToken;
    expect((await api(world.ho.url, 'GET', `/api/conversations/${id}/events`, undefined, agent)).status).toBe(403);
    // Ended, so agent A has room for the tests that follow.
    callOk(deskA, 'conversations.close', { conversationId: id });
    await deskA.headOffice!.engine.syncNow();
    customer.close();
  });

  it('a desk restarted with its session kept connects at once, without waiting for the minute\'s round', async () => {
    const cacheFile = tempCacheFile();
    const tokens = memoryTokenStore();
    const first = await world.desk('agent_c', { cacheFile, tokens, live: true, sendDelayMs: 0 });
    world.forget(first);
    await first.close();
    const again = createDesk({ cacheFile, headOffice: { url: world.link.url, tokens, live: true, pollMs: 3_600_000 } });
    try {
      await waitFor(() => again.headOffice!.engine.liveConnected(), 5_000, 'the restarted desk live');
    } finally {
      await again.close();
    }
  });

  it('shows head office\'s waiting time on the desk\'s own clock, however far that clock is off', async () => {
    const skewed = createDesk({
      cacheFile: tempCacheFile(),
      now: () => Date.now() + 10 * 60_000,
      headOffice: { url: world.link.url, tokens: memoryTokenStore(), live: true, pollMs: 3_600_000, sendDelayMs: 0 },
    });
    try {
      await skewed.headOffice!.signIn('agent_c', 'Zuoxi#2026-pass');
      await waitFor(() => skewed.headOffice!.engine.liveConnected(), 5_000, 'the skewed desk live');
      await waitFor(async () => (await callAsync<{ status: string }>(skewed, 'presence.get', {})).status === 'online', 5_000, 'agent C online');
      // Only C takes new-business customers now.
      await callAsync(deskA, 'presence.set', { status: 'away' });
      if (deskB) await callAsync(deskB, 'presence.set', { status: 'away' });
      const customer = await webChatCustomer(world.ho.url);
      await customer.send('新车怎么投保', 'new_business');
      const [summary] = await waitFor(() => {
        const open = (callOk<any>(skewed, 'conversations.list', {}) as { awaitingReplySince: number | null }[]).filter((c) => c.awaitingReplySince !== null);
        return open.length > 0 ? open : null;
      }, 10_000, 'the conversation at the skewed desk');
      // The customer has waited a moment, not minus ten minutes: the timer reads on the desk's clock.
      const waited = Date.now() + 10 * 60_000 - summary!.awaitingReplySince!;
      expect(waited).toBeGreaterThanOrEqual(0);
      expect(waited).toBeLessThan(10_000);
      customer.close();
    } finally {
      await callAsync(deskA, 'presence.set', { status: 'online' });
      if (deskB) await callAsync(deskB, 'presence.set', { status: 'online' });
      await skewed.close();
    }
  });

  it('transfers with the whole history and a note, and invites a rating on every close', async () => {
    deskB = await world.desk('agent_b', { live: true, sendDelayMs: 0 });
    await waitFor(() => deskB.headOffice!.engine.liveConnected(), 5_000, 'desk B live');
    const customer = await webChatCustomer(world.ho.url, { name: '赵先生' });
    await customer.send('想咨询新车投保', 'new_business');
    const [id] = await waitFor(() => {
      const a = openIds(deskA).filter((c) => messagesOf(deskA, c).some((m) => m.body === '想咨询新车投保'));
      const b = openIds(deskB).filter((c) => messagesOf(deskB, c).some((m) => m.body === '想咨询新车投保'));
      return [...a, ...b].length === 1 ? [...a, ...b] : null;
    }, 10_000, 'the new-business conversation');
    const [from, to] = openIds(deskA).includes(id!) ? [deskA, deskB] : [deskB, deskA];
    const toAccount = to === deskA ? world.accounts.agent_a : world.accounts.agent_b;
    await callAsync(from, 'conversations.transfer', { conversationId: id, toAccountId: toAccount, note: '客户想要详细报价' });
    expect(openIds(from)).not.toContain(id);
    await waitFor(() => openIds(to).includes(id!) && messagesOf(to, id!).some((m) => m.body.includes('客户想要详细报价')), 10_000, 'the transfer at the colleague');
    expect(messagesOf(to, id!)[0]!.body).toBe('想咨询新车投保');
    await waitFor(() => customer.received.some((m) => m.direction === 'system' && m.body.includes('转接')), 5_000, 'the transfer notice');

    callOk<any>(to, 'conversations.close', { conversationId: id });
    await to.headOffice!.engine.syncNow();
    const view = await waitFor(async () => {
      const v = await customer.view();
      return v.ratingOpenFor === id ? v : null;
    }, 5_000, 'the rating invitation');
    expect(view.state).toBe('closed');
    expect((await customer.rate(id!, 5, '很专业')).status).toBe(200);
    expect((await customer.rate(id!, 1)).status).toBe(409);

    // A second conversation from the same customer is offered to the agent who served them last, and invites a rating again.
    await customer.send('还有一个问题');
    await waitFor(() => openIds(to).some((c) => c !== id && messagesOf(to, c).some((m) => m.body === '还有一个问题')), 10_000, 'the returning customer at the same agent');
    customer.close();
  }, 60_000);
});
