import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../electron/node/app/create-desk.js';
import { memoryTokenStore } from '../../electron/node/head-office/token-store.js';
import { tempCacheFile } from '../support/temp-desk.js';
import { ticketNumber } from '../../shared/domain/ids.js';
import { slaDueAt } from '../../shared/domain/ticket-sla.js';
import type { TicketStatus } from '../../shared/domain/ticket-status.js';
import { putCustomerRecord, sampleCustomerRecord } from '../support/customer-records.js';
import { workingMinutesBetween, type OfficeHours } from '../../shared/domain/working-calendar.js';
import { api } from '../support/head-office-process.js';
import { PASSWORD, startSyncWorld, type SyncWorld } from '../support/sync-world.js';

/** A call centre that opens early and breaks for an hour: 480 working minutes a day. */
const EARLY_HOURS: OfficeHours = { utcOffsetMinutes: 480, periods: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] };
/** A late shift: 420 working minutes. */
const LATE_HOURS: OfficeHours = { utcOffsetMinutes: 480, periods: [{ start: '10:00', end: '13:00' }, { start: '14:00', end: '18:00' }] };

describe('ticket service levels through head office', () => {
  let world: SyncWorld;
  const token = async (login: string) => (await api(world.ho.url, 'POST', '/api/auth/login', { login, password: PASSWORD })).body.accessToken as string;

  /** Head office's copy of one ticket and its history, as a fresh pull shows them. */
  const serverTicket = async (id: string) => {
    const t = await world.adminToken();
    const out: { ticket: Record<string, any> | null; events: Record<string, any>[] } = { ticket: null, events: [] };
    let cursor = { epoch: null as string | null, scopes: {} as Record<string, number> };
    for (;;) {
      const r = await api(world.ho.url, 'POST', '/api/sync/pull', { clientId: crypto.randomUUID(), cursor, limit: 5000 }, t);
      for (const c of r.body.changes) {
        if (c.entity === 'ticket' && c.id === id) out.ticket = c.deleted ? null : c.data;
        if (c.entity === 'ticket_event' && !c.deleted && c.data.ticketId === id) out.events = [...out.events.filter((e) => e.id !== c.id), c.data];
      }
      cursor = r.body.cursor;
      if (!r.body.more) return out;
    }
  };

  /** One mutation pushed straight to head office, as a desk of `login` would. */
  const pushAs = async (login: string, name: string, args: Record<string, unknown>) => (await pushAllAs(login, [[name, args]])).results[0]!;
  /** Several mutations in one push, as a desk back online sends them. */
  const pushAllAs = async (login: string, mutations: [string, Record<string, unknown>][]) => {
    const r = await api(
      world.ho.url,
      'POST',
      '/api/sync/push',
      { clientId: crypto.randomUUID(), epoch: null, mutations: mutations.map(([name, args], i) => ({ mutationId: i + 1, name, args })) },
      await token(login),
    );
    return { status: r.status, results: (r.body.results ?? []) as { status: string; reason?: { code: string; message: string } }[] };
  };

  const auditOf = async (ticketId: string, action: string) =>
    (await api(world.ho.url, 'GET', `/api/audit?subject=${ticketId}&action=${action}`, undefined, await token('lead_a'))).body.entries as {
      action: string;
      actorLogin: string;
      detail: Record<string, unknown>;
    }[];

  const complaint = (desk: Desk, title: string, complaintLevel?: 1 | 2 | 3) =>
    desk.services.tickets.create({ type: 'complaint', category: '理赔争议', priority: 'high', title, description: '', conversationId: null, complaintLevel });

  beforeAll(async () => {
    world = await startSyncWorld();
    const set = await api(world.ho.url, 'PUT', `/api/offices/${world.office}/working-hours`, EARLY_HOURS, await world.adminToken());
    expect(set.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  it('keeps office hours for administrators, checked as hours', async () => {
    const agent = await token('agent_a');
    expect((await api(world.ho.url, 'GET', `/api/offices/${world.office}/working-hours`, undefined, agent)).body).toEqual(EARLY_HOURS);
    expect((await api(world.ho.url, 'PUT', `/api/offices/${world.office}/working-hours`, EARLY_HOURS, agent)).status).toBe(403);
    const bad = await api(world.ho.url, 'PUT', `/api/offices/${world.office}/working-hours`, { utcOffsetMinutes: 480, periods: [{ start: '13:00', end: '12:00' }] }, await world.adminToken());
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.issues)).toContain('periods.0.end');
  });

  it('stores the deadline on creation, counted in the office hours, and the desk shows the same', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '定损金额争议', 2);
    // At once, before head office answers: the desk's own count.
    expect(a.services.tickets.get(t.id)).toMatchObject({ complaintLevel: 2, escalatedTo: 'complaint_team' });
    await world.settle([a]);
    const { ticket } = await serverTicket(t.id);
    expect(ticket).toMatchObject({ complaintLevel: 2, escalatedTo: 'complaint_team', slaHours: EARLY_HOURS });
    expect(ticket!.slaDueAt).toBe(slaDueAt('complaint', 2, ticket!.slaStartedAt, EARLY_HOURS));
    // Two working days of this office's 480 minutes (the default day has 450).
    expect(workingMinutesBetween(ticket!.slaStartedAt, ticket!.slaDueAt, EARLY_HOURS)).toBe(960);
    expect(a.services.tickets.get(t.id)).toMatchObject({ slaDueAt: ticket!.slaDueAt, slaStartedAt: ticket!.slaStartedAt, slaHours: EARLY_HOURS });
    // Other types get their own time, and a complaint without a level is level 1.
    const plain = a.services.tickets.create({ type: 'onsite_support', category: '上门协助', priority: 'normal', title: '上门收集资料', description: '', conversationId: null });
    const ungraded = complaint(a, '客服态度');
    await world.settle([a]);
    const onsite = (await serverTicket(plain.id)).ticket!;
    expect(onsite).toMatchObject({ complaintLevel: null, escalatedTo: null });
    expect(onsite.slaDueAt).toBe(slaDueAt('onsite_support', null, onsite.slaStartedAt, EARLY_HOURS));
    expect((await serverTicket(ungraded.id)).ticket).toMatchObject({ complaintLevel: 1, escalatedTo: null });
  });

  it('escalates level 2 to 3 with the reason in the history and the audit log, and a new deadline', async () => {
    const a = await world.desk('agent_a');
    const lead = await world.desk('lead_a');
    const t = complaint(a, '客户称将向媒体投诉', 2);
    await world.settle([a, lead]);
    const before = (await serverTicket(t.id)).ticket!;
    a.services.tickets.setLevel({ ticketId: t.id, level: 3, reason: '客户联系了媒体' });
    await world.settle([a, lead]);
    const { ticket, events } = await serverTicket(t.id);
    expect(ticket).toMatchObject({ complaintLevel: 3, escalatedTo: 'management' });
    expect(ticket!.slaStartedAt).toBeGreaterThanOrEqual(before.slaStartedAt);
    expect(ticket!.slaDueAt).toBe(slaDueAt('complaint', 3, ticket!.slaStartedAt, EARLY_HOURS));
    expect(events.find((e) => e.kind === 'level')).toMatchObject({ fromValue: '2', toValue: '3', note: '客户联系了媒体', author: { login: 'agent_a' } });
    // Its first grading (at creation) and the escalation, both audited.
    const audit = await auditOf(t.id, 'ticket.level');
    expect(audit.map((e) => [e.detail.from, e.detail.to])).toEqual(expect.arrayContaining([[null, 2], [2, 3]]));
    expect(audit).toHaveLength(2);
    expect(audit.find((e) => e.detail.to === 3)).toMatchObject({ actorLogin: 'agent_a', detail: { from: 2, to: 3, reason: '客户联系了媒体' } });
    // The lead's desk has it, escalated, first among running timers.
    const running = lead.services.tickets.running();
    expect(running.find((x) => x.id === t.id)).toMatchObject({ complaintLevel: 3, escalatedTo: 'management', slaDueAt: ticket!.slaDueAt });
    // Lowering it again is a lead's decision: refused at the agent's desk and at head office.
    expect(await a.dispatch('tickets.setLevel', { ticketId: t.id, level: 2, reason: '误判' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await pushAs('agent_a', 'ticket.setLevel', { id: t.id, eventId: crypto.randomUUID(), from: 3, to: 2, reason: '误判', at: Date.now() })).toMatchObject({
      status: 'rejected',
      reason: { code: 'FORBIDDEN' },
    });
    expect((await serverTicket(t.id)).ticket).toMatchObject({ complaintLevel: 3 });
  });

  it('refuses to close a solved complaint without the call back, changing nothing; with it, closes', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '维修进度慢', 1);
    a.services.tickets.transition({ ticketId: t.id, to: 'in_progress' });
    a.services.tickets.transition({ ticketId: t.id, to: 'resolved', note: '已协调修理厂' });
    await world.settle([a]);
    const pending = a.outbox.waiting().length;
    expect(await a.dispatch('tickets.transition', { ticketId: t.id, to: 'closed' })).toMatchObject({ ok: false, error: { code: 'SATISFACTION_REQUIRED' } });
    expect(a.outbox.waiting()).toHaveLength(pending);
    expect(a.services.tickets.get(t.id)).toMatchObject({ status: 'resolved', satisfaction: null });
    // Straight to head office (an old desk, a script): refused with the same reason, nothing written.
    const before = await serverTicket(t.id);
    const refused = await pushAs('agent_a', 'ticket.setStatus', { id: t.id, eventId: crypto.randomUUID(), from: 'resolved', to: 'closed', note: null, at: Date.now() });
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'SATISFACTION_REQUIRED' } });
    expect(await serverTicket(t.id)).toEqual(before);

    const closed = a.services.tickets.transition({ ticketId: t.id, to: 'closed', satisfaction: { rating: 'neutral', note: '希望以后快一点' } });
    expect(closed).toMatchObject({ status: 'closed', satisfaction: 'neutral', satisfactionNote: '希望以后快一点' });
    await world.settle([a]);
    const { ticket, events } = await serverTicket(t.id);
    expect(ticket).toMatchObject({ status: 'closed', satisfaction: 'neutral', satisfactionNote: '希望以后快一点' });
    expect(events.map((e) => e.kind).slice(-2)).toEqual(['satisfaction', 'status']);
    await world.expectConverged([a]);
  });

  it('lets only a lead reassign: an agent cannot take a colleague\'s ticket', async () => {
    const a = await world.desk('agent_a');
    const b = await world.desk('agent_b');
    const lead = await world.desk('lead_a');
    const t = complaint(a, '保单信息错误', 1);
    await world.settle([a, b, lead]);
    expect(await b.dispatch('tickets.assign', { ticketId: t.id, ownerId: world.accounts.agent_b })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const refused = await pushAs('agent_b', 'ticket.assign', { id: t.id, eventId: crypto.randomUUID(), from: world.accounts.agent_a, to: world.accounts.agent_b, at: Date.now() });
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'FORBIDDEN' } });
    expect((await serverTicket(t.id)).ticket!.owner.id).toBe(world.accounts.agent_a);
    expect(await auditOf(t.id, 'ticket.owner')).toHaveLength(0);

    lead.services.tickets.assign({ ticketId: t.id, ownerId: world.accounts.agent_b! });
    await world.settle([a, b, lead]);
    const { ticket, events } = await serverTicket(t.id);
    expect(ticket!.owner).toMatchObject({ id: world.accounts.agent_b, login: 'agent_b' });
    expect(events.find((e) => e.kind === 'owner')).toMatchObject({ fromValue: world.accounts.agent_a, toValue: world.accounts.agent_b, author: { login: 'lead_a' } });
    expect(await auditOf(t.id, 'ticket.owner')).toMatchObject([{ actorLogin: 'lead_a', detail: { from: world.accounts.agent_a, to: world.accounts.agent_b } }]);
    // Every desk shows the change by name.
    const history = b.services.tickets.get(t.id).events.find((e) => e.kind === 'owner');
    expect(history).toMatchObject({ fromValue: '坐席A', toValue: '坐席B' });
    await world.expectConverged([a, b, lead]);
  });

  it('starts the clock again when a solved ticket is reopened', async () => {
    const a = await world.desk('agent_a');
    const t = a.services.tickets.create({ type: 'claim_followup', category: '交通事故', priority: 'normal', title: '定损结果复核', description: '', conversationId: null });
    a.services.tickets.transition({ ticketId: t.id, to: 'in_progress' });
    a.services.tickets.transition({ ticketId: t.id, to: 'resolved' });
    await world.settle([a]);
    const solved = (await serverTicket(t.id)).ticket!;
    await new Promise((r) => setTimeout(r, 20));
    a.services.tickets.transition({ ticketId: t.id, to: 'in_progress', note: '客户对复核结果有疑问' });
    await world.settle([a]);
    const reopened = (await serverTicket(t.id)).ticket!;
    expect(reopened.slaStartedAt).toBeGreaterThan(solved.slaStartedAt);
    expect(reopened.slaDueAt).toBe(slaDueAt('claim_followup', null, reopened.slaStartedAt, EARLY_HOURS));
    expect(a.services.tickets.get(t.id)).toMatchObject({ slaStartedAt: reopened.slaStartedAt, slaDueAt: reopened.slaDueAt });
  });

    it('records the next step, refusing one in the past', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '回电未接通', 1);
    // Refused for being past, not for its format: the reason is typed so the desk can say so.
    expect(await a.dispatch('tickets.setNextStep', { ticketId: t.id, action: '再次回电', dueAt: Date.now() - 60_000 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'dueAt', reason: 'in_the_past' }] },
    });
    const dueAt = Date.now() + 3 * 3600_000;
    a.services.tickets.setNextStep({ ticketId: t.id, action: '下午再次回电并发送短信', dueAt });
    await world.settle([a]);
    const { ticket, events } = await serverTicket(t.id);
    expect(ticket!.nextStep).toEqual({ action: '下午再次回电并发送短信', dueAt });
    expect(ticket!.nextStepSetAt).toEqual(expect.any(Number));
    expect(events.find((e) => e.kind === 'next_step')).toMatchObject({ note: '下午再次回电并发送短信', toValue: String(dueAt) });
    expect(a.services.tickets.get(t.id).nextStep).toEqual({ action: '下午再次回电并发送短信', dueAt });
  });

  it('an offline desk escalates; head office counts the deadline again in the hours it holds', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '车辆维修质量纠纷', 2);
    await world.settle([a]);
    world.link.cut();
    // Meanwhile the office moves to a late shift: the desk cannot know yet.
    expect((await api(world.ho.url, 'PUT', `/api/offices/${world.office}/working-hours`, LATE_HOURS, await world.adminToken())).status).toBe(200);
    a.services.tickets.setLevel({ ticketId: t.id, level: 3, reason: '多名车主联合投诉' });
    expect(await a.headOffice!.engine.syncNow()).toBeNull();
    const offline = a.services.tickets.get(t.id);
    expect(offline).toMatchObject({ complaintLevel: 3, escalatedTo: 'management', slaHours: EARLY_HOURS });
    expect(offline.slaDueAt).toBe(slaDueAt('complaint', 3, offline.slaStartedAt!, EARLY_HOURS));

    world.link.mend();
    await world.settle([a]);
    const { ticket } = await serverTicket(t.id);
    expect(ticket).toMatchObject({ complaintLevel: 3, slaHours: LATE_HOURS });
    // Counted from when the agent escalated (not when the line came back), in the office's new hours.
    expect(ticket!.slaStartedAt).toBe(offline.slaStartedAt);
    expect(ticket!.slaDueAt).toBe(slaDueAt('complaint', 3, offline.slaStartedAt!, LATE_HOURS));
    expect(a.services.tickets.get(t.id)).toMatchObject({ slaDueAt: ticket!.slaDueAt, slaHours: LATE_HOURS });
    await api(world.ho.url, 'PUT', `/api/offices/${world.office}/working-hours`, EARLY_HOURS, await world.adminToken());
  });

  it('refuses a next step past the latest instant on its own, and the changes behind it still apply', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '下一步时间输错', 1);
    await world.settle([a]);
    const pushed = await pushAllAs('agent_a', [
      ['ticket.setNextStep', { id: t.id, eventId: crypto.randomUUID(), action: '回电', dueAt: 9e15, at: Date.now() }],
      ['ticket.addNote', { id: t.id, eventId: crypto.randomUUID(), note: '客户已确认', at: Date.now() }],
    ]);
    expect(pushed.status).toBe(200);
    expect(pushed.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(pushed.results[0]!.reason).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('dueAt') });
    const { ticket, events } = await serverTicket(t.id);
    expect(ticket!.nextStep).toBeNull();
    expect(events.map((e) => e.kind)).toEqual(['created', 'note']);
    // The desk refuses it before it is queued.
    expect(await a.dispatch('tickets.setNextStep', { ticketId: t.id, action: '回电', dueAt: 9e15 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('keeps no ID number or phone typed into a reason in the audit log', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '客户要求升级处理', 1);
    a.services.tickets.setLevel({ ticketId: t.id, level: 2, reason: '客户320102199001011234，电话13812345678，要求升级' });
    await world.settle([a]);
    const [entry] = (await auditOf(t.id, 'ticket.level')).filter((e) => e.detail.to === 2);
    const reason = String(entry!.detail.reason);
    expect(reason).not.toContain('320102199001011234');
    expect(reason).not.toContain('13812345678');
    expect(reason).toContain('138****5678');
    expect(reason).toContain('要求升级');
  });

  it('audits a complaint\'s level from its creation', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '等候时间过长');
    const plain = a.services.tickets.create({ type: 'consultation', category: '保单咨询', priority: 'normal', title: '保单条款咨询', description: '', conversationId: null });
    await world.settle([a]);
    expect(await auditOf(t.id, 'ticket.level')).toMatchObject([{ actorLogin: 'agent_a', detail: { from: null, to: 1 } }]);
    expect(await auditOf(plain.id, 'ticket.level')).toHaveLength(0);
  });

  it('hands a level-2 complaint to the complaint team: an owner outside it lets go, only the team may take it', async () => {
    const admin = await world.adminToken();
    // agent_c answers new business only: not in the complaint team.
    expect((await api(world.ho.url, 'PATCH', `/api/accounts/${world.accounts.agent_c}`, { skills: ['new_business'] }, admin)).status).toBe(200);
    const c = await world.desk('agent_c');
    const b = await world.desk('agent_b');
    const lead = await world.desk('lead_a');
    const t = complaint(c, '理赔款迟迟未到账', 1);
    await world.settle([c, b, lead]);
    expect((await serverTicket(t.id)).ticket!.owner).toMatchObject({ login: 'agent_c' });
    c.services.tickets.setLevel({ ticketId: t.id, level: 2, reason: '涉及理赔争议' });
    await world.settle([c, b, lead]);
    expect((await serverTicket(t.id)).ticket).toMatchObject({ complaintLevel: 2, escalatedTo: 'complaint_team', owner: null });
    expect(await auditOf(t.id, 'ticket.owner')).toMatchObject([{ actorLogin: 'agent_c', detail: { from: world.accounts.agent_c, to: null, because: 'escalated_to_complaint_team' } }]);
    // Every desk shows it waiting for the team.
    expect(b.services.tickets.get(t.id)).toMatchObject({ ownerId: null, complaintLevel: 2 });
    // agent_c cannot take it back; agent_b (in the team) can.
    expect(await pushAs('agent_c', 'ticket.assign', { id: t.id, eventId: crypto.randomUUID(), from: null, to: world.accounts.agent_c, at: Date.now() })).toMatchObject({
      status: 'rejected',
      reason: { code: 'FORBIDDEN' },
    });
    b.services.tickets.assign({ ticketId: t.id, ownerId: world.accounts.agent_b! });
    await world.settle([c, b, lead]);
    expect((await serverTicket(t.id)).ticket!.owner).toMatchObject({ login: 'agent_b' });
    // Every account has the complaints skill by default, so a rise to level 2 hands the complaint over whoever owns it:
    // it waits for the team, priority at least high, and the agent who received it may take it back as one of the team.
    const handed = b.services.tickets.create({ type: 'complaint', category: '服务态度', priority: 'normal', title: '定损员态度差', description: '', conversationId: null, complaintLevel: 1 });
    expect(b.services.tickets.setLevel({ ticketId: handed.id, level: 2, reason: '客户要求投诉组处理' })).toMatchObject({ ownerId: null, priority: 'high' });
    await world.settle([c, b, lead]);
    expect((await serverTicket(handed.id)).ticket).toMatchObject({ complaintLevel: 2, owner: null, priority: 'high' });
    expect(await auditOf(handed.id, 'ticket.owner')).toMatchObject([{ detail: { from: world.accounts.agent_b, to: null, because: 'escalated_to_complaint_team' } }]);
    b.services.tickets.assign({ ticketId: handed.id, ownerId: world.accounts.agent_b! });
    await world.settle([c, b, lead]);
    expect((await serverTicket(handed.id)).ticket!.owner).toMatchObject({ login: 'agent_b' });
    // Opened at level 2, it waits for the team from the start.
    const opened = complaint(b, '理赔结论不认可', 2);
    expect(opened.ownerId).toBeNull();
    await world.settle([c, b, lead]);
    expect((await serverTicket(opened.id)).ticket).toMatchObject({ complaintLevel: 2, owner: null });
    await world.expectConverged([c, b, lead]);
  });

  it('treats a level-3 complaint as management\'s: urgent at once, and only a lead resolves or closes it', async () => {
    const a = await world.desk('agent_a');
    const lead = await world.desk('lead_a');
    const t = a.services.tickets.create({ type: 'complaint', category: '重大纠纷', priority: 'normal', title: '客户称将联系媒体', description: '', conversationId: null, complaintLevel: 1 });
    a.services.tickets.transition({ ticketId: t.id, to: 'in_progress' });
    // The desk shows it at once, and does not offer the agent the steps head office would refuse.
    expect(a.services.tickets.setLevel({ ticketId: t.id, level: 3, reason: '客户称将向媒体投诉' })).toMatchObject({
      complaintLevel: 3,
      priority: 'urgent',
      ownerId: world.accounts.agent_a,
      allowedNext: ['pending_customer'],
    });
    await world.settle([a, lead]);
    expect((await serverTicket(t.id)).ticket).toMatchObject({ complaintLevel: 3, escalatedTo: 'management', priority: 'urgent', owner: { login: 'agent_a' } });
    // The agent is refused with a typed reason on the desk, and head office refuses the same step pushed straight to it.
    expect(await a.dispatch('tickets.transition', { ticketId: t.id, to: 'resolved' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', issues: [{ reason: 'lead_only' }] } });
    expect(await pushAs('agent_a', 'ticket.setStatus', { id: t.id, eventId: crypto.randomUUID(), from: 'in_progress', to: 'resolved', note: null, at: Date.now() })).toMatchObject({
      status: 'rejected',
      reason: { code: 'FORBIDDEN' },
    });
    // Opened straight at level 3 it is urgent too.
    expect(a.services.tickets.create({ type: 'complaint', category: '群体事件', priority: 'low', title: '多名客户集体投诉', description: '', conversationId: null, complaintLevel: 3 })).toMatchObject({
      priority: 'urgent',
      allowedNext: ['in_progress'],
    });
    expect(lead.services.tickets.get(t.id).allowedNext).toEqual(['pending_customer', 'resolved']);
    lead.services.tickets.transition({ ticketId: t.id, to: 'resolved' });
    await world.settle([a, lead]);
    expect(a.services.tickets.get(t.id).allowedNext).toEqual(['in_progress']);
    lead.services.tickets.transition({ ticketId: t.id, to: 'closed', satisfaction: { rating: 'satisfied' } });
    await world.settle([a, lead]);
    expect((await serverTicket(t.id)).ticket).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    await world.expectConverged([a, lead]);
  });

  it('offers every role exactly the steps head office accepts, for every ticket type and complaint level', async () => {
    const agent = await world.desk('agent_a');
    const lead = await world.desk('lead_a');
    const kinds = [
      { type: 'consultation', level: undefined },
      { type: 'claim_followup', level: undefined },
      { type: 'onsite_support', level: undefined },
      { type: 'complaint', level: 1 },
      { type: 'complaint', level: 2 },
      { type: 'complaint', level: 3 },
    ] as const;
    // The way to each status, walked by the lead (who may take every step).
    const pathTo: Record<string, TicketStatus[]> = { new: [], in_progress: ['in_progress'], pending_customer: ['in_progress', 'pending_customer'], resolved: ['in_progress', 'resolved'] };
    const open = (kind: (typeof kinds)[number], from: string) => {
      const t = lead.services.tickets.create({ type: kind.type, category: '流转', priority: 'normal', title: `${kind.type}-${kind.level ?? 0}-${from}`, description: '', conversationId: null, ...(kind.level ? { complaintLevel: kind.level } : {}) });
      for (const to of pathTo[from]!) lead.services.tickets.transition({ ticketId: t.id, to });
      return t.id;
    };
    // Learn what each role is offered from each status, on a ticket of each kind.
    const probes = kinds.flatMap((kind) => Object.keys(pathTo).map((from) => ({ kind, from, id: open(kind, from) })));
    await world.settle([agent, lead]);
    const steps = probes.flatMap((p) =>
      ([['agent', agent], ['lead', lead]] as const).flatMap(([role, desk]) => desk.services.tickets.get(p.id).allowedNext.map((to) => ({ ...p, role, desk, to }))),
    );
    // Agents take every step but resolving or closing a level-3 complaint; leads take them all.
    expect(steps.filter((s) => s.role === 'lead')).toHaveLength(kinds.length * 8);
    expect(steps.filter((s) => s.role === 'agent').map((s) => `${s.kind.level ?? 0}:${s.from}>${s.to}`).filter((k) => k.startsWith('3:'))).toEqual(['3:new>in_progress', '3:in_progress>pending_customer', '3:pending_customer>in_progress', '3:resolved>in_progress']);
    // Each offered step, on a fresh ticket in that status, as the desk offers it (a close from new with its reason, a solved complaint closed with the call back).
    const applied = steps.map((s) => ({ ...s, id: open(s.kind, s.from) }));
    await world.settle([agent, lead]);
    for (const s of applied) {
      s.desk.services.tickets.transition({
        ticketId: s.id,
        to: s.to,
        ...(s.from === 'new' && s.to === 'closed' ? { note: '重复工单' } : {}),
        ...(s.kind.type === 'complaint' && s.to === 'closed' ? { satisfaction: { rating: 'neutral' as const } } : {}),
      });
    }
    await world.settle([agent, lead]);
    const server = await world.serverState();
    expect(applied.filter((s) => server.tickets[s.id]!.status !== s.to).map((s) => `${s.role} ${s.kind.type}/${s.kind.level ?? '-'} ${s.from}>${s.to}`)).toEqual([]);
    await world.expectConverged([agent, lead]);
  }, 120_000);

  it('shows the customer\'s name on a desk that never met the customer', async () => {
    const customer = await putCustomerRecord(world.ho.url, await world.adminToken(), { ...sampleCustomerRecord({ officeId: world.office }), name: '张伟' });
    const id = crypto.randomUUID();
    // The agent's desk opened it from a conversation; the lead's desk only ever receives the ticket.
    expect(
      await pushAs('agent_a', 'ticket.create', {
        id,
        eventId: crypto.randomUUID(),
        ticketNo: ticketNumber(new Date()),
        type: 'complaint',
        category: '服务态度',
        priority: 'normal',
        title: '客服回复慢',
        description: '',
        conversationId: null,
        customerId: customer.id,
        at: Date.now(),
      }),
    ).toMatchObject({ status: 'applied' });
    const lead = await world.desk('lead_a');
    await world.settle([lead]);
    expect(lead.services.tickets.get(id)).toMatchObject({ customerId: customer.id, customerName: '张伟' });
    expect(lead.services.tickets.list({ limit: 50, offset: 0 }).items.find((t) => t.id === id)).toMatchObject({ customerName: '张伟' });
  });

  it('applies a push of several graded and reassigned changes with one unbroken audit chain, in order', async () => {
    const a = await world.desk('agent_a');
    const t1 = complaint(a, '批量一', 1);
    const t2 = complaint(a, '批量二', 1);
    await world.settle([a]);
    const now = Date.now();
    const pushed = await pushAllAs('lead_a', [
      ['ticket.setLevel', { id: t1.id, eventId: crypto.randomUUID(), from: 1, to: 2, reason: '理赔争议', at: now }],
      ['ticket.addNote', { id: t1.id, eventId: crypto.randomUUID(), note: '已联系客户', at: now }],
      ['ticket.assign', { id: t2.id, eventId: crypto.randomUUID(), from: world.accounts.agent_a, to: world.accounts.agent_b, at: now }],
      ['ticket.setLevel', { id: t2.id, eventId: crypto.randomUUID(), from: 1, to: 3, reason: '媒体关注', at: now }],
      ['ticket.setLevel', { id: t1.id, eventId: crypto.randomUUID(), from: 2, to: 1, reason: '客户撤回升级', at: now }],
    ]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    const verify = await api(world.ho.url, 'GET', '/api/audit/verify', undefined, await token('lead_a'));
    expect(verify.body).toMatchObject({ ok: true, brokenAt: null });
    expect((await auditOf(t1.id, 'ticket.level')).filter((e) => e.actorLogin === 'lead_a').map((e) => [e.detail.from, e.detail.to]).sort()).toEqual([[1, 2], [2, 1]]);
    expect(await auditOf(t2.id, 'ticket.owner')).toMatchObject([{ actorLogin: 'lead_a', detail: { from: world.accounts.agent_a, to: world.accounts.agent_b } }]);
    expect((await auditOf(t2.id, 'ticket.level')).find((e) => e.detail.to === 3)).toMatchObject({ actorLogin: 'lead_a', detail: { from: 1, to: 3, reason: '媒体关注' } });
  });

  it('keeps a complaint\'s priority at or above its level\'s: the desk offers and takes nothing lower, head office refuses it too', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '媒体曝光投诉', 3);
    await world.settle([a]);
    const pending = a.outbox.waiting().length;
    expect(await a.dispatch('tickets.edit', { ticketId: t.id, field: 'priority', value: 'normal' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'value', reason: 'priority_below_level' }] },
    });
    expect(a.outbox.waiting()).toHaveLength(pending);
    expect(a.services.tickets.get(t.id).priority).toBe('urgent');
    // Pushed straight to head office (an old desk, a script): refused, nothing written.
    const before = await serverTicket(t.id);
    expect(await pushAs('agent_a', 'ticket.edit', { id: t.id, eventId: crypto.randomUUID(), changes: { priority: { from: 'urgent', to: 'low' } }, at: Date.now() })).toMatchObject({
      status: 'rejected',
      reason: { code: 'INVALID_INPUT' },
    });
    expect(await serverTicket(t.id)).toEqual(before);
    // Level 2: at least high, so urgent may go back to high but no lower; other fields stay editable.
    const two = complaint(a, '理赔争议升级', 2);
    a.services.tickets.edit({ ticketId: two.id, field: 'priority', value: 'urgent' });
    expect(a.services.tickets.edit({ ticketId: two.id, field: 'priority', value: 'high' }).priority).toBe('high');
    expect(await a.dispatch('tickets.edit', { ticketId: two.id, field: 'priority', value: 'normal' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    a.services.tickets.edit({ ticketId: t.id, field: 'title', value: '媒体曝光投诉（已联系）' });
    await world.settle([a]);
    expect((await serverTicket(two.id)).ticket).toMatchObject({ priority: 'high' });
    expect((await serverTicket(t.id)).ticket).toMatchObject({ priority: 'urgent', title: '媒体曝光投诉（已联系）' });
    await world.expectConverged([a]);
  });

  it('re-applies a waiting change of level after a pull only where the level is still the one it was made from', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '推送回执丢失', 1);
    await world.settle([a]);
    world.link.cut();
    try {
      a.services.tickets.setLevel({ ticketId: t.id, level: 2, reason: '理赔争议' });
      const [waiting] = a.outbox.waiting().filter((m) => m.name === 'ticket.setLevel');
      // Head office got it (the desk never heard back), and one of the complaint team took the complaint since.
      expect(await pushAs('agent_a', 'ticket.setLevel', waiting!.args as Record<string, unknown>)).toMatchObject({ status: 'applied' });
      expect(await pushAs('agent_b', 'ticket.assign', { id: t.id, eventId: crypto.randomUUID(), from: null, to: world.accounts.agent_b, at: Date.now() })).toMatchObject({ status: 'applied' });
      // A pull arrives while the change still waits: head office's copy stands, the change is not applied a second time on top.
      const page = await api(world.ho.url, 'POST', '/api/sync/pull', { clientId: crypto.randomUUID(), cursor: a.headOffice!.replica.cursor(), limit: 5000 }, await token('agent_a'));
      a.headOffice!.replica.applyPage(page.body);
      expect(a.outbox.waiting().some((m) => m.name === 'ticket.setLevel')).toBe(true);
      const server = (await serverTicket(t.id)).ticket!;
      expect(a.services.tickets.get(t.id)).toMatchObject({ complaintLevel: 2, ownerId: world.accounts.agent_b, slaStartedAt: server.slaStartedAt, slaDueAt: server.slaDueAt });
      expect(a.services.tickets.get(t.id).events.filter((e) => e.kind === 'level')).toHaveLength(1);
    } finally {
      world.link.mend();
    }
    await world.settle([a]);
    expect(a.services.tickets.get(t.id).ownerId).toBe(world.accounts.agent_b);
    await world.expectConverged([a]);
  });

  it('applies the complaint team\'s rule on the desk as head office does: lowering 3 to 2 and assigning a level-2 complaint', async () => {
    const admin = await world.adminToken();
    // agent_c answers new business only: not in the complaint team. Head office names that on every ticket it sends.
    expect((await api(world.ho.url, 'PATCH', `/api/accounts/${world.accounts.agent_c}`, { skills: ['new_business'] }, admin)).status).toBe(200);
    const c = await world.desk('agent_c');
    const b = await world.desk('agent_b');
    const lead = await world.desk('lead_a');
    const outside = complaint(c, '群体投诉（坐席C）', 1);
    const inside = complaint(b, '群体投诉（坐席B）', 1);
    await world.settle([c, b, lead]);
    for (const t of [outside, inside]) lead.services.tickets.setLevel({ ticketId: t.id, level: 3, reason: '媒体关注' });
    await world.settle([c, b, lead]);
    expect((await serverTicket(outside.id)).ticket!.owner).toMatchObject({ login: 'agent_c' });
    // The lead lowers both to level 2: at once on the desk, agent_c (outside the team) lets go, agent_b keeps it.
    expect(lead.services.tickets.setLevel({ ticketId: outside.id, level: 2, reason: '已降级' })).toMatchObject({ complaintLevel: 2, ownerId: null });
    expect(lead.services.tickets.setLevel({ ticketId: inside.id, level: 2, reason: '已降级' })).toMatchObject({ complaintLevel: 2, ownerId: world.accounts.agent_b });
    // Assigning the level-2 complaint to agent_c is refused at the desk with its reason, nothing queued; to the team it goes.
    const pending = lead.outbox.waiting().length;
    expect(await lead.dispatch('tickets.assign', { ticketId: outside.id, ownerId: world.accounts.agent_c })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', issues: [{ path: 'ownerId', reason: 'not_complaint_team' }] },
    });
    expect(lead.outbox.waiting()).toHaveLength(pending);
    await world.settle([c, b, lead]);
    expect((await serverTicket(outside.id)).ticket).toMatchObject({ complaintLevel: 2, owner: null });
    expect((await serverTicket(inside.id)).ticket).toMatchObject({ complaintLevel: 2, owner: { login: 'agent_b' } });
    // Head office refuses the same assignment pushed straight to it.
    expect(await pushAs('lead_a', 'ticket.assign', { id: outside.id, eventId: crypto.randomUUID(), from: null, to: world.accounts.agent_c, at: Date.now() })).toMatchObject({
      status: 'rejected',
      reason: { code: 'FORBIDDEN' },
    });
    lead.services.tickets.assign({ ticketId: outside.id, ownerId: world.accounts.agent_b! });
    await world.settle([c, b, lead]);
    expect((await serverTicket(outside.id)).ticket!.owner).toMatchObject({ login: 'agent_b' });
    await world.expectConverged([c, b, lead]);
    expect((await api(world.ho.url, 'PATCH', `/api/accounts/${world.accounts.agent_c}`, { skills: ['new_business', 'complaints'] }, admin)).status).toBe(200);
  });

  it('starts the desk\'s own deadline as head office does: never before the ticket was created', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '坐席电脑时间偏慢', 1);
    await world.settle([a]);
    const createdAt = (await serverTicket(t.id)).ticket!.createdAt as number;
    // The same agent on a desk whose clock runs ten minutes slow: its change carries a moment before the ticket existed.
    const slow = createDesk({
      cacheFile: tempCacheFile(),
      now: () => Date.now() - 600_000,
      headOffice: { url: world.link.url, tokens: memoryTokenStore(), live: false, pollMs: 3_600_000, sendDelayMs: null },
    });
    try {
      await slow.headOffice!.signIn('agent_a', PASSWORD);
      await world.settle([slow]);
      const shown = slow.services.tickets.setLevel({ ticketId: t.id, level: 2, reason: '客户不认可处理结果' });
      expect(shown.slaStartedAt).toBe(createdAt);
      expect(shown.slaDueAt).toBe(slaDueAt('complaint', 2, createdAt, EARLY_HOURS));
      await world.settle([slow]);
      const server = (await serverTicket(t.id)).ticket!;
      expect(server.slaStartedAt).toBe(shown.slaStartedAt);
      expect(server.slaDueAt).toBe(shown.slaDueAt);
    } finally {
      await slow.close();
    }
  });

  it('audits the deletion of a ticket with its number, type and level', async () => {
    const a = await world.desk('agent_a');
    const t = complaint(a, '误开的投诉工单', 2);
    await world.settle([a]);
    expect(await pushAs('agent_a', 'ticket.delete', { id: t.id, at: Date.now() })).toMatchObject({ status: 'rejected', reason: { code: 'FORBIDDEN' } });
    expect(await auditOf(t.id, 'ticket.delete')).toHaveLength(0);
    expect(await pushAs('lead_a', 'ticket.delete', { id: t.id, at: Date.now() })).toMatchObject({ status: 'applied' });
    expect(await auditOf(t.id, 'ticket.delete')).toEqual([
      expect.objectContaining({ action: 'ticket.delete', actorLogin: 'lead_a', detail: { ticketNo: t.ticketNo, type: 'complaint', level: 2 } }),
    ]);
    // Sent again, it changes nothing and is not audited twice.
    expect(await pushAs('lead_a', 'ticket.delete', { id: t.id, at: Date.now() })).toMatchObject({ status: 'duplicate' });
    expect(await auditOf(t.id, 'ticket.delete')).toHaveLength(1);
    const verify = await api(world.ho.url, 'GET', '/api/audit/verify', undefined, await token('lead_a'));
    expect(verify.body).toMatchObject({ ok: true, brokenAt: null });
  });
});
