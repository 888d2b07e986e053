import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { ticketNumber } from '../../shared/domain/ids.js';
import { api } from '../support/head-office-process.js';
import { PASSWORD, startSyncWorld, type SyncWorld } from '../support/sync-world.js';

/**
 * On-site support (现场与网络联动支持) through a real head office: an online
 * agent of one office sends a collaboration ticket to a field office, the
 * field office's desk receives it, and its result comes back to the agent's
 * ticket. Each ticket stays in its own office's scope.
 */
describe('on-site support between offices', () => {
  let world: SyncWorld;
  let fieldOffice: string;
  let online: Desk;
  let field: Desk;
  const token = async (login: string) => (await api(world.ho.url, 'POST', '/api/auth/login', { login, password: PASSWORD })).body.accessToken as string;

  const push = async (login: string, args: Record<string, unknown>, clientId: string = crypto.randomUUID()) => {
    const r = await api(world.ho.url, 'POST', '/api/sync/push', { clientId, epoch: null, mutations: [{ mutationId: 1, name: 'ticket.create', args }] }, await token(login));
    expect(r.status).toBe(200);
    return r.body.results[0] as { status: string; reason?: { code: string; message: string } };
  };
  const request = (fieldOfficeId: string | undefined, type = 'onsite_support') => ({
    id: crypto.randomUUID(),
    eventId: crypto.randomUUID(),
    ticketNo: ticketNumber(new Date()),
    type,
    category: '理赔资料',
    priority: 'high',
    title: '老人不会上传理赔照片',
    description: '客户年迈，需网点上门协助收集资料',
    conversationId: null,
    customerId: null,
    ...(fieldOfficeId ? { fieldOfficeId } : {}),
    at: Date.now(),
  });
  /** Tickets head office holds (admin pull), by id. */
  const serverTickets = async () => {
    const t = await world.adminToken();
    const tickets = new Map<string, Record<string, any>>();
    let cursor = { epoch: null as string | null, scopes: {} as Record<string, number> };
    for (;;) {
      const r = await api(world.ho.url, 'POST', '/api/sync/pull', { clientId: crypto.randomUUID(), cursor, limit: 5000 }, t);
      for (const c of r.body.changes) if (c.entity === 'ticket') (c.deleted ? tickets.delete(c.id) : tickets.set(c.id, c.data));
      cursor = r.body.cursor;
      if (!r.body.more) return tickets;
    }
  };
  const sync = (...desks: Desk[]) => world.settle(desks);

  beforeAll(async () => {
    world = await startSyncWorld();
    const admin = await world.adminToken();
    fieldOffice = (await api(world.ho.url, 'POST', '/api/offices', { code: 'SZ02', name: '苏州网点' }, admin)).body.id;
    const made = await api(world.ho.url, 'POST', '/api/accounts', { login: 'field_a', displayName: '外勤甲', role: 'agent', officeId: fieldOffice, password: PASSWORD }, admin);
    expect(made.status).toBe(201);
    online = await world.desk('agent_a');
    field = await world.desk('field_a');
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  it('lists the offices a request may go to, without the agent\'s own', async () => {
    const listed = await api(world.ho.url, 'GET', '/api/offices', undefined, await token('agent_a'));
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      { id: world.office, code: 'NJ01', name: '南京网点', own: true },
      { id: fieldOffice, code: 'SZ02', name: '苏州网点', own: false },
    ]);
    expect(await online.dispatch('tickets.fieldOffices', {})).toEqual({ ok: true, data: [{ id: fieldOffice, code: 'SZ02', name: '苏州网点' }] });
    expect((await api(world.ho.url, 'GET', '/api/offices')).status).toBe(401);
  });

  it('opens the linked ticket at the field office, which sends back its result', async () => {
    const asked = await online.dispatch('tickets.create', {
      type: 'onsite_support',
      category: '理赔资料',
      priority: 'high',
      title: '老人不会上传理赔照片',
      description: '客户年迈，需网点上门协助收集资料',
      fieldOfficeId: fieldOffice,
    });
    expect(asked.ok).toBe(true);
    const origin = (asked as { data: { id: string; ticketNo: string } }).data;
    await sync(online, field);

    // The field office's desk has its own ticket, naming the request's number and office.
    const fieldList = field.services.tickets.list({ limit: 100, offset: 0 }).items;
    expect(fieldList).toHaveLength(1);
    const served = fieldList[0]!;
    expect(served).toMatchObject({
      type: 'onsite_support',
      title: '现场支援：老人不会上传理赔照片',
      description: '客户年迈，需网点上门协助收集资料',
      priority: 'high',
      linkedTicket: { ticketNo: origin.ticketNo, officeName: '南京网点', direction: 'requested_by' },
    });
    expect(served.id).not.toBe(origin.id);
    // The online agent's desk sees the field ticket's number on its own ticket, never the field ticket itself.
    expect(online.services.tickets.list({ limit: 100, offset: 0 }).items.map((x) => x.id)).toEqual([origin.id]);
    const requested = online.services.tickets.get(origin.id);
    expect(requested.linkedTicket).toEqual({ ticketNo: served.ticketNo, officeName: '苏州网点', direction: 'sent_to' });
    expect(requested.events.map((e) => e.note)).toContain(`已派现场支援：苏州网点（工单 ${served.ticketNo}）`);

    // The field staff visit, then resolve with what they did: the agent's ticket gets it, once.
    field.services.tickets.transition({ ticketId: served.id, to: 'in_progress' });
    field.services.tickets.transition({ ticketId: served.id, to: 'resolved', note: '已上门收齐照片与维修发票' });
    await sync(field, online);
    const result = online.services.tickets.get(origin.id).events.filter((e) => e.note?.startsWith('网点已处理'));
    expect(result.map((e) => [e.kind, e.note])).toEqual([['note', '网点已处理：苏州网点：已上门收齐照片与维修发票']]);
    // Closing afterwards brings no second result.
    field.services.tickets.transition({ ticketId: served.id, to: 'closed' });
    await sync(field, online);
    expect(online.services.tickets.get(origin.id).events.filter((e) => e.note?.startsWith('网点已处理'))).toHaveLength(1);
    expect(online.outbox.counts().pending + field.outbox.counts().pending).toBe(0);
  });

  it('refuses a request to an unknown office, the agent\'s own, or from another type, writing nothing', async () => {
    const before = await serverTickets();
    const cases: [Record<string, unknown>, string][] = [
      [request(crypto.randomUUID()), 'no such office'],
      [request(world.office), 'another office than your own'],
      [request(fieldOffice, 'consultation'), 'only an on-site support ticket'],
    ];
    for (const [args, says] of cases) {
      const r = await push('agent_a', args);
      expect(r.status).toBe('rejected');
      expect(r.reason!.code).toBe('INVALID_INPUT');
      expect(r.reason!.message).toContain('fieldOfficeId');
      expect(r.reason!.message).toContain(says);
    }
    expect([...(await serverTickets()).keys()].sort()).toEqual([...before.keys()].sort());
    // The desk refuses the wrong type at once, naming the field.
    const wrong = await online.dispatch('tickets.create', { type: 'consultation', category: '咨询', priority: 'normal', title: '问询', fieldOfficeId: fieldOffice });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'fieldOfficeId' }] } });
  });

  it('opens one field ticket when the same request arrives twice', async () => {
    const args = request(fieldOffice);
    expect((await push('agent_a', args)).status).toBe('applied');
    // Resent from another desk id (head office restored, say): already applied, nothing new.
    expect((await push('agent_a', args)).status).toBe('duplicate');
    const linked = [...(await serverTickets()).values()].filter((t) => t.linkedTicket?.ticketNo === args.ticketNo);
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({ title: '现场支援：老人不会上传理赔照片', linkedTicket: { direction: 'requested_by', officeName: '南京网点' } });
  });
});
