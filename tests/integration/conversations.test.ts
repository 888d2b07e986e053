import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { seedDemoData } from '../../electron/node/demo/demo-data.js';
import { callOk, tempDesk } from '../support/temp-desk.js';

let desk: Desk;
let now = 1_770_000_000_000;
beforeEach(() => {
  desk = tempDesk({ now: () => now });
});
afterEach(() => desk.close());

const ok = <T>(name: string, input: unknown): T => callOk<T>(desk, name, input);

describe('conversations', () => {
  it('tracks the customer waiting time until the first reply', () => {
    const conv = desk.services.conversations.open({ customerId: null, customerName: '赵先生', channel: 'app', subject: '' });
    desk.services.conversations.receive({ conversationId: conv.id, body: '在吗？我要报案' });
    now += 5_000;
    desk.services.conversations.receive({ conversationId: conv.id, body: '车被撞了' });
    let s = desk.services.conversations.list().find((c) => c.id === conv.id)!;
    expect(s.awaitingReplySince).toBe(now - 5_000);
    expect(s.unreadCount).toBe(2);
    now += 12_000;
    ok('conversations.send', { conversationId: conv.id, body: '您好，请先确认人员安全。' });
    s = desk.services.conversations.list().find((c) => c.id === conv.id)!;
    expect(s.awaitingReplySince).toBeNull();
    expect(s.firstResponseAt).toBe(now);
    expect(s.unreadCount).toBe(0);
    expect(s.lastMessagePreview).toBe('您好，请先确认人员安全。');
  });

  it('pages a 10,000-message conversation backwards without gaps', () => {
    seedDemoData(desk, { customers: 3, longConversationMessages: 10_000 });
    const long = desk.services.conversations.list().find((c) => c.subject === '长期服务记录')!;
    const seen: number[] = [];
    let page = ok<{ messages: { seq: number }[]; hasOlder: boolean }>('conversations.messages', { conversationId: long.id, limit: 500 });
    seen.unshift(...page.messages.map((m) => m.seq));
    while (page.hasOlder) {
      page = ok('conversations.messages', { conversationId: long.id, beforeSeq: seen[0], limit: 500 });
      seen.unshift(...page.messages.map((m) => m.seq));
    }
    expect(seen).toHaveLength(10_000);
    expect(seen[0]).toBe(1);
    expect(seen.every((s, i) => s === i + 1)).toBe(true);
  });

  it('keeps a draft per conversation', () => {
    const a = desk.services.conversations.open({ customerId: null, customerName: 'A', channel: 'sms', subject: '' });
    const b = desk.services.conversations.open({ customerId: null, customerName: 'B', channel: 'weibo', subject: '' });
    ok('conversations.saveDraft', { conversationId: a.id, draft: '草稿一' });
    ok('conversations.saveDraft', { conversationId: b.id, draft: '草稿二' });
    const list = desk.services.conversations.list();
    expect(list.find((c) => c.id === a.id)!.draft).toBe('草稿一');
    expect(list.find((c) => c.id === b.id)!.draft).toBe('草稿二');
    ok('conversations.send', { conversationId: a.id, body: '草稿一' });
    expect(desk.services.conversations.list().find((c) => c.id === a.id)!.draft).toBe('');
  });

  it('stores customer text exactly as typed', () => {
    const conv = desk.services.conversations.open({ customerId: null, customerName: '<b>x</b>', channel: 'webchat', subject: '' });
    const evil = `<img src=x onerror="alert(1)"><script>alert(2)</script>'; DROP TABLE messages; --`;
    desk.services.conversations.receive({ conversationId: conv.id, body: evil });
    const page = ok<{ messages: { body: string }[] }>('conversations.messages', { conversationId: conv.id });
    expect(page.messages[0]!.body).toBe(evil);
  });

  it('fills placeholders from what the conversation knows, masked', () => {
    seedDemoData(desk, { customers: 6 });
    const conv = desk.services.conversations.list().find((c) => c.customerId !== null)!;
    const values = ok<Record<string, string>>('conversations.placeholderContext', { conversationId: conv.id });
    expect(values.customerName).toBe(conv.customerName);
    expect(values.agentName).toBe('测试坐席');
    expect(values.companyName).toBe('安行财产保险');
    expect(values.plate).toMatch(/\*/);
    expect(values.policyNo).toMatch(/^PD[A-Z]{2}\*+\d{4}$/);
  });

  it('logs a phone call as a conversation of channel phone', () => {
    const s = ok<{ channel: string; id: string }>('conversations.logPhoneCall', { customerId: null, callerName: '来电客户', notes: '咨询续保', durationSeconds: 185, outcome: 'answered' });
    expect(s).toMatchObject({ channel: 'phone', subject: '', phoneCall: { outcome: 'answered', durationSeconds: 185 }, lastMessagePreview: '咨询续保' });
    expect(s).toMatchObject({ awaitingReplySince: null, unreadCount: 0 });
    const page = ok<{ messages: { direction: string; body: string }[] }>('conversations.messages', { conversationId: s.id });
    expect(page.messages).toEqual([expect.objectContaining({ direction: 'note', body: '咨询续保' })]);
  });

  it('keeps the note id of a logged call in its outbox mutation, and takes no replies on it', () => {
    const s = ok<{ id: string }>('conversations.logPhoneCall', { customerId: null, callerName: '来电', notes: '报案咨询', durationSeconds: 60, outcome: 'callback' });
    const page = ok<{ messages: { id: string }[] }>('conversations.messages', { conversationId: s.id });
    const mutation = desk.outbox.waiting().at(-1)!;
    expect(mutation).toMatchObject({ name: 'conversation.logPhoneCall', args: { id: s.id, noteId: page.messages[0]!.id } });
    expect(desk.dispatch('conversations.send', { conversationId: s.id, body: '您好' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });

  it('sends the ending of a logged call to head office with the call itself', () => {
    const call = ok<{ id: string }>('conversations.logPhoneCall', { customerId: null, callerName: '来电', notes: '续保咨询', durationSeconds: 90, outcome: 'answered' });
    ok('conversations.close', { conversationId: call.id });
    expect(desk.outbox.waiting().slice(-2).map((m) => [m.name, m.args.id])).toEqual([
      ['conversation.logPhoneCall', call.id],
      ['conversation.close', call.id],
    ]);
  });

  it('ends a conversation: it leaves the open list and takes no more replies', () => {
    const conv = desk.services.conversations.open({ customerId: null, customerName: '周先生', channel: 'wechat', subject: '' });
    ok('conversations.close', { conversationId: conv.id });
    expect(desk.services.conversations.list().map((c) => c.id)).not.toContain(conv.id);
    expect(desk.dispatch('conversations.send', { conversationId: conv.id, body: '还在吗' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    expect(ok('conversations.close', { conversationId: conv.id })).toEqual({ ok: true });
    expect(desk.dispatch('conversations.saveDraft', { conversationId: conv.id, draft: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
  });

  it('holds a reply when the customer wrote after what the agent had on screen, and queues nothing for head office from a conversation only this desk has', () => {
    const conv = desk.services.conversations.open({ customerId: null, customerName: '冯先生', channel: 'app', subject: '' });
    desk.services.conversations.receive({ conversationId: conv.id, body: '我的车能修吗' });
    const seen = desk.services.conversations.list().find((c) => c.id === conv.id)!.lastSeq;
    desk.services.conversations.receive({ conversationId: conv.id, body: '还有，保险能赔吗' });
    const before = desk.outbox.waiting().length;
    expect(desk.dispatch('conversations.send', { conversationId: conv.id, body: '可以修', seenSeq: seen })).toMatchObject({ ok: false, error: { code: 'CONVERSATION_CHANGED' } });
    const now = desk.services.conversations.list().find((c) => c.id === conv.id)!.lastSeq;
    const sent = ok<{ state: string | null }>('conversations.send', { conversationId: conv.id, body: '可以修，也能赔', seenSeq: now });
    // A standalone conversation: the reply is the desk's own record, with no way to a customer to track.
    expect(sent.state).toBeNull();
    ok('conversations.close', { conversationId: conv.id });
    expect(desk.outbox.waiting().length).toBe(before);
  });

  it('marks the session with how the customer\'s latest message sounds', () => {
    const conv = desk.services.conversations.open({ customerId: null, customerName: '郑先生', channel: 'wechat', subject: '' });
    const mood = () => desk.services.conversations.list().find((c) => c.id === conv.id)!.mood;
    expect(mood()).toBeNull();
    desk.services.conversations.receive({ conversationId: conv.id, body: '到底什么时候赔！！你们就是骗子' });
    expect(mood()).toBe('angry');
    desk.services.conversations.receive({ conversationId: conv.id, body: '我真的很着急，车还在修理厂' });
    expect(mood()).toBe('anxious');
    desk.services.conversations.receive({ conversationId: conv.id, body: '好的，谢谢您' });
    expect(mood()).toBeNull();
  });

  it('announces a read only when something was unread', () => {
    const conv = desk.services.conversations.open({ customerId: null, customerName: '吴女士', channel: 'app', subject: '' });
    desk.services.conversations.receive({ conversationId: conv.id, body: '你好' });
    const events: string[] = [];
    const off = desk.subscribe((e, p) => events.push(`${e}:${(p as { conversationId: string }).conversationId}`));
    ok('conversations.markRead', { conversationId: conv.id });
    ok('conversations.markRead', { conversationId: conv.id });
    off();
    expect(events).toEqual([`conversationChanged:${conv.id}`]);
    expect(desk.dispatch('conversations.markRead', { conversationId: '0190b4c8-0000-7000-8000-00000000beef' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows customer identifiers only masked', () => {
    seedDemoData(desk, { customers: 4 });
    const conv = desk.services.conversations.list().find((c) => c.customerId !== null)!;
    const raw = desk.db.prepare('SELECT phone, id_number FROM customers WHERE id = ?').get(conv.customerId) as { phone: string; id_number: string };
    const profile = ok<Record<string, unknown>>('customers.get', { customerId: conv.customerId });
    const text = JSON.stringify(profile);
    expect(text).not.toContain(raw.phone);
    expect(text).not.toContain(raw.id_number);
    expect(profile.phoneMasked).toBe(`${raw.phone.slice(0, 3)}****${raw.phone.slice(-4)}`);
  });

  it('asks for an agent profile before anything is sent', () => {
    const fresh = tempDesk({ register: false });
    const conv = fresh.services.conversations.open({ customerId: null, customerName: 'X', channel: 'app', subject: '' });
    expect(fresh.dispatch('agent.current', {})).toEqual({ ok: true, data: null });
    expect(fresh.dispatch('conversations.send', { conversationId: conv.id, body: 'hi' })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(fresh.dispatch('agent.register', { code: 'A3003', displayName: '新坐席' })).toMatchObject({ ok: true });
    // Once set up, the desk is that agent's: no second profile, no taking over a code.
    expect(fresh.dispatch('agent.register', { code: 'A3004', displayName: '另一个' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    fresh.close();
  });
});
