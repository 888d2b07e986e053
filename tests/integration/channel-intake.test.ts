import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { api } from '../support/head-office-process.js';
import { PASSWORD, startSyncWorld, type SyncWorld } from '../support/sync-world.js';
import { callOk } from '../support/temp-desk.js';
import { waitFor, webChatCustomer } from '../support/webchat-customer.js';
import { channelSecret, deliver, postRaw, randomMobile, signature, smsCustomer, unixNow } from '../support/channel-delivery.js';

/** The smallest PNG there is (1×1), and a JPEG's first bytes. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const textDelivery = (text: string, o: { number?: string; name?: string } = {}) => ({
  messageId: `sms-${crypto.randomUUID()}`,
  from: { id: o.number ?? randomMobile(), ...(o.name ? { name: o.name } : {}) },
  content: { type: 'text', text },
});

/**
 * What comes in from customers: signed channel webhooks (SMS here) and
 * the web chat API, against the real head-office process. Agent A sits at a
 * real desk with a live socket (room for 50), so conversations are routed
 * to it and its replies leave through the SMS log-file adapter.
 */
describe('channel intake: webhooks and the web chat', () => {
  let world: SyncWorld;
  let base: string;
  let secret: string;
  let lead: string;
  let desk: Desk;

  beforeAll(async () => {
    world = await startSyncWorld();
    base = world.ho.url;
    const admin = await world.adminToken();
    secret = await channelSecret(base, 'sms', admin);
    lead = (await api(base, 'POST', '/api/auth/login', { login: 'lead_a', password: PASSWORD })).body.accessToken;
    expect((await api(base, 'PATCH', `/api/accounts/${world.accounts.agent_a}`, { maxConversations: 50 }, admin)).status).toBe(200);
    desk = await world.desk('agent_a', { live: true, sendDelayMs: 0 });
    await waitFor(() => desk.headOffice!.engine.liveConnected(), 5_000, 'desk A live');
  }, 60_000);
  afterAll(async () => world?.close());

  const conversation = async (id: string) => (await api(base, 'GET', `/api/conversations/${id}`, undefined, lead)).body;
  const messages = async (id: string) => (await api(base, 'GET', `/api/conversations/${id}/messages`, undefined, lead)).body.messages as { direction: string; kind: string; body: string; seq: number }[];
  const tokenOf = async (login: string) => (await api(base, 'POST', '/api/auth/login', { login, password: PASSWORD })).body.accessToken as string;
  const expectRefused = (r: { status: number; body: any }, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body.error.code).toBe(code);
  };

  it('takes a correctly signed SMS delivery once, however often and however concurrently it is retried', async () => {
    const first = textDelivery('你好，我想咨询续保');
    const accepted = await deliver(base, 'sms', secret, first);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ duplicate: false });
    const retries = await Promise.all(Array.from({ length: 10 }, () => deliver(base, 'sms', secret, first)));
    for (let i = 0; i < 10; i++) retries.push(await deliver(base, 'sms', secret, first));
    for (const r of retries) expect(r).toMatchObject({ status: 200, body: { ...accepted.body, duplicate: true } });
    expect(await messages(accepted.body.conversationId)).toEqual([expect.objectContaining({ seq: 1, direction: 'in', kind: 'text', body: '你好，我想咨询续保' })]);

    // A new message of the same person, delivered ten times at once: stored once, in the same conversation.
    const second = { ...textDelivery('保单号是多少？', { number: first.from.id }) };
    const racing = await Promise.all(Array.from({ length: 10 }, () => deliver(base, 'sms', secret, second)));
    expect(racing.every((r) => r.status === 200 && r.body.conversationId === accepted.body.conversationId)).toBe(true);
    expect(racing.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(new Set(racing.map((r) => r.body.messageId)).size).toBe(1);
    expect((await messages(accepted.body.conversationId)).map((m) => m.body)).toEqual(['你好，我想咨询续保', '保单号是多少？']);
  });

  it('refuses forged deliveries with 401 and writes nothing; an unknown channel is 404, one without a secret 403', async () => {
    const name = `伪造${crypto.randomUUID().slice(0, 8)}`;
    const d = textDelivery('请把验证码发给我', { name });
    const raw = JSON.stringify(d);
    const ts = unixNow();
    const old = unixNow(-600);
    const signed = (t: string, body = raw, key = secret) => ({ 'x-motordesk-timestamp': t, 'x-motordesk-signature': signature(key, t, body) });
    const forged: [string, string, Record<string, string>][] = [
      ['wrong secret', raw, signed(ts, raw, 'not-the-channel-secret')],
      ['body changed after signing', raw.replace('验证码', '密码'), signed(ts)],
      ['no signature', raw, { 'x-motordesk-timestamp': ts }],
      ['no timestamp', raw, { 'x-motordesk-signature': signature(secret, ts, raw) }],
      ['no headers', raw, {}],
      ['ten minutes old', raw, signed(old)],
      ['ten minutes ahead', raw, signed(unixNow(600))],
      ['timestamp swapped after signing', raw, { ...signed(ts), 'x-motordesk-timestamp': String(Number(ts) - 1) }],
    ];
    for (const [why, body, headers] of forged) {
      const r = await postRaw(base, 'sms', body, headers);
      expect(r.status, why).toBe(401);
      expect(r.body.error.code, why).toBe('UNAUTHENTICATED');
    }
    const q = (await api(base, 'GET', '/api/queue', undefined, lead)).body;
    expect([...q.waiting, ...q.active].filter((c: { customerName: string }) => c.customerName === name)).toEqual([]);

    expectRefused(await deliver(base, 'fax', secret, d), 404, 'NOT_FOUND');
    expectRefused(await deliver(base, 'webchat', secret, d), 404, 'NOT_FOUND');
    expectRefused(await deliver(base, 'weibo', secret, d), 403, 'FORBIDDEN');

    // The same delivery, signed right, is news to head office.
    const ok = await deliver(base, 'sms', secret, d);
    expect(ok).toMatchObject({ status: 200, body: { duplicate: false } });
    expect((await messages(ok.body.conversationId)).map((m) => m.body)).toEqual(['请把验证码发给我']);
  });

  it('refuses malformed deliveries with 400 naming what is wrong', async () => {
    const d = textDelivery('x');
    const cases: [string, unknown, string][] = [
      ['text over 2000 characters', { ...d, content: { type: 'text', text: '长'.repeat(2001) } }, 'content.text'],
      ['blank text', { ...d, content: { type: 'text', text: ' \n\u3000 ' } }, 'content.text'],
      ['empty text', { ...d, content: { type: 'text', text: '' } }, 'content.text'],
      ['unknown content type', { ...d, content: { type: 'video', url: 'https://cdn.example.com/v.mp4' } }, 'content.type'],
      ['picture over http', { ...d, content: { type: 'image', url: 'http://cdn.example.com/a.png' } }, 'content.url'],
      ['extra field', { ...d, priority: 'vip' }, ''],
      ['extra content field', { ...d, content: { type: 'text', text: 'hi', html: '<b>hi</b>' } }, 'content'],
      ['no sender', { messageId: d.messageId, content: d.content }, 'from'],
    ];
    for (const [why, body, path] of cases) {
      const r = await deliver(base, 'sms', secret, body);
      expect(r.status, why).toBe(400);
      expect(r.body.error.code, why).toBe('BAD_REQUEST');
      expect(r.body.error.issues.map((i: { path: string }) => i.path), why).toContain(path);
    }
    const ts = unixNow();
    const notJson = await postRaw(base, 'sms', '{"messageId": ', { 'x-motordesk-timestamp': ts, 'x-motordesk-signature': signature(secret, ts, '{"messageId": ') });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/malformed/);
    // Exactly 2000 characters is fine.
    expect((await deliver(base, 'sms', secret, { ...d, content: { type: 'text', text: '长'.repeat(2000) } })).status).toBe(200);
  });

  it('checks web chat input: long text, oversized and disguised pictures; a picture is fetched back only by its sender', async () => {
    const customer = await webChatCustomer(base, { name: '发图的客户' });
    const long = await customer.send('长'.repeat(2001));
    expect(long.status).toBe(400);
    expect(long.body.error.issues.map((i: { path: string }) => i.path)).toContain('content.text');

    const upload = (bytes: Buffer, type: string, token = customer.token) =>
      fetch(`${base}/api/webchat/images?clientMessageId=${crypto.randomUUID()}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body: new Uint8Array(bytes) });
    const huge = await upload(Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 + 1 - PNG.length)]), 'image/png');
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    for (const [bytes, type] of [[JPEG_START, 'image/png'], [PNG, 'image/jpeg'], [Buffer.from('<svg onload=alert(1)>'), 'image/gif']] as const) {
      const r = await upload(bytes, type);
      expect(r.status, type).toBe(400);
      expect((await r.json()).error.code).toBe('BAD_REQUEST');
    }

    const ok = await upload(PNG, 'image/png');
    expect(ok.status).toBe(200);
    const { message } = (await ok.json()) as { message: { kind: string; imageId: string } };
    expect(message.kind).toBe('image');
    const fetchImage = (token?: string) => fetch(`${base}/api/webchat/images/${message.imageId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const back = await fetchImage(customer.token);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true);
    const stranger = await webChatCustomer(base, { name: '另一位访客' });
    expect((await fetchImage(stranger.token)).status).toBe(404);
    expect((await fetchImage()).status).toBe(401);
    customer.close();
    stranger.close();
  });

  it('recognises a returning web chat visitor only with the secret their page kept, never by the visitor id alone', async () => {
    const first = await webChatCustomer(base, { name: '钱女士' });
    try {
      await first.send('我的保单号是多少');
      expect(first.visitorSecret.length).toBeGreaterThanOrEqual(20);
      // Someone who learnt the visitor id (from a log, say) gets a visitor of their own, with nothing of hers.
      const guess = await api(base, 'POST', '/api/webchat/sessions', { visitorId: first.visitorId });
      expect(guess.status).toBe(200);
      expect(guess.body.visitorId).not.toBe(first.visitorId);
      const wrong = await api(base, 'POST', '/api/webchat/sessions', { visitorId: first.visitorId, visitorSecret: 'x'.repeat(32) });
      expect(wrong.body.visitorId).not.toBe(first.visitorId);
      expect((await api(base, 'GET', '/api/webchat/conversation?after=0', undefined, wrong.body.token)).body.messages).toEqual([]);
      // With the secret, the same visitor and the same conversation.
      const back = await api(base, 'POST', '/api/webchat/sessions', { visitorId: first.visitorId, visitorSecret: first.visitorSecret });
      expect(back.body.visitorId).toBe(first.visitorId);
      expect(back.body.visitorSecret).toBeUndefined();
      const view = await api(base, 'GET', '/api/webchat/conversation?after=0', undefined, back.body.token);
      expect(view.body.messages.map((m: { body: string }) => m.body)).toEqual(['我的保单号是多少']);
    } finally {
      first.close();
    }
  });

  it('stores HTML and script in a customer message as text and returns it verbatim', async () => {
    const payloads = ['<img src=x onerror=alert(1)>', '<script>alert("客服")</script> &amp; \'"` ${1+1}'];
    for (const text of payloads) {
      const { conversationId } = await smsCustomer(base, secret).send(text);
      expect((await messages(conversationId)).map((m) => m.body)).toEqual([text]);
      expect((await conversation(conversationId)).lastMessagePreview).toBe(text);
    }
    const customer = await webChatCustomer(base, { name: '<b>访客</b>' });
    const sent = await customer.send(payloads[0]!);
    expect(sent.body.message.body).toBe(payloads[0]);
    expect((await customer.view()).messages.map((m) => m.body)).toEqual([payloads[0]]);
    expect((await messages(sent.body.message.conversationId)).map((m) => m.body)).toEqual([payloads[0]]);
    expect((await conversation(sent.body.message.conversationId)).customerName).toBe('<b>访客</b>');
    customer.close();
  });

  it('sends an agent\'s SMS reply and the closing notice through the gateway; the customer\'s "5" rates that conversation', async () => {
    const texter = smsCustomer(base, secret);
    const { conversationId: id } = await texter.send('你好，我的保单什么时候到期？');
    await waitFor(() => desk.db.prepare(`SELECT 1 FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.id = ? AND c.status = 'open' AND c.remote = 1`).get(id), 10_000, 'the SMS at desk A');
    const summary = (callOk<{ id: string; lastSeq: number }[]>(desk, 'conversations.list', {})).find((c) => c.id === id)!;
    const reply = '您好，您的保单将于下月15日到期。';
    callOk(desk, 'conversations.send', { conversationId: id, body: reply, seenSeq: summary.lastSeq });

    const log = join(world.dataDir, 'channel-outbound', 'sms.log');
    const sent = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')).filter((f) => f[1] === texter.number) : []);
    await waitFor(() => sent().some((f) => f[3] === reply), 10_000, 'the reply in sms.log');

    callOk(desk, 'conversations.close', { conversationId: id });
    await desk.headOffice!.engine.syncNow();
    await waitFor(() => sent().some((f) => f[3]!.includes('回复数字 1-5')), 10_000, 'the closing notice in sms.log');
    expect(sent().map((f) => f[3])).toEqual([reply, expect.stringContaining('回复数字 1-5')]);
    expect((await conversation(id)).state).toBe('closed');

    const rating = await texter.send('5');
    expect(rating.conversationId).toBe(id);
    expect((await conversation(id)).state).toBe('closed');
    expect((await messages(id)).at(-1)).toMatchObject({ direction: 'in', body: '5' });
    // Rated already: the next digit is a new conversation, not a second rating.
    expect((await texter.send('4')).conversationId).not.toBe(id);
  });

  it('links a known mobile number to its customer; an unknown one stays a lead until the agent links it', async () => {
    const known = await api(base, 'POST', '/api/customers', { name: '张建国', phone: '13800001234' }, lead);
    expect(known.status).toBe(201);
    const fromKnown = await smsCustomer(base, secret, '13800001234').send('你好，我想续保');
    expect(await conversation(fromKnown.conversationId)).toMatchObject({ customerId: known.body.id, customerName: '张建国', lead: false });

    const { conversationId } = await smsCustomer(base, secret).send('你好，我想买车险');
    expect(await conversation(conversationId)).toMatchObject({ customerId: null, lead: true });
    await waitFor(async () => (await conversation(conversationId)).assigneeId === world.accounts.agent_a, 10_000, 'the lead with agent A');
    const phone = `137${String(Date.now()).slice(-8)}`;
    const other = await api(base, 'POST', '/api/customers', { name: '李秀英', phone }, lead);
    expect(other.status).toBe(201);

    const agentA = await tokenOf('agent_a');
    const link = (body: unknown, token = agentA) => api(base, 'POST', `/api/conversations/${conversationId}/link-customer`, body, token);
    expectRefused(await link({ phone: '13700000000' }), 404, 'NOT_FOUND');
    expectRefused(await link({ phone: '12345' }), 400, 'BAD_REQUEST');
    expectRefused(await link({ phone }, await tokenOf('agent_b')), 404, 'NOT_FOUND');
    expect(await conversation(conversationId)).toMatchObject({ customerId: null, lead: true });
    const linked = await link({ phone });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ id: conversationId, customerId: other.body.id, customerName: '李秀英', lead: false });
    expect(await conversation(conversationId)).toMatchObject({ customerId: other.body.id, lead: false });
  });
});
