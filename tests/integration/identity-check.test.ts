import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createIdentityCheck, type IdentityCheck } from '../../server/customers/identity-check.js';
import { conversationCustomerProfile } from '../../server/customers/customer-profile.js';
import { writeCustomerRecord } from '../../server/customers/customer-records.js';
import { putCustomerRecord as putRecordAt } from '../../server/customers/customer-put.js';
import { migrateServer } from '../../server/db/migrate.js';
import { SERVER_MIGRATIONS } from '../../server/db/migrations/index.js';
import { openSqlClient, type SqlClient } from '../../server/db/sql-client.js';
import { HttpError } from '../../server/http/http-error.js';
import { DEFAULT_IDENTITY_CHECK } from '../../shared/domain/identity-check.js';
import { maskPhone } from '../../shared/domain/masking.js';
import type { AccountView } from '../../shared/head-office/auth.js';
import { api, freshStore, setupAdmin, startOfficeHeadOffice, ADMIN_PASSWORD, type RunningHeadOffice } from '../support/head-office-process.js';
import { liveAgent } from '../support/live-agent.js';
import { ROOT } from '../support/service-process.js';
import { putCustomerRecord, sampleCustomerRecord, makeIdNumber, uniqueMobile } from '../support/customer-records.js';
import { smsCodeSentTo } from '../support/sms-log.js';
import { waitFor, webChatCustomer } from '../support/webchat-customer.js';

const PASSWORD = 'Zuoxi#2026-test';
/** Short enough to watch a verification expire, long enough for the calls made while it lasts. */
const VERIFIED_SECONDS = 6;

/**
 * The identity check (身份核实) against the real head-office process: a
 * web chat customer linked to a customer record, the agent serving them,
 * another agent of the office, and their lead.
 */
describe('identity check and unmasking at head office', () => {
  let ho: RunningHeadOffice;
  let base: string;
  let dataDir: string;
  let officeId: string;
  let lead: string;
  let other: string;
  let foreignLead: string;
  let foreignOffice: string;
  let admin: string;
  let agent: Awaited<ReturnType<typeof liveAgent>>;
  const customers: { close(): void }[] = [];

  beforeAll(async () => {
    const started = await startOfficeHeadOffice(
      { code: 'NJ01', name: '南京分公司' },
      [
        ['agent_v', '周核实', 'agent'],
        ['agent_o', '吴旁人', 'agent'],
        ['lead_v', '郑组长', 'lead'],
      ],
      PASSWORD,
      { MOTORDESK_VERIFICATION_TTL_SECONDS: String(VERIFIED_SECONDS), MOTORDESK_VERIFICATION_LOCK_SECONDS: '600' },
    );
    ({ ho, dataDir, officeId } = started);
    admin = started.rootToken;
    base = ho.url;
    // A lead of another office, who sees none of this office's customers.
    foreignOffice = (await api(base, 'POST', '/api/offices', { code: 'SH02', name: '上海分公司' }, started.rootToken)).body.id;
    await api(base, 'POST', '/api/accounts', { login: 'lead_sh', displayName: '何组长', role: 'lead', officeId: foreignOffice, password: PASSWORD }, started.rootToken);
    foreignLead = (await api(base, 'POST', '/api/auth/login', { login: 'lead_sh', password: PASSWORD })).body.accessToken;
    lead = (await api(base, 'POST', '/api/auth/login', { login: 'lead_v', password: PASSWORD })).body.accessToken;
    other = (await api(base, 'POST', '/api/auth/login', { login: 'agent_o', password: PASSWORD })).body.accessToken;
    agent = await liveAgent(base, 'agent_v', PASSWORD);
  }, 60_000);
  afterAll(async () => {
    for (const c of customers) c.close();
    agent?.close();
    await ho?.stop();
  });

  /** A customer record, a web chat from that customer routed to agent_v, linked to the record. */
  const chattingCustomer = async (o: Parameters<typeof sampleCustomerRecord>[0] = {}) => {
    const saved = await putCustomerRecord(base, lead, sampleCustomerRecord({ officeId, ...o }));
    const chat = await webChatCustomer(base, { name: saved.record.name });
    customers.push(chat);
    await chat.send('你好，我想查一下我的保单', 'renewal');
    const conv = await waitFor(async () => (await agent.conversations()).find((c) => c.customerName === saved.record.name && !(c as { customerId?: string }).customerId), 10_000, 'the chat routed to agent_v');
    const linked = await api(base, 'POST', `/api/conversations/${conv.id}/link-customer`, { phone: saved.record.phone }, agent.token);
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    return { ...saved, conversationId: conv.id };
  };
  const answer = (conversationId: string, step: string, value: string, token = agent.token) =>
    api(base, 'POST', `/api/conversations/${conversationId}/verification/answer`, { step, answer: value }, token);
  const reveal = (conversationId: string, token = agent.token) => api(base, 'POST', `/api/conversations/${conversationId}/customer/reveal`, {}, token);
  /** The code the customer's phone received: the last SMS line to that number. */
  const codeSentTo = (phone: string) => smsCodeSentTo(dataDir, phone);
  /** The customer's audit entries, oldest first, as their office's lead searches them (each action on its own: reveals can be many). */
  const auditOf = async (customerId: string) => {
    const entries: { seq: number; action: string; actorLogin: string; detail: Record<string, unknown> }[] = [];
    for (const action of ['verification.attempt', 'verification.code_sent', 'verification.code_refused', 'verification.locked', 'pii.reveal', 'policy.view']) {
      const res = await api(base, 'GET', `/api/audit?subject=${customerId}&action=${action}&limit=200`, undefined, lead);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      entries.push(...res.body.entries);
    }
    return entries.sort((a, b) => a.seq - b.seq);
  };

  it('shows the linked customer masked, refuses to reveal before verification, and reveals only in between verification and its expiry', async () => {
    const c = await chattingCustomer();
    const { record } = c;
    const plate = record.vehicles[0]!.plate;

    const masked = await api(base, 'GET', `/api/conversations/${c.conversationId}/customer`, undefined, agent.token);
    expect(masked.status, JSON.stringify(masked.body)).toBe(200);
    const text = JSON.stringify(masked.body);
    for (const clear of [record.phone, record.idNumber, plate, plate.replace('·', ''), ...record.policies.map((p) => p.policyNo)]) expect(text).not.toContain(clear);
    expect(masked.body.phoneMasked).toBe(`${record.phone.slice(0, 3)}****${record.phone.slice(-4)}`);
    expect(masked.body.idNumberMasked).toBe(`${record.idNumber.slice(0, 4)}**********${record.idNumber.slice(-4)}`);
    expect(masked.body.vehicles[0]).toMatchObject({ model: record.vehicles[0]!.model, ageYears: expect.any(Number) });
    expect(masked.body.policies.map((p: { coverages: unknown }) => p.coverages)).toEqual([null, null]);
    expect(masked.body.verification).toMatchObject({ state: 'unverified', passed: [], attemptsLeft: 3, lockedUntil: null });
    expect(masked.body.contacts).toEqual([expect.objectContaining({ conversationId: c.conversationId, channel: 'webchat', current: true })]);

    const refused = await reveal(c.conversationId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_VERIFIED');

    // The customer states the plate the way people type it; then the last four of the ID number.
    expect((await answer(c.conversationId, 'policy', plate.replace('·', ' ').toLowerCase())).body).toMatchObject({ passed: true, status: { state: 'partial', passed: ['policy'] } });
    expect((await answer(c.conversationId, 'id_last4', record.idNumber.slice(-4))).body).toMatchObject({ passed: true, status: { passed: ['policy', 'id_last4'] } });
    expect((await reveal(c.conversationId)).body.error.code).toBe('NOT_VERIFIED');

    // No code sent yet: answering one is the agent's slip and costs the customer nothing.
    const early = await answer(c.conversationId, 'sms_code', '123456');
    expect(early.status).toBe(409);
    const sent = await api(base, 'POST', `/api/conversations/${c.conversationId}/verification/code`, {}, agent.token);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.code).toMatchObject({ sends: 1, sentToMasked: `${record.phone.slice(0, 3)}****${record.phone.slice(-4)}` });
    const code = await waitFor(() => codeSentTo(record.phone), 5_000, 'the code in the SMS log');
    // Sending again at once is refused (one code at a time, resend limited).
    expect((await api(base, 'POST', `/api/conversations/${c.conversationId}/verification/code`, {}, agent.token)).status).toBe(429);

    const verified = await answer(c.conversationId, 'sms_code', code.split('').join(' '));
    expect(verified.body).toMatchObject({ passed: true, status: { state: 'verified', attemptsLeft: 3 } });
    const { verifiedAt, expiresAt } = verified.body.status;
    expect(expiresAt - verifiedAt).toBe(VERIFIED_SECONDS * 1000);

    const clear = await reveal(c.conversationId);
    expect(clear.status, JSON.stringify(clear.body)).toBe(200);
    expect(clear.body).toMatchObject({ phone: record.phone, idNumber: record.idNumber, vehicles: [{ plate }] });
    expect(clear.body.policies.map((p: { policyNo: string }) => p.policyNo).sort()).toEqual(record.policies.map((p) => p.policyNo).sort());
    const commercial = clear.body.policies.find((p: { kind: string }) => p.kind === 'commercial');
    expect(commercial.coverages).toContainEqual({ code: 'third_party', limitYuan: 1_000_000 });
    expect(commercial.changes).toEqual([expect.objectContaining({ what: '变更联系电话' })]);
    const detailed = await api(base, 'GET', `/api/conversations/${c.conversationId}/customer`, undefined, agent.token);
    expect(detailed.body.verification.state).toBe('verified');
    expect(detailed.body.policies.every((p: { coverages: unknown[] | null }) => Array.isArray(p.coverages) && p.coverages.length > 0)).toBe(true);
    // Still masked in the profile itself: clear values come only from the audited reveal.
    expect(JSON.stringify(detailed.body)).not.toContain(record.phone);

    // Someone else: another agent does not see the conversation at all; the lead sees it masked but cannot reveal.
    expect((await api(base, 'GET', `/api/conversations/${c.conversationId}/customer`, undefined, other)).status).toBe(404);
    expect((await reveal(c.conversationId, other)).status).toBe(404);
    expect((await answer(c.conversationId, 'id_last4', '0000', other)).status).toBe(404);
    const watched = await api(base, 'GET', `/api/conversations/${c.conversationId}/customer`, undefined, lead);
    expect(watched.status).toBe(200);
    // The lead sees that the customer is verified, not the policy details the agent's check opened.
    expect(watched.body.verification.state).toBe('verified');
    expect(watched.body.policies.map((p: { coverages: unknown }) => p.coverages)).toEqual([null, null]);
    expect((await reveal(c.conversationId, lead)).status).toBe(403);
    expect((await api(base, 'GET', `/api/conversations/${c.conversationId}/customer`, undefined, foreignLead)).status).toBe(404);
    expect((await api(base, 'PUT', `/api/customers/${c.id}`, { ...record, officeId: foreignOffice }, foreignLead)).status).toBe(403);

    // After the verification's time: refused again, and the panel's policy details are closed.
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now())));
    await waitFor(async () => (await reveal(c.conversationId)).body?.error?.code === 'VERIFICATION_EXPIRED', 5_000, 'the verification to expire');
    const after = await api(base, 'GET', `/api/conversations/${c.conversationId}/customer`, undefined, agent.token);
    expect(after.body.verification.state).toBe('expired');
    expect(after.body.policies.every((p: { coverages: unknown }) => p.coverages === null)).toBe(true);

    const audit = await auditOf(c.id);
    const attempts = audit.filter((e) => e.action === 'verification.attempt').map((e) => [e.detail.step, e.detail.outcome]);
    // The code answered before one was sent counted for nothing, but is on record like every attempt.
    expect(attempts).toEqual([
      ['policy', 'passed'],
      ['id_last4', 'passed'],
      ['sms_code', 'refused'],
      ['sms_code', 'passed'],
    ]);
    expect(audit.filter((e) => e.action === 'verification.code_sent')).toHaveLength(1);
    // The resend asked for too soon was refused, and that is on record too.
    expect(audit.filter((e) => e.action === 'verification.code_refused').map((e) => e.detail.reason)).toEqual(['too_soon']);
    const reveals = audit.filter((e) => e.action === 'pii.reveal').map((e) => e.detail.outcome ?? e.detail.reason);
    expect(reveals[0]).toBe('refused');
    expect(reveals).toContain('revealed');
    expect(audit.filter((e) => e.action === 'pii.reveal' && e.detail.outcome === 'revealed').every((e) => e.actorLogin === 'agent_v')).toBe(true);
    expect(audit.filter((e) => e.action === 'pii.reveal' && e.detail.reason === 'VERIFICATION_EXPIRED').length).toBeGreaterThan(0);
    // The log never holds a clear identifier, nor the code.
    const logged = JSON.stringify(audit);
    for (const secret of [record.phone, record.idNumber, code]) expect(logged).not.toContain(secret);
  }, 60_000);

  it('puts linking a conversation to a customer by mobile number on the audit log, masked, and shows a linked stranger no claim or history detail', async () => {
    const c = await chattingCustomer({ name: '褚关联' });
    const res = await api(base, 'GET', `/api/audit?subject=${c.id}&action=customer.link&limit=20`, undefined, lead);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.entries).toEqual([
      expect.objectContaining({ action: 'customer.link', actorLogin: 'agent_v', detail: expect.objectContaining({ conversationId: c.conversationId, phoneMasked: maskPhone(c.record.phone) }) }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(c.record.phone);
    // Before the check the panel names what and when only: not what the customer wrote elsewhere.
    const profile = await api(base, 'GET', `/api/conversations/${c.conversationId}/customer`, undefined, agent.token);
    expect(profile.body.detailsMasked).toBe(true);
    expect(JSON.stringify(profile.body.contacts)).not.toContain('我想查一下我的保单');
  }, 30_000);

  it('ends the verification with the conversation', async () => {
    const c = await chattingCustomer({ name: '冯结束' });
    expect((await answer(c.conversationId, 'policy', c.record.policies[1]!.policyNo.toLowerCase())).body.passed).toBe(true);
    expect((await answer(c.conversationId, 'id_last4', c.record.idNumber.slice(-4))).body.passed).toBe(true);
    expect((await api(base, 'POST', `/api/conversations/${c.conversationId}/verification/code`, {}, agent.token)).status).toBe(200);
    const code = await waitFor(() => codeSentTo(c.record.phone), 5_000, 'the code in the SMS log');
    expect((await answer(c.conversationId, 'sms_code', code)).body.status.state).toBe('verified');
    expect((await reveal(c.conversationId)).status).toBe(200);

    const closed = await api(base, 'POST', '/api/sync/push', { clientId: crypto.randomUUID(), epoch: null, mutations: [{ mutationId: 1, name: 'conversation.close', args: { id: c.conversationId } }] }, agent.token);
    expect(closed.body.results.map((r: { status: string }) => r.status)).toEqual(['applied']);
    const after = await reveal(c.conversationId);
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe('VERIFICATION_EXPIRED');
    expect((await api(base, 'GET', `/api/conversations/${c.conversationId}/verification`, undefined, agent.token)).body.state).toBe('expired');
    expect((await answer(c.conversationId, 'id_last4', c.record.idNumber.slice(-4))).status).toBe(409);
  }, 30_000);

  it('locks the check for the customer after three wrong answers, in any steps, and says until when', async () => {
    const c = await chattingCustomer({ name: '钱错三' });
    expect((await answer(c.conversationId, 'id_last4', '0000')).body).toMatchObject({ passed: false, status: { attemptsLeft: 2 } });
    expect((await answer(c.conversationId, 'policy', '沪Z·99999')).body).toMatchObject({ passed: false, status: { attemptsLeft: 1 } });
    const third = await answer(c.conversationId, 'id_last4', '1111');
    expect(third.body).toMatchObject({ passed: false, status: { attemptsLeft: 0 } });
    const until = third.body.status.lockedUntil as number;
    expect(until - Date.now()).toBeGreaterThan(590_000);

    // Even the right answer is refused now, and so is sending a code.
    const locked = await answer(c.conversationId, 'id_last4', c.record.idNumber.slice(-4));
    expect(locked.status).toBe(423);
    expect(locked.body.error).toMatchObject({ code: 'VERIFICATION_LOCKED', issues: [{ path: 'lockedUntil', message: new Date(until).toISOString() }] });
    expect((await api(base, 'POST', `/api/conversations/${c.conversationId}/verification/code`, {}, agent.token)).body.error.code).toBe('VERIFICATION_LOCKED');
    expect(codeSentTo(c.record.phone)).toBeUndefined();
    expect((await reveal(c.conversationId)).body.error.code).toBe('NOT_VERIFIED');

    const audit = await auditOf(c.id);
    expect(audit.filter((e) => e.action === 'verification.attempt').map((e) => e.detail.outcome)).toEqual(['failed', 'failed', 'failed', 'refused_locked']);
    expect(audit.filter((e) => e.action === 'verification.locked')).toEqual([expect.objectContaining({ detail: expect.objectContaining({ lockedUntil: new Date(until).toISOString() }) })]);
  }, 30_000);

  it('puts whole customer records for leads of the office, refusing bad input with the field named and writing nothing', async () => {
    const record = sampleCustomerRecord({ officeId });
    const id = crypto.randomUUID();
    const bad = await api(base, 'PUT', `/api/customers/${id}`, { ...record, idNumber: `${record.idNumber.slice(0, 17)}${record.idNumber[17] === '0' ? '1' : '0'}` }, lead);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['idNumber']);
    const badPlate = await api(base, 'PUT', `/api/customers/${id}`, { ...record, policies: [{ ...record.policies[0]!, plate: '京A·00000' }] }, lead);
    expect(badPlate.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['policies.0.plate']);
    const badCover = await api(base, 'PUT', `/api/customers/${id}`, { ...record, policies: [{ ...record.policies[1]!, coverages: [{ code: 'third_party', limitYuan: null }] }] }, lead);
    expect(badCover.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['policies.0.coverages']);
    // Nothing was written: the phone is still free for another record.
    const chat = await api(base, 'POST', '/api/customers', { name: '孙空号', phone: record.phone }, lead);
    expect(chat.status).toBe(201);

    const fresh = sampleCustomerRecord({ officeId });
    expect((await api(base, 'PUT', `/api/customers/${id}`, fresh, other)).status).toBe(403);
    expect((await api(base, 'PUT', `/api/customers/${id}`, { ...fresh, officeId: null }, lead)).status).toBe(403);
    const first = await putCustomerRecord(base, lead, fresh, id);
    // Put again with a policy renewed: the same rows are changed in place, nothing doubled.
    const renewed = { ...fresh, policies: fresh.policies.map((p) => ({ ...p, status: 'expired' as const })) };
    const again = await putCustomerRecord(base, lead, renewed, id);
    expect(again.policies.map((p) => p.id)).toEqual(first.policies.map((p) => p.id));
    expect(again.vehicles.map((v) => v.id)).toEqual(first.vehicles.map((v) => v.id));
    // Another customer cannot take this one's policy number.
    const thief = sampleCustomerRecord({ officeId });
    const stolen = await api(base, 'PUT', `/api/customers/${crypto.randomUUID()}`, { ...thief, policies: [{ ...fresh.policies[0]!, plate: thief.vehicles[0]!.plate }] }, lead);
    expect(stolen.status).toBe(409);
    expect(stolen.body.error.issues).toEqual([expect.objectContaining({ path: 'policies.0.policyNo' })]);
  }, 30_000);
});

describe('customer records at head office', () => {
  let ho: RunningHeadOffice;
  let base: string;
  let officeId: string;
  let foreignOffice: string;
  let admin: string;
  let lead: string;
  let foreignLead: string;

  beforeAll(async () => {
    const started = await startOfficeHeadOffice({ code: 'NJ01', name: '南京分公司' }, [['lead_r', '陶组长', 'lead']], PASSWORD);
    ({ ho, officeId } = started);
    base = ho.url;
    admin = started.rootToken;
    foreignOffice = (await api(base, 'POST', '/api/offices', { code: 'SH02', name: '上海分公司' }, admin)).body.id;
    await api(base, 'POST', '/api/accounts', { login: 'lead_rs', displayName: '柏组长', role: 'lead', officeId: foreignOffice, password: PASSWORD }, admin);
    foreignLead = (await api(base, 'POST', '/api/auth/login', { login: 'lead_rs', password: PASSWORD })).body.accessToken;
    lead = (await api(base, 'POST', '/api/auth/login', { login: 'lead_r', password: PASSWORD })).body.accessToken;
  }, 60_000);
  afterAll(async () => {
    await ho?.stop();
  });

  const put = (id: string, record: object, token: string) => api(base, 'PUT', `/api/customers/${id}`, record, token);

  it('leaves records no office keeps to administrators and puts every write on the audit log, masked', async () => {
    // A lead's bare record from a chat is kept by the lead's office: a lead elsewhere cannot take it.
    const phone = uniqueMobile();
    const bare = await api(base, 'POST', '/api/customers', { name: '褚来电', phone }, lead);
    expect(bare.status, JSON.stringify(bare.body)).toBe(201);
    expect((await put(bare.body.id, { ...sampleCustomerRecord({ officeId: foreignOffice }), phone }, foreignLead)).status).toBe(403);
    expect((await put(bare.body.id, { ...sampleCustomerRecord({ officeId }), phone }, lead)).status).toBe(200);

    // A record kept by no office: no lead takes it over (and so redirects its SMS code), not even into their own office.
    const orphan = sampleCustomerRecord({ officeId: null });
    const id = randomUUID();
    expect((await put(id, orphan, admin)).status).toBe(200);
    const hijack = { ...orphan, officeId: foreignOffice, phone: uniqueMobile() };
    expect((await put(id, hijack, foreignLead)).status).toBe(403);
    expect((await put(id, { ...hijack, officeId }, lead)).status).toBe(403);
    expect((await put(id, { ...orphan, officeId: null }, lead)).status).toBe(403);
    // An administrator gives it to an office; its lead keeps it from then on.
    expect((await put(id, { ...orphan, officeId }, admin)).status).toBe(200);
    const newPhone = uniqueMobile();
    expect((await put(id, { ...orphan, officeId, phone: newPhone }, lead)).status).toBe(200);

    const res = await api(base, 'GET', `/api/audit?subject=${id}&action=customer.record&limit=50`, undefined, admin);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const entries = (res.body.entries as { seq: number; actorLogin: string; detail: Record<string, any> }[]).sort((a, b) => a.seq - b.seq);
    expect(entries.map((e) => [e.actorLogin, e.detail.before?.officeId ?? null, e.detail.after.officeId, e.detail.identityChanged])).toEqual([
      ['root', null, null, false],
      ['root', null, officeId, false],
      ['lead_r', officeId, officeId, true],
    ]);
    expect(entries[2]!.detail).toMatchObject({ before: { phone: maskPhone(orphan.phone) }, after: { phone: maskPhone(newPhone) }, actingOfficeId: officeId });
    const logged = JSON.stringify(entries);
    for (const clear of [orphan.phone, newPhone, orphan.idNumber, orphan.vehicles[0]!.plate, ...orphan.policies.map((p) => p.policyNo)]) expect(logged).not.toContain(clear);
  }, 30_000);

  it('answers writers racing for one mobile or policy number with a conflict that names no office', async () => {
    for (let round = 0; round < 3; round++) {
      const phone = uniqueMobile();
      const racing = await Promise.all([put(randomUUID(), sampleCustomerRecord({ officeId, phone }), lead), put(randomUUID(), sampleCustomerRecord({ officeId: foreignOffice, phone }), admin)]);
      expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
      const refused = racing.find((r) => r.status === 409)!;
      expect(JSON.stringify(refused.body)).not.toMatch(/office|Key \(|\d{11}/);

      const one = sampleCustomerRecord({ officeId });
      const other = sampleCustomerRecord({ officeId });
      const shared = { ...other, policies: [{ ...one.policies[0]!, plate: other.vehicles[0]!.plate }] };
      const byPolicy = await Promise.all([put(randomUUID(), one, lead), put(randomUUID(), shared, lead)]);
      expect(byPolicy.map((r) => r.status).sort()).toEqual([200, 409]);
    }
  }, 60_000);
});

describe('import-customers command', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

  it('loads the shipped sample, all records or none, naming the bad record and field', async () => {
    const { dataDir } = await freshStore('pglite');
    expect((await setupAdmin(dataDir, 'root', ADMIN_PASSWORD)).code).toBe(0);
    const sample = JSON.parse(readFileSync(join(ROOT, 'resources/customers/sample-customers.json'), 'utf8')) as { id: string; idNumber: string; officeCode: string | null }[];
    // Offices are named by code: the sample's are not here, so the records go to head office itself.
    const local = sample.map((r) => ({ ...r, officeCode: null }));
    const broken = local.map((r, i) => (i === 5 ? { ...r, idNumber: makeIdNumber().slice(0, 17) } : r));
    const dir = mkdtempSync(join(tmpdir(), 'motordesk-import-'));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    writeFileSync(join(dir, 'good.json'), JSON.stringify(local));

    const refused = cli(['import-customers', join(dir, 'broken.json'), '--data', dataDir]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('record 5 (idNumber)');
    const db = await openSqlClient({ dataDir });
    try {
      expect(await db.query('SELECT count(*)::int AS n FROM customers')).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }

    const done = cli(['import-customers', join(dir, 'good.json'), '--data', dataDir]);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain(`imported ${sample.length} customers`);
    // Loading it again changes records in place.
    expect(cli(['import-customers', join(dir, 'good.json'), '--data', dataDir]).status).toBe(0);
    const again = await openSqlClient({ dataDir });
    try {
      const [counts] = await again.query<{ c: number; p: number }>('SELECT (SELECT count(*)::int FROM customers) AS c, (SELECT count(*)::int FROM policies) AS p');
      expect(counts!.c).toBe(sample.length);
      expect(counts!.p).toBeGreaterThanOrEqual(sample.length);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('files records without an office under --office, and says in one line to stop a running head office first', async () => {
    const { dataDir } = await freshStore('pglite');
    expect((await setupAdmin(dataDir, 'root', ADMIN_PASSWORD)).code).toBe(0);
    const sample = JSON.parse(readFileSync(join(ROOT, 'resources/customers/sample-customers.json'), 'utf8')) as { id: string; officeCode: string | null }[];
    const dir = mkdtempSync(join(tmpdir(), 'motordesk-import-'));
    const file = join(dir, 'sample.json');
    writeFileSync(file, JSON.stringify(sample.map((r) => ({ ...r, officeCode: null }))));
    const help = cli(['import-customers']);
    expect(help.status).toBe(2);
    expect(help.stderr).toContain('--office CODE');

    // The data folder in use by another process (here: this test's own client): nothing imported, no stack trace.
    const held = await openSqlClient({ dataDir });
    let officeId: string;
    try {
      officeId = randomUUID();
      await held.query('INSERT INTO offices (id, code, name) VALUES ($1, $2, $3)', [officeId, 'NJ01', '南京分公司']);
      const busy = cli(['import-customers', file, '--office', 'NJ01', '--data', dataDir]);
      expect(busy.status).toBe(1);
      const lines = busy.stderr.trim().split('\n');
      expect(lines, busy.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^nothing imported: .*running \(process \d+\)\. Stop it first, or put the records through it with PUT \/api\/customers\/:id\.$/);
      expect(await held.query('SELECT count(*)::int AS n FROM customers')).toEqual([{ n: 0 }]);
    } finally {
      await held.close();
    }

    const unknown = cli(['import-customers', file, '--office', 'XX99', '--data', dataDir]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--office: no office has the code XX99');
    const done = cli(['import-customers', file, '--office', 'NJ01', '--data', dataDir]);
    expect(done.status, done.stderr).toBe(0);
    const db = await openSqlClient({ dataDir });
    try {
      expect(await db.query('SELECT office_id::text AS office_id, count(*)::int AS n FROM customers GROUP BY office_id')).toEqual([{ office_id: officeId, n: sample.length }]);
    } finally {
      await db.close();
    }
  }, 120_000);
});

/**
 * The identity check's rounds and limits on head office's own clock: the
 * check runs in-process against a migrated PGlite store, with a clock the
 * test moves and an SMS gateway it can make fail.
 */
describe('identity check rounds, code limits, transfers and the audit of every attempt', () => {
  const MIN = 60_000;
  let db: SqlClient;
  let t = Date.UTC(2026, 10, 26, 2, 0, 0);
  const now = () => t;
  const sent: { recipient: string; body: string }[] = [];
  let gatewayDown = false;
  const sms = {
    async send(m: { recipient: string; body: string }) {
      if (gatewayDown) throw new Error(`gateway refused ${m.recipient}`);
      sent.push(m);
    },
  };
  let identity: IdentityCheck;
  const officeA = randomUUID();
  const officeB = randomUUID();
  const account = (login: string, role: AccountView['role'], officeId: string | null): AccountView => ({ id: randomUUID(), login, displayName: login, role, officeId });
  const a1 = account('agent_a1', 'agent', officeA);
  const leadA = account('lead_a', 'lead', officeA);
  const b1 = account('agent_b1', 'agent', officeB);

  beforeAll(async () => {
    const { dataDir } = await freshStore('pglite');
    db = await openSqlClient({ dataDir });
    await migrateServer(db, SERVER_MIGRATIONS);
    await db.query('INSERT INTO offices (id, code, name) VALUES ($1, $2, $3), ($4, $5, $6)', [officeA, 'A01', '南京分公司', officeB, 'B01', '苏州分公司']);
    for (const a of [a1, leadA, b1]) {
      await db.query('INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [a.id, a.login, a.displayName, a.role, a.officeId, 'x']);
    }
    identity = createIdentityCheck(db, DEFAULT_IDENTITY_CHECK, sms, now);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const newCustomer = async () => {
    const id = randomUUID();
    const { officeId: _office, ...record } = sampleCustomerRecord({ officeId: officeA });
    await db.transaction((tx) => writeCustomerRecord(tx, id, officeA, record));
    return { id, record };
  };
  const newConversation = async (customerId: string, name: string, assignee: AccountView) => {
    const id = randomUUID();
    await db.query(`INSERT INTO conversations (id, channel, customer_id, customer_name, skill_group, state, assignee_id) VALUES ($1, 'webchat', $2, $3, 'renewal', 'assigned', $4)`, [
      id,
      customerId,
      name,
      assignee.id,
    ]);
    return id;
  };
  const lastCode = (phone: string) => /验证码为 (\d{6})/.exec(sent.filter((m) => m.recipient === phone).at(-1)!.body)![1]!;
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e as HttpError,
    );
    expect(err, 'refused').toBeInstanceOf(HttpError);
    return err!;
  };
  const verify = async (c: Awaited<ReturnType<typeof newCustomer>>, conv: string, who: AccountView) => {
    expect((await identity.answer(who, conv, { step: 'policy', answer: c.record.policies[0]!.policyNo })).passed).toBe(true);
    expect((await identity.answer(who, conv, { step: 'id_last4', answer: c.record.idNumber.slice(-4) })).passed).toBe(true);
    await identity.sendCode(who, conv);
    return identity.answer(who, conv, { step: 'sms_code', answer: lastCode(c.record.phone) });
  };
  const auditOf = (customerId: string) =>
    db.query<{ action: string; actor_login: string | null; office_id: string | null; detail: Record<string, unknown> }>(
      'SELECT action, actor_login, office_id::text AS office_id, detail FROM audit_log WHERE subject_id = $1 ORDER BY seq',
      [customerId],
    );

  it('lets the agent verify again after the verification expires in a long conversation, and caps the codes one customer receives in an hour', async () => {
    const start = t;
    const c = await newCustomer();
    const conv = await newConversation(c.id, c.record.name, a1);
    for (let i = 0; i < 3; i++) {
      await identity.sendCode(a1, conv);
      t += 61_000;
    }
    expect((await refusal(identity.sendCode(a1, conv))).code).toBe('CONFLICT');
    expect((await identity.answer(a1, conv, { step: 'policy', answer: c.record.vehicles[0]!.plate })).passed).toBe(true);
    expect((await identity.answer(a1, conv, { step: 'id_last4', answer: c.record.idNumber.slice(-4) })).passed).toBe(true);
    expect((await identity.answer(a1, conv, { step: 'sms_code', answer: lastCode(c.record.phone) })).status.state).toBe('verified');

    // Thirty-one minutes on, the conversation still going: the verification has expired and a new round may send codes.
    t += 31 * MIN;
    expect((await identity.status(a1, conv)).state).toBe('expired');
    expect((await identity.sendCode(a1, conv)).code).toMatchObject({ sends: 1 });
    t += 61_000;
    await identity.sendCode(a1, conv);
    t += 61_000;
    // Five codes within the hour: the sixth waits until the first leaves it, and the refusal says when.
    const capped = await refusal(identity.sendCode(a1, conv));
    expect(capped.code).toBe('RATE_LIMITED');
    expect(capped.issues).toEqual([{ path: 'retryAt', message: new Date(start + 60 * MIN).toISOString() }]);
    expect(capped.retryAfterSeconds).toBe(Math.ceil((start + 60 * MIN - t) / 1000));
    // The panel's status says so too, in any conversation of the customer.
    expect((await identity.status(a1, conv)).codeLimitUntil).toBe(start + 60 * MIN);
    // Another conversation of the same customer does not buy more codes.
    const second = await newConversation(c.id, c.record.name, a1);
    expect((await refusal(identity.sendCode(a1, second))).code).toBe('RATE_LIMITED');
    // The second round's code still verifies the customer.
    expect((await identity.answer(a1, conv, { step: 'policy', answer: c.record.policies[1]!.policyNo })).passed).toBe(true);
    expect((await identity.answer(a1, conv, { step: 'id_last4', answer: c.record.idNumber.slice(-4) })).passed).toBe(true);
    expect((await identity.answer(a1, conv, { step: 'sms_code', answer: lastCode(c.record.phone) })).status.state).toBe('verified');

    const audit = await auditOf(c.id);
    expect(audit.filter((e) => e.action === 'verification.code_sent')).toHaveLength(5);
    expect(audit.filter((e) => e.action === 'verification.code_refused').map((e) => e.detail.reason)).toEqual(['too_many', 'customer_limit', 'customer_limit']);
    expect(audit.filter((e) => e.action.startsWith('verification.')).every((e) => e.detail.actingOfficeId === officeA && e.office_id === officeA)).toBe(true);
    t += 2 * 60 * MIN;
  });

  it('ends a verification with a transfer: the agent now serving verifies again, and nobody else sees coverages or clear values', async () => {
    const c = await newCustomer();
    const conv = await newConversation(c.id, c.record.name, a1);
    expect((await verify(c, conv, a1)).status.state).toBe('verified');
    expect((await identity.reveal(a1, conv)).phone).toBe(c.record.phone);
    const own = await conversationCustomerProfile(db, identity, a1, conv, now);
    expect(own.policies.every((p) => Array.isArray(p.coverages))).toBe(true);
    // The lead watching sees the check's state, never the policy details.
    const watched = await conversationCustomerProfile(db, identity, leadA, conv, now);
    expect(watched.verification.state).toBe('verified');
    expect(watched.policies.map((p) => p.coverages)).toEqual([null, null]);

    // Transferred to an agent of another office while the verification would still hold.
    t += MIN;
    await db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [conv, b1.id]);
    expect((await refusal(identity.reveal(b1, conv))).code).toBe('NOT_VERIFIED');
    const theirs = await conversationCustomerProfile(db, identity, b1, conv, now);
    expect(theirs.verification).toMatchObject({ state: 'unverified', passed: [], code: null });
    expect(theirs.policies.map((p) => p.coverages)).toEqual([null, null]);
    expect((await refusal(identity.reveal(a1, conv))).code).toBe('NOT_FOUND');

    t += 61_000;
    expect((await verify(c, conv, b1)).status.state).toBe('verified');
    expect((await identity.reveal(b1, conv)).idNumber).toBe(c.record.idNumber);
    const reveals = (await auditOf(c.id)).filter((e) => e.action === 'pii.reveal');
    expect(reveals.map((e) => [e.actor_login, e.detail.outcome, e.detail.actingOfficeId, e.office_id])).toEqual([
      ['agent_a1', 'revealed', officeA, officeA],
      ['agent_b1', 'refused', officeB, officeA],
      ['agent_b1', 'revealed', officeB, officeA],
    ]);
    t += 2 * 60 * MIN;
  });

  it('shows claims and service history before the check only as what and when, and records policy.view once per round and policy, not per refresh', async () => {
    const c = await newCustomer();
    const conv = await newConversation(c.id, c.record.name, a1);
    await db.query('UPDATE conversations SET last_message_preview = $2 WHERE id = $1', [conv, '我上周在新街口追尾了，对方车损很重']);
    const [policy] = await db.query<{ id: string }>('SELECT id FROM policies WHERE customer_id = $1 ORDER BY policy_no LIMIT 1', [c.id]);
    const claimNo = `BA${String(t).slice(-12)}01`;
    await db.query(
      `INSERT INTO claims (id, claim_no, customer_id, policy_id, conversation_id, office_id, type, stage, accident_at, place, account, damage, reported_at, late, expected_from, expected_to, created_by, payout_yuan)
       VALUES ($1, $2, $3, $4, $5, $6, 'traffic', 'settled', $7, '新街口', '追尾', '后保险杠', $7, false, '2026-11-27', '2026-12-03', $8, 8600)`,
      [randomUUID(), claimNo, c.id, policy!.id, conv, officeA, new Date(t - 60 * MIN), a1.id],
    );
    const policyViews = async () => (await auditOf(c.id)).filter((e) => e.action === 'policy.view');

    const masked = await conversationCustomerProfile(db, identity, a1, conv, now);
    expect(masked.detailsMasked).toBe(true);
    expect(masked.claims).toEqual([expect.objectContaining({ stage: 'settled', claimNo: expect.stringMatching(/^BA\d{2}\*+\d{4}$/) })]);
    expect(JSON.stringify(masked)).not.toContain(claimNo);
    expect(JSON.stringify(masked)).not.toContain('追尾');
    expect(masked.contacts).toEqual([expect.objectContaining({ conversationId: conv, subject: '续保服务' })]);
    await conversationCustomerProfile(db, identity, a1, conv, now);
    expect(await policyViews()).toEqual([]);

    expect((await verify(c, conv, a1)).status.state).toBe('verified');
    // The panel refreshes again and again while verified: one view per policy on record for this round.
    for (let i = 0; i < 4; i++) {
      const shown = await conversationCustomerProfile(db, identity, a1, conv, now);
      expect(shown.detailsMasked).toBe(false);
      expect(shown.claims[0]!.claimNo).toBe(claimNo);
      expect(shown.contacts[0]!.subject).toContain('追尾');
      t += MIN;
    }
    // Refreshes racing each other write one entry too.
    await Promise.all([1, 2, 3].map(() => conversationCustomerProfile(db, identity, a1, conv, now)));
    const first = await policyViews();
    expect(first).toHaveLength(1);
    expect((first[0]!.detail.policyIds as string[]).length).toBe(c.record.policies.length);
    expect(first[0]!.detail).toMatchObject({ conversationId: conv, policies: c.record.policies.length });
    // The lead watching opens no coverages and writes no view.
    await conversationCustomerProfile(db, identity, leadA, conv, now);
    expect(await policyViews()).toHaveLength(1);

    // A new round after expiry shows the coverages again: that is a new view on record, once.
    t += 31 * MIN;
    expect((await conversationCustomerProfile(db, identity, a1, conv, now)).detailsMasked).toBe(true);
    expect((await verify(c, conv, a1)).status.state).toBe('verified');
    await conversationCustomerProfile(db, identity, a1, conv, now);
    await conversationCustomerProfile(db, identity, a1, conv, now);
    expect(await policyViews()).toHaveLength(2);
    t += 2 * 60 * MIN;
  });

  it('lets the agent serving a conversation check a record no office keeps, as the cross-sell rule does, filing the audit under the agent\'s office', async () => {
    const id = randomUUID();
    const { officeId: _none, ...record } = sampleCustomerRecord({ officeId: null });
    await db.transaction((tx) => writeCustomerRecord(tx, id, null, record));
    const conv = await newConversation(id, record.name, a1);
    expect((await verify({ id, record }, conv, a1)).status.state).toBe('verified');
    expect((await identity.reveal(a1, conv)).phone).toBe(record.phone);
    // The lead of the serving agent's office watches; an agent of another office does not see it at all.
    expect((await conversationCustomerProfile(db, identity, leadA, conv, now)).customerId).toBe(id);
    expect((await refusal(conversationCustomerProfile(db, identity, b1, conv, now))).code).toBe('NOT_FOUND');
    const audit = await auditOf(id);
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => e.office_id === officeA && e.detail.actingOfficeId === officeA)).toBe(true);
    t += 2 * 60 * MIN;
  });

  it('puts every refused attempt and every undelivered code on the audit log', async () => {
    const c = await newCustomer();
    const conv = await newConversation(c.id, c.record.name, a1);
    expect((await refusal(identity.answer(a1, conv, { step: 'sms_code', answer: '123456' }))).code).toBe('CONFLICT');

    gatewayDown = true;
    try {
      expect((await refusal(identity.sendCode(a1, conv))).code).toBe('CONFLICT');
    } finally {
      gatewayDown = false;
    }
    // The code that never went counts against nothing: another goes at once.
    expect((await identity.sendCode(a1, conv)).code).toMatchObject({ sends: 1 });

    for (const wrong of ['0000', '1111', '2222']) await identity.answer(a1, conv, { step: 'id_last4', answer: wrong });
    expect((await refusal(identity.sendCode(a1, conv))).code).toBe('VERIFICATION_LOCKED');

    const audit = await auditOf(c.id);
    expect(audit.map((e) => [e.action, e.detail.outcome ?? e.detail.reason ?? null])).toEqual([
      ['verification.attempt', 'refused'],
      ['verification.code_sent', null],
      ['verification.code_failed', expect.any(String)],
      ['verification.code_sent', null],
      ['verification.attempt', 'failed'],
      ['verification.attempt', 'failed'],
      ['verification.attempt', 'failed'],
      ['verification.locked', null],
      ['verification.code_refused', 'locked'],
    ]);
    expect(audit[0]!.detail).toMatchObject({ step: 'sms_code', reason: 'no_code' });
    // Nothing in clear, not even in the gateway's error.
    expect(JSON.stringify(audit)).not.toContain(c.record.phone);
    t += 2 * 60 * MIN;
  });

  it('runs a record write that lost a unique key to a concurrent writer again, and answers a conflict without the database\'s detail', async () => {
    const raceLost = () => Object.assign(new Error('duplicate key value violates unique constraint "customers_phone_key"'), { code: '23505', detail: 'Key (phone)=(13912345678) already exists.' });
    let lost = 0;
    // The database as a concurrent writer leaves it: the first `lose` transactions fail at the unique key.
    const racing = (lose: number) =>
      new Proxy(db, {
        get(target, prop) {
          if (prop === 'transaction') return (fn: Parameters<SqlClient['transaction']>[0]) => (lost++ < lose ? Promise.reject(raceLost()) : target.transaction(fn));
          const value = Reflect.get(target, prop) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    const record = sampleCustomerRecord({ officeId: officeA });
    const saved = await putRecordAt(racing(1), leadA, randomUUID(), record);
    expect(saved.policies).toHaveLength(2);
    lost = 0;
    const refused = await refusal(putRecordAt(racing(10), leadA, randomUUID(), sampleCustomerRecord({ officeId: officeA })));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).not.toMatch(/Key|\d{6}|office/);
  });

  it('voids the checks on record when the phone or ID number of the record changes', async () => {
    const c = await newCustomer();
    const conv = await newConversation(c.id, c.record.name, a1);
    expect((await verify(c, conv, a1)).status.state).toBe('verified');
    const record = { ...c.record, phone: uniqueMobile() };
    const written = await db.transaction((tx) => writeCustomerRecord(tx, c.id, officeA, record));
    expect(written).toMatchObject({ identityChanged: true, before: { phone: maskPhone(c.record.phone) }, after: { phone: maskPhone(record.phone) } });
    expect((await identity.status(a1, conv)).state).toBe('unverified');
    expect((await refusal(identity.reveal(a1, conv))).code).toBe('NOT_VERIFIED');
    // The same record again (nothing identifying changed) voids nothing.
    t += 61_000;
    expect((await verify({ ...c, record: { ...c.record, phone: record.phone } }, conv, a1)).status.state).toBe('verified');
    expect((await db.transaction((tx) => writeCustomerRecord(tx, c.id, officeA, record))).identityChanged).toBe(false);
    expect((await identity.status(a1, conv)).state).toBe('verified');
  });
});
