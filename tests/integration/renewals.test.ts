import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenewalTask } from '../../shared/head-office/renewals.js';
import { addCalendarDays } from '../../shared/domain/working-calendar.js';
import { officeToday } from '../../server/customers/office-day.js';
import { api, startOfficeHeadOffice, type RunningHeadOffice } from '../support/head-office-process.js';
import { putCustomerRecord, sampleCustomerRecord, type TestCustomerRecord } from '../support/customer-records.js';
import { createDesk, type Desk } from '../../electron/node/app/create-desk.js';
import { memoryTokenStore } from '../../electron/node/head-office/token-store.js';
import { tempCacheFile } from '../support/temp-desk.js';

const PASSWORD = 'Renewal#2026-pass';

/**
 * Renewal reminder tasks at the real head office: made once per policy and
 * step from the policies put, listed to the customer's office by due date,
 * and worked with validated outcomes.
 */
describe('renewal tasks at head office', () => {
  let ho: RunningHeadOffice;
  let rootToken: string;
  let officeId: string;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const policyOf: Record<string, string> = {};
  const phones: Record<string, string> = {};
  // Renewal dates are China dates; the test counts from the same day head office does.
  const today = officeToday();
  const day = (n: number) => addCalendarDays(today, n);

  const login = async (l: string) => (await api(ho.url, 'POST', '/api/auth/login', { login: l, password: PASSWORD })).body.accessToken as string;
  const list = async (who: string, due: string) => {
    const res = await api(ho.url, 'GET', `/api/renewals/tasks?due=${due}`, undefined, tokens[who]);
    expect(res.status).toBe(200);
    return res.body as { today: string; tasks: RenewalTask[] };
  };
  const stepsOf = (tasks: RenewalTask[], policy: string) =>
    tasks
      .filter((t) => t.policyId === policyOf[policy])
      .map((t) => `${t.step}@${t.dueOn}`)
      .sort();
  const outcome = (who: string, taskId: string, body: unknown) => api(ho.url, 'POST', `/api/renewals/tasks/${taskId}/outcome`, body, tokens[who]);

  /** A customer of the office with one commercial policy expiring `inDays` from today. */
  async function customerExpiring(key: string, inDays: number, over: Partial<TestCustomerRecord> = {}, status: 'active' | 'expired' = 'active') {
    const base = sampleCustomerRecord({ officeId, ...over });
    const policies = base.policies
      .filter((p) => p.kind === 'commercial')
      .map((p) => ({ ...p, expiresOn: day(inDays), startsOn: addCalendarDays(day(inDays), -365), status }));
    const saved = await putCustomerRecord(ho.url, tokens.lead_a!, { ...base, policies });
    ids[key] = saved.id;
    policyOf[key] = saved.policies[0]!.id;
    phones[key] = saved.record.phone;
    return saved;
  }

  beforeAll(async () => {
    const started = await startOfficeHeadOffice({ code: 'NJ01', name: '南京分中心' }, [['agent_a', '王小明', 'agent'], ['lead_a', '赵组长', 'lead']], PASSWORD);
    ho = started.ho;
    rootToken = started.rootToken;
    officeId = started.officeId;
    const other = (await api(ho.url, 'POST', '/api/offices', { code: 'SH01', name: '上海分中心' }, rootToken)).body.id as string;
    await api(ho.url, 'POST', '/api/accounts', { login: 'agent_b', displayName: '钱多多', role: 'agent', officeId: other, password: PASSWORD }, rootToken);
    for (const l of ['agent_a', 'lead_a', 'agent_b']) tokens[l] = await login(l);
    tokens.root = rootToken;
    await customerExpiring('in30', 30, { name: '周三十' });
    await customerExpiring('in15', 15, { name: '钱十五' });
    await customerExpiring('in7', 7, { name: '孙七' });
    await customerExpiring('lapsed', -3, { name: '李过期' }, 'expired');
    await customerExpiring('in25', 25, { name: '吴廿五' });
    await customerExpiring('in61', 61, { name: '郑六一' });
  }, 120_000);
  let desk: Desk | undefined;
  afterAll(async () => {
    await desk?.close();
    await ho?.stop();
  });

  it('makes one task per step due within 30 days, from the policies put', async () => {
    const { tasks, today: hoToday } = await list('agent_a', 'all');
    expect(hoToday).toBe(today);
    expect(stepsOf(tasks, 'in30')).toEqual([`detailed_plan@${day(15)}`, `first_reminder@${day(0)}`, `renewal_link@${day(23)}`]);
    expect(stepsOf(tasks, 'in15')).toEqual([`detailed_plan@${day(0)}`, `lapsed_follow_up@${day(18)}`, `renewal_link@${day(8)}`]);
    expect(stepsOf(tasks, 'in7')).toEqual([`lapsed_follow_up@${day(10)}`, `renewal_link@${day(0)}`]);
    expect(stepsOf(tasks, 'lapsed')).toEqual([`lapsed_follow_up@${day(0)}`]);
    expect(stepsOf(tasks, 'in25')).toEqual([`detailed_plan@${day(10)}`, `first_reminder@${day(-5)}`, `lapsed_follow_up@${day(28)}`, `renewal_link@${day(18)}`]);
    expect(stepsOf(tasks, 'in61')).toEqual([]);
  });

  it('makes nothing more when generation runs again', async () => {
    const before = (await list('root', 'all')).tasks.map((t) => t.id).sort();
    for (let i = 0; i < 2; i++) {
      const run = await api(ho.url, 'POST', '/api/renewals/generate', {}, tokens.lead_a);
      expect(run.status).toBe(200);
      expect(run.body).toEqual({ created: 0 });
    }
    expect((await list('root', 'all')).tasks.map((t) => t.id).sort()).toEqual(before);
    expect((await api(ho.url, 'POST', '/api/renewals/generate', {}, tokens.agent_a)).status).toBe(403);
  });

  it('lists by due date with masked identifiers and the step script filled in', async () => {
    const todays = (await list('agent_a', 'today')).tasks;
    expect(todays.map((t) => t.customerName).sort()).toEqual(['孙七', '周三十', '李过期', '钱十五'].sort());
    const overdue = (await list('agent_a', 'overdue')).tasks;
    expect(overdue.map((t) => `${t.customerName}:${t.step}`)).toEqual(['吴廿五:first_reminder']);
    const week = (await list('agent_a', 'week')).tasks;
    expect(week).toHaveLength(5);
    const t = todays.find((x) => x.customerName === '周三十')!;
    expect(t.phoneMasked).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(JSON.stringify(week)).not.toContain(phones.in30!);
    expect(t.plateMasked).toContain('*');
    // 您好, not the full name followed by 好.
    expect(t.script.startsWith('您好，')).toBe(true);
    expect(t.script).not.toContain('周三十');
    expect(t.script).toContain(day(30));
    expect(t.script).toContain(t.plateMasked!);
    expect(t.script).toContain('王小明');
    expect((await api(ho.url, 'GET', '/api/renewals/tasks?due=tomorrow', undefined, tokens.agent_a)).status).toBe(400);
  });

  it('refuses a bad outcome naming the field, and writes nothing', async () => {
    const task = (await list('agent_a', 'today')).tasks.find((x) => x.customerName === '周三十')!;
    const cases: [unknown, string][] = [
      [{ outcome: 'declined' }, 'reason'],
      [{ outcome: 'declined', reason: 'other' }, 'reasonText'],
      [{ outcome: 'callback' }, 'callbackOn'],
      [{ outcome: 'callback', callbackOn: today }, 'callbackOn'],
      [{ outcome: 'callback', callbackOn: day(-1) }, 'callbackOn'],
      [{ outcome: 'callback', callbackOn: '2027-02-29' }, 'callbackOn'],
      [{ outcome: 'finished' }, 'outcome'],
    ];
    for (const [body, field] of cases) {
      const res = await outcome('agent_a', task.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body.error.issues as { path: string }[]).map((i) => i.path)).toContain(field);
    }
    const after = (await list('agent_a', 'today')).tasks.find((x) => x.id === task.id)!;
    expect(after).toMatchObject({ status: 'open', outcome: null, callbackOn: null, dueOn: today, assigneeId: null });
  });

  it('keeps a call back open on its new date, and lists it first for its agent', async () => {
    const task = (await list('agent_a', 'today')).tasks.find((x) => x.customerName === '周三十')!;
    const res = await outcome('agent_a', task.id, { outcome: 'callback', callbackOn: day(2), note: `客户周末方便，可打${phones.in30}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'open', outcome: 'callback', callbackOn: day(2), dueOn: day(2), mine: true });
    // A number typed into the note leaves head office masked, like every other.
    expect(res.body.note).toContain(`${phones.in30!.slice(0, 3)}****${phones.in30!.slice(-4)}`);
    expect(res.body.note).not.toContain(phones.in30!);
    expect((await list('agent_a', 'today')).tasks.map((t) => t.id)).not.toContain(task.id);
    const week = (await list('agent_a', 'week')).tasks;
    expect(week[0]!.id).toBe(task.id);
    expect(week.find((t) => t.id === task.id)!.assigneeName).toBe('王小明');
    expect(JSON.stringify(week)).not.toContain(phones.in30!);
    expect((await list('lead_a', 'week')).tasks.find((t) => t.id === task.id)!.mine).toBe(false);
    // The policy's later steps stay.
    expect(stepsOf((await list('agent_a', 'all')).tasks, 'in30')).toHaveLength(3);
  });

  it('renewed closes the policy\'s later steps; a second outcome is refused', async () => {
    const task = (await list('agent_a', 'today')).tasks.find((x) => x.customerName === '钱十五')!;
    const res = await outcome('agent_a', task.id, { outcome: 'renewed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', outcome: 'renewed' });
    expect(stepsOf((await list('agent_a', 'all')).tasks, 'in15')).toEqual([]);
    const again = await outcome('lead_a', task.id, { outcome: 'declined', reason: 'price' });
    expect(again.status).toBe(409);
    // Generation does not bring the policy's steps back.
    expect((await api(ho.url, 'POST', '/api/renewals/generate', {}, tokens.lead_a)).body).toEqual({ created: 0 });
    expect(stepsOf((await list('root', 'all')).tasks, 'in15')).toEqual([]);
  });

  it('declined with a reason settles the policy too', async () => {
    const task = (await list('agent_a', 'today')).tasks.find((x) => x.customerName === '孙七')!;
    const res = await outcome('agent_a', task.id, { outcome: 'declined', reason: 'switched_insurer', reasonText: '朋友介绍了别家' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', outcome: 'declined', declineReason: 'switched_insurer', declineDetail: '朋友介绍了别家' });
    expect(stepsOf((await list('agent_a', 'all')).tasks, 'in7')).toEqual([]);
  });

  it('keeps another office\'s agent out', async () => {
    expect((await list('agent_b', 'all')).tasks).toEqual([]);
    const task = (await list('agent_a', 'today')).tasks.find((x) => x.customerName === '李过期')!;
    const res = await outcome('agent_b', task.id, { outcome: 'renewed' });
    expect(res.status).toBe(404);
    expect((await list('agent_a', 'today')).tasks.find((x) => x.id === task.id)).toMatchObject({ status: 'open', outcome: null });
    // Head office's administrator sees every office's tasks.
    expect((await list('root', 'today')).tasks.map((t) => t.id)).toContain(task.id);
  });

  it('suggests cross-sales from the customer record, to the customer\'s office only', async () => {
    const base = sampleCustomerRecord({ officeId, name: '张总', segment: 'high_value' });
    const plate = base.vehicles[0]!.plate;
    const record = { ...base, vehicles: [{ plate, model: '奔驰 S450L', firstRegisteredOn: day(-6 * 366), priceYuan: 1_280_000 }] };
    const saved = await putCustomerRecord(ho.url, tokens.lead_a!, record);
    const res = await api(ho.url, 'GET', `/api/customers/${saved.id}/cross-sell`, undefined, tokens.lead_a);
    expect(res.status).toBe(200);
    const codes = (res.body.suggestions as { code: string }[]).map((s) => s.code);
    expect(codes).toEqual(['roadside_assistance_vip', 'dedicated_manager', 'engine_special']);
    expect(JSON.stringify(res.body)).not.toContain(plate);
    expect(res.body.suggestions[0].facts).toMatchObject({ models: ['奔驰 S450L'], priceYuan: 1_280_000 });
    expect(res.body.suggestions[0].facts.plates[0]).toContain('*');
    // A standard customer's 帕萨特, first registered in March 2021 with glass cover: the engine cover only, from its fifth year.
    const plain = await api(ho.url, 'GET', `/api/customers/${ids.in61}/cross-sell`, undefined, tokens.lead_a);
    expect((plain.body.suggestions as { code: string }[]).map((s) => s.code)).toEqual(today >= '2026-03-18' ? ['engine_special'] : []);
    expect((await api(ho.url, 'GET', `/api/customers/${saved.id}/cross-sell`, undefined, tokens.agent_b)).status).toBe(404);
    // As the customer profile: an agent sees a customer through a conversation they serve, not through the office alone.
    expect((await api(ho.url, 'GET', `/api/customers/${saved.id}/cross-sell`, undefined, tokens.agent_a)).status).toBe(404);
    // A record no office keeps is no office's to read; head office's administrator reads it.
    const unkept = await putCustomerRecord(ho.url, rootToken, sampleCustomerRecord({ officeId: null, name: '无网点客户' }));
    for (const who of ['agent_a', 'lead_a', 'agent_b']) expect((await api(ho.url, 'GET', `/api/customers/${unkept.id}/cross-sell`, undefined, tokens[who])).status, who).toBe(404);
    expect((await api(ho.url, 'GET', `/api/customers/${unkept.id}/cross-sell`, undefined, rootToken)).status).toBe(200);
  });

  it('reaches the desk through its calls, checked on the desk first', async () => {
    desk = createDesk({ cacheFile: tempCacheFile(), headOffice: { url: ho.url, tokens: memoryTokenStore(), live: false, pollMs: 3_600_000, sendDelayMs: null } });
    await desk.headOffice!.signIn('agent_a', PASSWORD);
    const overdue = await desk.dispatch('renewals.tasks', { due: 'overdue' });
    expect(overdue.ok).toBe(true);
    const [late] = (overdue as { ok: true; data: { tasks: RenewalTask[] } }).data.tasks;
    expect(late).toMatchObject({ customerName: '吴廿五', step: 'first_reminder', dueOn: day(-5) });
    expect(await desk.dispatch('renewals.tasks', { due: 'tomorrow' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const tooSoon = await desk.dispatch('renewals.recordOutcome', { taskId: late!.id, outcome: { outcome: 'callback', callbackOn: today } });
    expect(tooSoon).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'outcome.callbackOn' }] } });
    const noReason = await desk.dispatch('renewals.recordOutcome', { taskId: late!.id, outcome: { outcome: 'declined' } });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const declined = await desk.dispatch('renewals.recordOutcome', { taskId: late!.id, outcome: { outcome: 'declined', reason: 'price' } });
    expect(declined).toMatchObject({ ok: true, data: { status: 'done', outcome: 'declined', declineReason: 'price' } });
    const twice = await desk.dispatch('renewals.recordOutcome', { taskId: late!.id, outcome: { outcome: 'renewed' } });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Head office answers the agent as the customer profile does: not serving this customer, no such customer.
    expect(await desk.dispatch('renewals.crossSell', { customerId: ids.in61 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it("lists one vehicle's 交强险 and 商业险 expiring the same day as one task, keeps a later call back in the week's list, and settles both at once", async () => {
    const saved = await putCustomerRecord(ho.url, tokens.lead_a!, sampleCustomerRecord({ officeId, name: '何双险', expiresInDays: 7 }));
    const policyIds = saved.policies.map((p) => p.id);
    expect(policyIds).toHaveLength(2);
    const mine = (await list('agent_a', 'all')).tasks.filter((t) => t.customerId === saved.id);
    expect(mine.map((t) => t.step).sort()).toEqual(['lapsed_follow_up', 'renewal_link']);
    for (const t of mine) expect(t.policies.map((p) => p.kind)).toEqual(['compulsory', 'commercial']);
    const link = mine.find((t) => t.step === 'renewal_link')!;
    expect(link.policies.map((p) => p.policyId).sort()).toEqual([...policyIds].sort());

    // A call back five weeks ahead stays in the week's list (已约回访), for both policies.
    const later = await outcome('agent_a', link.id, { outcome: 'callback', callbackOn: day(35) });
    expect(later.status).toBe(200);
    const booked = (await list('agent_a', 'week')).tasks.filter((t) => t.customerId === saved.id);
    expect(booked.map((t) => `${t.step}@${t.dueOn}:${t.outcome}:${t.policies.length}`)).toEqual([`renewal_link@${day(35)}:callback:2`]);

    // Worked early, on the other policy's row: renewed settles both and closes both policies' later steps.
    const other = booked[0]!.policies.find((p) => p.taskId !== link.id)!.taskId;
    const renewed = await outcome('agent_a', other, { outcome: 'renewed' });
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({ status: 'done', outcome: 'renewed' });
    expect((await list('root', 'all')).tasks.filter((t) => t.customerId === saved.id)).toEqual([]);
    expect((await outcome('agent_a', link.id, { outcome: 'declined', reason: 'price' })).status).toBe(409);
  });
});
