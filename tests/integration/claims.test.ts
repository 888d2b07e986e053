import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../shared/head-office/conversations.js';
import type { ClaimView } from '../../shared/head-office/claims.js';
import { CLAIM_NO_PATTERN } from '../../shared/domain/claims.js';
import { createClaimService } from '../../electron/node/features/claims/claim-service.js';
import { createHeadOfficeClient } from '../../electron/node/head-office/head-office-client.js';
import { fileTokenStore } from '../../electron/node/head-office/token-store.js';
import { api, startOfficeHeadOffice, type RunningHeadOffice } from '../support/head-office-process.js';
import { liveAgent } from '../support/live-agent.js';
import { smsCodeSentTo } from '../support/sms-log.js';
import { waitFor, webChatCustomer, type WebChatCustomer } from '../support/webchat-customer.js';
import { putCustomerRecord, sampleCustomerRecord } from '../support/customer-records.js';

const PASSWORD = 'Zuoxi#2026-pass';
const HOUR = 3_600_000;

/**
 * Claim reports through the real head-office process: a web chat customer
 * linked to their record, the agent serving them reporting the claim and
 * moving it through its stages, each notification arriving once on the
 * customer's page, refusals writing nothing, and the anti-fraud referral.
 */
describe('claims at head office', () => {
  let ho: RunningHeadOffice;
  let dataDir: string;
  let rootToken: string;
  let agent: Awaited<ReturnType<typeof liveAgent>>;
  let leadToken: string;
  let otherAgentToken: string;
  let otherLeadToken: string;
  let record: ReturnType<typeof sampleCustomerRecord>;
  let customer: WebChatCustomer;
  let conversationId: string;
  let policyId: string;
  let otherPolicyId: string;
  let customerId: string;
  let phone: string;

  beforeAll(async () => {
    const started = await startOfficeHeadOffice({ code: 'NJ', name: '南京分公司' }, [['claims_agent', '王坐席', 'agent'], ['claims_lead', '李组长', 'lead']], PASSWORD);
    ({ ho, dataDir, rootToken } = started);
    // A second office and its agent, who must not see this office's claims.
    const otherOffice = (await api(ho.url, 'POST', '/api/offices', { code: 'SZ', name: '苏州分公司' }, rootToken)).body.id as string;
    await api(ho.url, 'POST', '/api/accounts', { login: 'sz_agent', displayName: '苏州坐席', role: 'agent', officeId: otherOffice, password: PASSWORD }, rootToken);
    otherAgentToken = (await api(ho.url, 'POST', '/api/auth/login', { login: 'sz_agent', password: PASSWORD })).body.accessToken;
    await api(ho.url, 'POST', '/api/accounts', { login: 'sz_lead', displayName: '苏州组长', role: 'lead', officeId: otherOffice, password: PASSWORD }, rootToken);
    otherLeadToken = (await api(ho.url, 'POST', '/api/auth/login', { login: 'sz_lead', password: PASSWORD })).body.accessToken;
    leadToken = (await api(ho.url, 'POST', '/api/auth/login', { login: 'claims_lead', password: PASSWORD })).body.accessToken;

    // The policy started 10 days ago: an early claim; with three policy changes this year.
    record = sampleCustomerRecord({ name: '赵先生', officeId: started.officeId, startedDaysAgo: 10 });
    record.policies[1]!.changes = [
      { changedAt: new Date(Date.now() - 200 * 86_400_000).toISOString(), what: '变更被保险人' },
      { changedAt: new Date(Date.now() - 100 * 86_400_000).toISOString(), what: '加保涉水险' },
      { changedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(), what: '提高三者险限额' },
    ];
    phone = record.phone;
    const saved = await putCustomerRecord(ho.url, rootToken, record);
    customerId = saved.id;
    policyId = saved.policies[1]!.id;
    const other = await putCustomerRecord(ho.url, rootToken, sampleCustomerRecord({ name: '钱女士', officeId: started.officeId }));
    otherPolicyId = other.policies[0]!.id;

    agent = await liveAgent(ho.url, 'claims_agent', PASSWORD);
    customer = await webChatCustomer(ho.url, { name: '赵先生' });
    await customer.send('你好，我的车今天下午3点在中山路被追尾了，要报案', 'claim_report');
    await customer.send('对方全责，能不能直接给现金，我电话 13812345678，身份证 320102199001011234');
    await customer.send('其实是晚上8点，在建设路。车我不修了，把钱给我就行');
    conversationId = (await waitFor(async () => (await agent.conversations())[0]?.id, 10_000, 'the conversation at the agent'))!;
  }, 90_000);

  afterAll(async () => {
    customer?.close();
    agent?.close();
    await ho?.stop();
  });

  const report = (over: Record<string, unknown> = {}, token = agent.token, conv = conversationId) =>
    api(
      ho.url,
      'POST',
      `/api/conversations/${conv}/claims`,
      {
        id: randomUUID(),
        policyId,
        type: 'traffic',
        accidentAt: Date.now() - 2 * HOUR,
        place: '南京市中山路与北京东路路口',
        parties: [
          { role: 'insured', plate: '苏A12345' },
          { role: 'third_party', plate: '苏A67890', name: '孙某', phone: '13900001111' },
        ],
        account: '等红灯时被后车追尾，对方电话 13900001111',
        damage: '后保险杠凹陷，尾灯破裂',
        ...over,
      },
      token,
    );
  const claimMessages = async (claimNo: string): Promise<ChatMessage[]> =>
    ((await api(ho.url, 'GET', `/api/conversations/${conversationId}/messages?after=0`, undefined, agent.token)).body.messages as ChatMessage[]).filter(
      (m) => m.direction === 'system' && m.body.includes(claimNo),
    );
  const claimsInDb = async () => (await api(ho.url, 'GET', `/api/claims?customerId=${customerId}`, undefined, agent.token)).body as ClaimView[];

  it('refuses a report until the customer is linked, then refuses bad input naming the field, writing nothing', async () => {
    const unlinked = await report();
    expect(unlinked.status).toBe(409);
    const linked = await api(ho.url, 'POST', `/api/conversations/${conversationId}/link-customer`, { phone: (await customerPhone()) }, agent.token);
    expect(linked.status).toBe(200);

    // Linked is not enough: the person in the chat has not passed the identity check.
    const unverified = await report();
    expect(unverified.status).toBe(403);
    expect(unverified.body.error.code).toBe('NOT_VERIFIED');
    await verifyCustomer();

    const noPlace = await report({ place: '   ' });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['place']);
    const wrongPolicy = await report({ policyId: otherPolicyId });
    expect(wrongPolicy.status).toBe(400);
    expect(wrongPolicy.body.error.issues[0].path).toBe('policyId');
    const huge = await report({ accidentAt: 8_640_000_000_000_000 });
    expect(huge.status).toBe(400);
    expect(huge.body.error.issues[0].path).toBe('accidentAt');
    // The reason travels as a code the desk shows at the field in the agent's language.
    const future = await report({ accidentAt: Date.now() + 24 * HOUR });
    expect(future.body.error.issues[0]).toEqual({ path: 'accidentAt', message: 'accident_in_future' });
    const beforeCover = await report({ accidentAt: Date.now() - 20 * 24 * HOUR });
    expect(beforeCover.status).toBe(400);
    expect(beforeCover.body.error.issues[0]).toEqual({ path: 'accidentAt', message: 'accident_outside_policy' });
    // A traffic accident needs its damage described; only a theft may leave it empty.
    const noDamage = await report({ damage: '  ' });
    expect(noDamage.status).toBe(400);
    // The reason is a code the wizard knows (CLAIM_FIELD_REASONS), so the agent reads it in their language at the field.
    expect(noDamage.body.error.issues).toEqual([{ path: 'damage', message: 'damage_required' }]);
    expect(await claimsInDb()).toEqual([]);
    expect(customer.received.filter((m) => m.direction === 'system')).toEqual([]);
  });

  let claim: ClaimView;

  it('reports a claim: a claim number, the expected dates, and the customer sees the acceptance live', async () => {
    const id = randomUUID();
    const res = await report({ id });
    expect(res.status).toBe(201);
    claim = res.body as ClaimView;
    expect(claim.claimNo).toMatch(CLAIM_NO_PATTERN);
    expect(claim).toMatchObject({ stage: 'reported', late: false, type: 'traffic', customerId, officeId: expect.any(String) });
    expect(claim.expected.unit).toBe('working_days');
    expect(claim.expected.from <= claim.expected.to).toBe(true);
    expect(claim.materials).toContain('第三方车辆及驾驶人信息');
    const seen = await waitFor(() => customer.received.find((m) => m.direction === 'system' && m.body.includes(claim.claimNo)), 5_000, 'the claim number at the customer');
    // The notice asks for exactly the claim's checklist (7 items for a traffic accident with a third party).
    expect(claim.materials).toHaveLength(7);
    expect(seen.body).toContain(`请您上传以下资料：${claim.materials.join('、')}。`);
    // The payout bound, a traffic accident on the car's two policies in force: 交强险 200,000 + 车损 up to the
    // car's 220,000 + 三者险 1,000,000 + 车上人员 10,000 + 10,000.
    expect(claim.payoutLimitYuan).toBe(1_440_000);

    // The same report sent again finds the claim it made.
    const again = await report({ id });
    expect(again.status).toBe(200);
    expect(again.body.claimNo).toBe(claim.claimNo);
    expect(await claimMessages(claim.claimNo)).toHaveLength(1);
    expect(await claimsInDb()).toHaveLength(1);
  });

  it('sends every desk the claim masked: policy number, party phones and plates, numbers in free text and quotes', async () => {
    const view = (await api(ho.url, 'GET', `/api/claims/${claim.id}`, undefined, agent.token)).body as ClaimView;
    const text = JSON.stringify(view);
    const policyNo = record.policies[1]!.policyNo;
    for (const clear of [policyNo, '13900001111', '苏A67890', '苏A12345', '13812345678', '320102199001011234', '孙某']) expect(text, clear).not.toContain(clear);
    expect(view.policyNoMasked).toBe(`${policyNo.slice(0, 4)}${'*'.repeat(policyNo.length - 8)}${policyNo.slice(-4)}`);
    expect(view.parties[1]).toEqual({ role: 'third_party', plate: '苏A***90', name: '孙*', phone: '139****1111' });
    expect(view.account).toMatch(/^等红灯时被后车追尾.对方电话 139\*\*\*\*1111$/);
    const cash = view.fraudSignals.find((s) => s.code === 'cash_insistence')!;
    expect(cash.evidence.map((e) => e.text).join()).toContain('138****5678');
    expect(cash.evidence.map((e) => e.text).join()).toContain('3201**********1234');
  });

  it('flags the warning signs with their evidence', async () => {
    const codes = claim.fraudSignals.map((s) => s.code);
    expect(codes).toEqual(['early_claim', 'story_changed', 'cash_insistence', 'frequent_policy_changes']);
    const story = claim.fraudSignals.find((s) => s.code === 'story_changed')!;
    expect(story.evidence.some((e) => e.text.includes('晚上8点'))).toBe(true);
    expect(story.evidence.some((e) => e.text.includes('下午3点'))).toBe(true);
  });

  it('refuses a stage out of order with a typed 409, and a stage without its values with a 400', async () => {
    const skip = await api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, { to: 'settled', payoutYuan: 1000 }, agent.token);
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe('CLAIM_STAGE_ORDER');
    const missing = await api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, { to: 'surveying' }, agent.token);
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].path).toBe('surveyAt');
    // Dates that do not exist and instants past 2100 are refused naming the field, never told to the customer.
    for (const dueOn of ['2026-02-30', '2026-13-45']) {
      const bad = await api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, { to: 'materials', materials: ['维修发票'], dueOn }, agent.token);
      expect(bad.status, dueOn).toBe(400);
      expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['dueOn']);
    }
    const farSurvey = await api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, { to: 'surveying', surveyAt: 8_640_000_000_000_000 }, agent.token);
    expect(farSurvey.status).toBe(400);
    expect(farSurvey.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['surveyAt']);
    expect((await api(ho.url, 'GET', `/api/claims/${claim.id}`, undefined, agent.token)).body.stage).toBe('reported');
  });

  it('sends each stage\'s notification exactly once, whether retried or sent by two people at once', async () => {
    const survey = { to: 'surveying', surveyAt: Date.now() + 26 * HOUR };
    const [a, b] = await Promise.all([
      api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, survey, agent.token),
      api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, survey, leadToken),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const retry = await api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, survey, agent.token);
    expect(retry.status).toBe(200);
    expect((await claimMessages(claim.claimNo)).filter((m) => m.body.includes('查勘定损'))).toHaveLength(1);

    const dueOn = new Date(Date.now() + 3 * 86_400_000 + 8 * HOUR).toISOString().slice(0, 10);
    const materials = { to: 'materials', materials: ['交警事故认定书', '维修发票'], dueOn };
    await Promise.all([1, 2, 3].map(() => api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, materials, agent.token)));
    const settle = { to: 'settled', payoutYuan: 3250.5 };
    expect((await api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, settle, agent.token)).status).toBe(200);
    expect((await api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, settle, leadToken)).status).toBe(200);

    const texts = (await claimMessages(claim.claimNo)).map((m) => m.body);
    expect(texts).toHaveLength(4);
    expect(texts[2]).toContain('交警事故认定书、维修发票');
    expect(texts[3]).toContain('3,250.5 元');
    expect(texts[3]).toContain('1–3 个工作日');
    await waitFor(() => customer.received.filter((m) => m.direction === 'system').length === 4, 5_000, 'four notices at the customer');
    const settled = (await api(ho.url, 'GET', `/api/claims/${claim.id}`, undefined, agent.token)).body as ClaimView;
    expect(settled.notified.map((n) => n.stage)).toEqual(['reported', 'surveying', 'materials', 'settled']);
    const back = await api(ho.url, 'POST', `/api/claims/${claim.id}/stage`, { to: 'surveying', surveyAt: Date.now() + HOUR }, agent.token);
    expect(back.status).toBe(409);
  });

  it('keeps another office\'s agent out', async () => {
    expect((await api(ho.url, 'GET', `/api/claims/${claim.id}`, undefined, otherAgentToken)).status).toBe(404);
    expect((await api(ho.url, 'GET', `/api/claims?customerId=${customerId}`, undefined, otherAgentToken)).body).toEqual([]);
    expect((await api(ho.url, 'POST', `/api/claims/${claim.id}/fraud-referral`, {}, otherAgentToken)).status).toBe(404);
    expect((await api(ho.url, 'POST', `/api/claims/${claim.id}/material-requests`, { id: randomUUID(), materials: ['维修发票'] }, otherAgentToken)).status).toBe(404);
    expect((await report({}, otherAgentToken)).status).toBe(404);
    // Another office's lead is told the conversation does not exist either, not that it is someone else's.
    const foreignLead = await report({}, otherLeadToken);
    expect(foreignLead.status).toBe(404);
    expect(foreignLead.body.error.code).toBe('NOT_FOUND');
    expect((await api(ho.url, 'GET', `/api/claims/${claim.id}`, undefined, otherLeadToken)).status).toBe(404);
    // This office's lead sees the conversation, but only the agent serving it reports from it.
    expect((await report({}, leadToken)).status).toBe(403);
  });

  it('refers the claim to the anti-fraud team once, as one ticket, in the audit log', async () => {
    const [first, second] = await Promise.all([
      api(ho.url, 'POST', `/api/claims/${claim.id}/fraud-referral`, { note: '说法前后不一' }, agent.token),
      api(ho.url, 'POST', `/api/claims/${claim.id}/fraud-referral`, {}, leadToken),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.referral.ticketNo).toBe(second.body.referral.ticketNo);
    // What the office's desks receive on their next sync.
    const changes: { entity: string; data: { title: string; category: string } | null }[] = [];
    let cursor: unknown = { epoch: null, scopes: {} };
    for (let more = true; more; ) {
      const page = (await api(ho.url, 'POST', '/api/sync/pull', { clientId: randomUUID(), cursor, limit: 1000 }, agent.token)).body;
      changes.push(...page.changes);
      ({ cursor, more } = page);
    }
    const fraudTickets = changes.filter((c) => c.entity === 'ticket' && c.data?.title.includes(claim.claimNo));
    expect(fraudTickets).toHaveLength(1);
    expect(fraudTickets[0]!.data!.category).toBe('反欺诈调查');
    // What syncs into every desk's cache carries no clear policy number, phone or ID number.
    const synced = JSON.stringify(fraudTickets[0]!.data);
    for (const clear of [record.policies[1]!.policyNo, '13812345678', '320102199001011234']) expect(synced, clear).not.toContain(clear);
    expect(synced).toContain('138****5678');
    expect(synced).toContain(`保单 ${claim.policyNoMasked}`);
    const audit = await api(ho.url, 'GET', '/api/audit?action=claim.fraud_referral', undefined, leadToken);
    expect(audit.status).toBe(200);
    const entries = (audit.body.entries as { action: string; subjectId: string; actorLogin: string }[]).filter((e) => e.subjectId === claim.id);
    expect(entries).toEqual([expect.objectContaining({ action: 'claim.fraud_referral', subjectId: claim.id })]);
  });

  it('gives the desk the same claim and the same request when it sends one again after a lost answer: one claim, one notice', async () => {
    // The desk's own path: the main process's claim service through its head-office client, as the wizard calls it.
    const client = createHeadOfficeClient({ baseUrl: ho.url, tokens: fileTokenStore(join(mkdtempSync(join(tmpdir(), 'md-claims-')), 'session.json')) });
    await client.signIn('claims_agent', PASSWORD);
    const desk = createClaimService(() => client);
    const input = {
      conversationId,
      report: { id: randomUUID(), policyId, type: 'traffic' as const, accidentAt: Date.now() - HOUR, place: '南京市汉中路', parties: [{ role: 'insured' as const }], account: '倒车时刮到立柱', damage: '右后门划伤' },
    };
    const before = (await claimsInDb()).length;
    const first = await desk.report(input);
    // 提交 again (the first answer never reached the desk): head office finds the claim by the draft's id.
    const again = await desk.report(input);
    expect(again.id).toBe(first.id);
    expect(again.claimNo).toBe(first.claimNo);
    expect(await claimsInDb()).toHaveLength(before + 1);
    expect(await claimMessages(first.claimNo)).toHaveLength(1);

    const request = { claimId: first.id, requestId: randomUUID(), materials: ['维修发票'] };
    await desk.requestMaterials(request);
    const twice = await desk.requestMaterials(request);
    expect(twice.materialRequests.map((r) => r.id)).toEqual([request.requestId]);
    expect((await claimMessages(first.claimNo)).filter((m) => m.body.includes('24 小时内'))).toHaveLength(1);
    // Answered, so it does not hold up a later settlement.
    await desk.materialsReceived(first.id, request.requestId);
  });

  it('asks for missing materials with a 24-hour deadline and tracks when they arrive', async () => {
    const second = await report({ type: 'natural_disaster', accidentAt: Date.now() - 72 * HOUR, place: '南京市玄武区龙蟠路', account: '暴雨积水，车辆被淹', damage: '发动机进水' });
    expect(second.status).toBe(201);
    const c = second.body as ClaimView;
    expect(c.late).toBe(true);
    const acceptance = (await claimMessages(c.claimNo))[0]!.body;
    // A storm has no traffic police finding: the late report asks for the weather service's proof, once.
    expect(acceptance).not.toContain('交警');
    expect(acceptance).toContain('气象部门出具的灾害证明');
    expect(acceptance.split('气象部门出具的灾害证明')).toHaveLength(2);
    const requestId = randomUUID();
    const asked = await api(ho.url, 'POST', `/api/claims/${c.id}/material-requests`, { id: requestId, materials: ['灾害证明', '灾前灾后照片'] }, agent.token);
    expect(asked.status).toBe(200);
    const r = (asked.body as ClaimView).materialRequests[0]!;
    expect(r.status).toBe('open');
    expect(r.dueAt - r.sentAt).toBe(24 * HOUR);
    await waitFor(() => customer.received.find((m) => m.body.includes('24 小时内') && m.body.includes(c.claimNo)), 5_000, 'the materials request');

    // Settling while that request is open is refused (typed 409 naming the request); nothing is sent, the stage stays.
    const stage = (body: Record<string, unknown>) => api(ho.url, 'POST', `/api/claims/${c.id}/stage`, body, agent.token);
    expect((await stage({ to: 'surveying', surveyAt: Date.now() + 26 * HOUR })).status).toBe(200);
    const dueOn = new Date(Date.now() + 3 * 86_400_000 + 8 * HOUR).toISOString().slice(0, 10);
    expect((await stage({ to: 'materials', materials: ['损失清单'], dueOn })).status).toBe(200);
    const sentBefore = (await claimMessages(c.claimNo)).length;
    const outstanding = await stage({ to: 'settled', payoutYuan: 8000 });
    expect(outstanding.status).toBe(409);
    expect(outstanding.body.error.code).toBe('MATERIALS_OUTSTANDING');
    expect(outstanding.body.error.issues).toEqual([{ path: 'materialRequests', message: requestId }]);
    expect(outstanding.body.error.message).toContain('灾前灾后照片');

    const got = await api(ho.url, 'POST', `/api/claims/${c.id}/material-requests/${requestId}/received`, undefined, agent.token);
    expect((got.body as ClaimView).materialRequests[0]!.status).toBe('received');

    // A payout is never clamped: 1e9 typed, or above what a storm claim can pay (the car's 220,000, though 三者险
    // is 1,000,000), 400 naming payoutYuan.
    const typo = await stage({ to: 'settled', payoutYuan: 1e9 });
    expect(typo.status).toBe(400);
    expect(typo.body.error.issues).toEqual([{ path: 'payoutYuan', message: 'payout_over_limit' }]);
    expect(c.payoutLimitYuan).toBe(220_000);
    const overCover = await stage({ to: 'settled', payoutYuan: 220_000.01 });
    expect(overCover.status).toBe(400);
    expect(overCover.body.error.issues).toEqual([{ path: 'payoutYuan', message: 'payout_over_limit' }]);
    const fen = await stage({ to: 'settled', payoutYuan: 100.001 });
    expect(fen.body.error.issues).toEqual([{ path: 'payoutYuan', message: 'payout_cents' }]);
    const unchanged = (await api(ho.url, 'GET', `/api/claims/${c.id}`, undefined, agent.token)).body as ClaimView;
    expect(unchanged).toMatchObject({ stage: 'materials', payoutYuan: null });
    expect(await claimMessages(c.claimNo)).toHaveLength(sentBefore);
    expect(customer.received.filter((m) => m.body.includes(c.claimNo) && m.body.includes('赔付金额'))).toEqual([]);

    const settled = await stage({ to: 'settled', payoutYuan: 220_000 });
    expect(settled.status).toBe(200);
    expect((await claimMessages(c.claimNo)).at(-1)!.body).toContain('赔付金额 220,000 元');
  });

  it('sends a notification by SMS once the conversation has ended', async () => {
    // A stolen car has no damage to describe and no scene or damage photos to send.
    const third = await report({ type: 'theft', place: '南京市某小区地下停车场', account: '早上发现车辆被盗', damage: '' });
    expect(third.status).toBe(201);
    const c = third.body as ClaimView;
    expect(c.materials).not.toContain('事故现场照片');
    expect(c.materials).not.toContain('车辆受损部位照片');
    expect((await claimMessages(c.claimNo))[0]!.body).toContain(`请您上传以下资料：${c.materials.join('、')}。`);
    expect(c.expected.unit).toBe('calendar_days');
    const closed = await api(
      ho.url,
      'POST',
      '/api/sync/push',
      { clientId: randomUUID(), epoch: null, mutations: [{ mutationId: 1, name: 'conversation.close', args: { id: conversationId } }] },
      agent.token,
    );
    expect(closed.body.results[0].status).toBe('applied');
    const res = await api(ho.url, 'POST', `/api/claims/${c.id}/stage`, { to: 'surveying', surveyAt: Date.now() + 5 * HOUR }, agent.token);
    expect(res.body.notified.at(-1)).toMatchObject({ stage: 'surveying', via: 'sms' });
    const phone = await customerPhone();
    const log = await waitFor(async () => {
      const text = await readFile(join(dataDir, 'channel-outbound', 'sms.log'), 'utf8').catch(() => '');
      return text.split('\n').find((l) => l.includes(phone) && l.includes(c.claimNo) && l.includes('查勘定损'));
    }, 10_000, 'the SMS');
    expect(log).toBeTruthy();
  });

  async function customerPhone(): Promise<string> {
    return phone;
  }

  /** 身份核实 as the agent does it: a plate, the last four of the ID number, then the code the customer's phone received. */
  async function verifyCustomer(): Promise<void> {
    const answer = (step: string, value: string) => api(ho.url, 'POST', `/api/conversations/${conversationId}/verification/answer`, { step, answer: value }, agent.token);
    expect((await answer('policy', record.vehicles[0]!.plate)).body.passed).toBe(true);
    expect((await answer('id_last4', record.idNumber.slice(-4))).body.passed).toBe(true);
    expect((await api(ho.url, 'POST', `/api/conversations/${conversationId}/verification/code`, {}, agent.token)).status).toBe(200);
    const code = await waitFor(() => smsCodeSentTo(dataDir, phone), 10_000, 'the verification code');
    const verified = await answer('sms_code', code);
    expect(verified.body.status.state).toBe('verified');
  }
});
