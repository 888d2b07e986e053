import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { createDesk } from '../../electron/node/app/create-desk.js';
import { seedDemoData } from '../../electron/node/demo/demo-data.js';
import { callOk, tempDesk } from '../support/temp-desk.js';

let desk: Desk;
beforeEach(() => {
  desk = tempDesk();
});
afterEach(() => desk.close());

const call = <T>(name: string, input: unknown): T => callOk<T>(desk, name, input);

describe('tickets (工单)', () => {
  it('opens a ticket from a conversation and walks it to closed with a full history', () => {
    const conv = desk.services.conversations.open({ customerId: null, customerName: '李女士', channel: 'wechat', subject: '理赔进度' });
    const created = call<{ id: string; ticketNo: string; status: string; conversationId: string; allowedNext: string[] }>('tickets.create', {
      type: 'claim_followup',
      category: '交通事故',
      priority: 'high',
      title: '追尾事故定损跟进',
      conversationId: conv.id,
    });
    expect(created.status).toBe('new');
    expect(created.ticketNo).toMatch(/^GD\d{6}-/);
    expect(created.conversationId).toBe(conv.id);
    expect(created.allowedNext).toEqual(['in_progress', 'closed']);

    call('tickets.transition', { ticketId: created.id, to: 'in_progress' });
    call('tickets.addNote', { ticketId: created.id, note: '已联系查勘员' });
    call('tickets.transition', { ticketId: created.id, to: 'resolved', note: '定损完成' });
    const closed = call<{ status: string; allowedNext: string[]; events: { kind: string; fromValue: string | null; toValue: string | null; note: string | null; agentName: string | null }[] }>(
      'tickets.transition',
      { ticketId: created.id, to: 'closed' },
    );
    expect(closed.status).toBe('closed');
    expect(closed.allowedNext).toEqual([]);
    expect(closed.events.map((e) => [e.kind, e.fromValue, e.toValue, e.note])).toEqual([
      ['created', null, 'new', null],
      ['status', 'new', 'in_progress', null],
      ['note', null, null, '已联系查勘员'],
      ['status', 'in_progress', 'resolved', '定损完成'],
      ['status', 'resolved', 'closed', null],
    ]);
    expect(closed.events.every((e) => e.agentName === '测试坐席')).toBe(true);
  });

  it('refuses a transition the state machine does not allow, and writes nothing', () => {
    const t = call<{ id: string }>('tickets.create', { type: 'complaint', category: '服务态度', priority: 'urgent', title: '回复慢' });
    const outboxBefore = desk.outbox.waiting().length;
    const r = desk.dispatch('tickets.transition', { ticketId: t.id, to: 'resolved' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    expect(call<{ status: string; events: unknown[] }>('tickets.get', { ticketId: t.id })).toMatchObject({ status: 'new', events: [expect.anything()] });
    expect(desk.outbox.waiting()).toHaveLength(outboxBefore);
  });

  it('asks for a reason before closing a ticket nobody worked on', () => {
    const t = call<{ id: string }>('tickets.create', { type: 'consultation', category: '重复', priority: 'low', title: '重复工单' });
    // The step is offered and allowed; what it lacks is its reason, so the refusal names the note, not the status.
    expect(call<{ allowedNext: string[] }>('tickets.get', { ticketId: t.id }).allowedNext).toContain('closed');
    const needsReason = { ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'note', reason: 'required' }] } };
    expect(desk.dispatch('tickets.transition', { ticketId: t.id, to: 'closed' })).toMatchObject(needsReason);
    expect(desk.dispatch('tickets.transition', { ticketId: t.id, to: 'closed', note: '   ' })).toMatchObject(needsReason);
    expect(call<{ status: string }>('tickets.transition', { ticketId: t.id, to: 'closed', note: '与 GD 工单重复' }).status).toBe('closed');
  });

  it('puts the id of every row a write creates into its outbox mutation', () => {
    const t = call<{ id: string; events: { id: string }[] }>('tickets.create', { type: 'consultation', category: '续保', priority: 'normal', title: '续保咨询' });
    const moved = call<{ events: { id: string }[] }>('tickets.transition', { ticketId: t.id, to: 'in_progress' });
    const noted = call<{ events: { id: string }[] }>('tickets.addNote', { ticketId: t.id, note: '已回电' });
    const args = desk.outbox.waiting().slice(-3).map((m) => m.args);
    expect(args.map((a) => a.eventId)).toEqual([t.events[0]!.id, moved.events[1]!.id, noted.events[2]!.id]);
    expect(args.every((a) => typeof a.at === 'number')).toBe(true);
  });

  it('appends one outbox mutation per write, in order', () => {
    const t = call<{ id: string }>('tickets.create', { type: 'consultation', category: '续保', priority: 'normal', title: '保费上涨' });
    call('tickets.transition', { ticketId: t.id, to: 'in_progress' });
    call('tickets.addNote', { ticketId: t.id, note: '客户去年出险两次' });
    const names = desk.outbox.waiting().map((m) => m.name);
    expect(names.slice(-3)).toEqual(['ticket.create', 'ticket.setStatus', 'ticket.addNote']);
    const ids = desk.outbox.waiting().map((m) => m.mutationId);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('filters by status, type, priority and text', () => {
    const mk = (title: string, type: string, priority: string) => call<{ id: string }>('tickets.create', { type, category: 'c', priority, title });
    const a = mk('盗抢案件未找回证明', 'claim_followup', 'normal');
    mk('投诉理赔慢', 'complaint', 'urgent');
    mk('三者险保额咨询', 'consultation', 'low');
    call('tickets.transition', { ticketId: a.id, to: 'in_progress' });
    const list = (f: object) => call<{ items: { title: string }[]; total: number }>('tickets.list', f);
    expect(list({ statuses: ['in_progress'] }).items.map((t) => t.title)).toEqual(['盗抢案件未找回证明']);
    expect(list({ type: 'complaint' }).total).toBe(1);
    expect(list({ priority: 'low' }).items[0]!.title).toBe('三者险保额咨询');
    expect(list({ text: '理赔' }).items.map((t) => t.title)).toEqual(['投诉理赔慢']);
    expect(list({ text: '%' }).total).toBe(0);
    expect(list({ customerId: '0190b4c8-0000-7000-8000-00000000abcd' }).total).toBe(0);
    expect(list({ limit: 2 })).toMatchObject({ total: 3 });
    expect(list({ limit: 2 }).items).toHaveLength(2);
  });

  it('keeps everything across a restart of the app on the same file', () => {
    const t = call<{ id: string }>('tickets.create', { type: 'onsite_support', category: '资料收集', priority: 'normal', title: '上门协助' });
    const file = desk.db.name;
    desk.close();
    desk = createDesk({ cacheFile: file });
    expect(desk.services.tickets.get(t.id).title).toBe('上门协助');
    expect(desk.services.agents.current()?.code).toBe('A1001');
  });
});

describe('a customer\'s tickets', () => {
  it('lists only that customer\'s tickets', () => {
    const local = tempDesk();
    seedDemoData(local, { customers: 6 });
    const conv = local.services.conversations.list().find((c) => c.customerId !== null)!;
    const mine = callOk<{ items: { customerId: string | null }[]; total: number }>(local, 'tickets.list', { customerId: conv.customerId });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((t) => t.customerId === conv.customerId)).toBe(true);
    expect(mine.total).toBeLessThan(callOk<{ total: number }>(local, 'tickets.list', {}).total);
    local.close();
  });
});
