import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../electron/node/app/create-desk.js';
import { memoryTokenStore } from '../../electron/node/head-office/token-store.js';
import { tempCacheFile } from '../support/temp-desk.js';
import { ADMIN_PASSWORD, api, freshStore, setupAdmin, startHeadOffice, type RunningHeadOffice } from '../support/head-office-process.js';

const PASSWORD = 'Zuoxi#2026-pass';

/**
 * The audit log through the real head office: leads read only their own
 * office's entries (no filter widens that), agents read none, and every
 * search and export is itself on the record.
 */
describe('audit log at head office', () => {
  let ho: RunningHeadOffice;
  let root = '';
  let officeA = '';
  let officeB = '';
  const tokens: Record<string, string> = {};

  const get = (path: string, who: string) => api(ho.url, 'GET', path, undefined, tokens[who]);
  const search = async (who: string, query = '') => {
    const res = await get(`/api/audit${query}`, who);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { entries: { seq: number; officeId: string | null; actorLogin: string; action: string; subjectId: string; detail: Record<string, unknown> }[]; nextBefore: number | null };
  };
  const exportCsv = async (who: string, query = '') => {
    const res = await fetch(`${ho.url}/api/audit/export${query}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
  };

  beforeAll(async () => {
    const { dataDir } = await freshStore('pglite');
    await setupAdmin(dataDir, 'root', ADMIN_PASSWORD);
    ho = await startHeadOffice(dataDir);
    root = (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: ADMIN_PASSWORD })).body.accessToken;
    officeA = (await api(ho.url, 'POST', '/api/offices', { code: 'NJ01', name: '南京网点' }, root)).body.id;
    officeB = (await api(ho.url, 'POST', '/api/offices', { code: 'SZ01', name: '苏州网点' }, root)).body.id;
    for (const [login, role, officeId] of [
      ['lead_a', 'lead', officeA],
      ['agent_a', 'agent', officeA],
      ['lead_b', 'lead', officeB],
    ] as const) {
      expect((await api(ho.url, 'POST', '/api/accounts', { login, displayName: login, role, officeId, password: PASSWORD }, root)).status).toBe(201);
      tokens[login] = (await api(ho.url, 'POST', '/api/auth/login', { login, password: PASSWORD })).body.accessToken;
    }
    tokens.root = root;
    // Office B's lead leaves entries of their office: a search and an export.
    await search('lead_b', '?text=%E5%BC%A0');
    expect((await exportCsv('lead_b')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await ho?.stop();
  });

  it("shows a lead only their own office's entries, whatever the filters", async () => {
    const own = await search('lead_a');
    expect(own.entries.every((e) => e.officeId === officeA)).toBe(true);
    // Office B's entries exist (the administrator sees them) but no filter of lead A reaches them.
    const all = await search('root', `?officeId=${officeB}`);
    expect(all.entries.filter((e) => e.actorLogin === 'lead_b').length).toBeGreaterThanOrEqual(2);
    expect((await search('lead_a', '?actor=lead_b')).entries).toEqual([]);
    expect((await search('lead_a', `?subject=${officeB}`)).entries).toEqual([]);
    expect((await search('lead_a', '?action=audit.export')).entries.every((e) => e.officeId === officeA)).toBe(true);
    const csv = await exportCsv('lead_a', '?actor=lead_b');
    expect(csv.text.trim().split('\r\n')).toHaveLength(1);
  });

  it("refuses a lead who asks for another office's entries, with a typed code", async () => {
    for (const path of [`/api/audit?officeId=${officeB}`, `/api/audit/export?officeId=${officeB}`]) {
      const res = await get(path, 'lead_a');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('OUTSIDE_OFFICE');
    }
    // Their own office by name is fine.
    expect((await get(`/api/audit?officeId=${officeA}`, 'lead_a')).status).toBe(200);
  });

  it('refuses agents: no search, no export, no chain check', async () => {
    for (const path of ['/api/audit', '/api/audit/export', '/api/audit/verify']) {
      const res = await get(path, 'agent_a');
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await get('/api/audit', '')).status).toBe(401);
  });

  it('records every export, with what it held', async () => {
    const before = (await search('lead_a', '?action=audit.export')).entries.length;
    const csv = await exportCsv('lead_a', '?action=audit.search');
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.disposition).toMatch(/attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,office_id,actor_login,action,subject_type,subject_id,detail');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(`"${officeA}"`) && l.includes('"audit.search"'))).toBe(true);

    const exports = (await search('lead_a', '?action=audit.export')).entries;
    expect(exports).toHaveLength(before + 1);
    expect(exports[0]).toMatchObject({ actorLogin: 'lead_a', officeId: officeA, action: 'audit.export', detail: { filters: { action: 'audit.search' }, rows: lines.length - 1 } });
  });

  it('pages newest first and filters by time and by words in the detail', async () => {
    const first = await search('root', '?limit=2');
    expect(first.entries).toHaveLength(2);
    expect(first.entries[0]!.seq).toBeGreaterThan(first.entries[1]!.seq);
    expect(first.nextBefore).toBe(first.entries[1]!.seq);
    const next = await search('root', `?limit=2&before=${first.nextBefore}`);
    expect(next.entries[0]!.seq).toBeLessThan(first.entries[1]!.seq);

    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await search('root', `?from=${encodeURIComponent(future)}`)).entries).toEqual([]);
    const found = await search('root', '?text=%E5%BC%A0');
    expect(found.entries.length).toBeGreaterThan(0);
    expect(found.entries.every((e) => JSON.stringify(e.detail).includes('张'))).toBe(true);
  });

  it('answers a bad parameter with 400 naming it', async () => {
    for (const [query, name] of [
      ['?action=made.up', 'action'],
      ['?from=yesterday', 'from'],
      ['?limit=0', 'limit'],
      ['?officeId=not-a-uuid', 'officeId'],
      ['?colour=red', ''],
      [`?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z`, 'to'],
      // Years the database refuses or no entry can have: named, never a 500.
      ['?from=0000-01-01T00:00:00Z', 'from'],
      ['?from=1999-12-31T23:59:59Z', 'from'],
      ['?to=2100-01-01T00:00:00.001Z', 'to'],
      ['?to=9999-12-31T00:00:00Z', 'to'],
    ] as const) {
      const res = await get(`/api/audit${query}`, 'lead_a');
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      if (name) expect(res.body.error.issues.map((i: { path: string }) => i.path), query).toContain(name);
      else expect(JSON.stringify(res.body.error.issues)).toContain('colour');
    }
  });

  it('lets leads and administrators check the chain, which holds', async () => {
    for (const who of ['lead_a', 'root']) {
      const res = await get('/api/audit/verify', who);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, brokenAt: null });
      expect(res.body.checked).toBeGreaterThanOrEqual(4);
    }
  });

  describe("at a lead's desk", () => {
    const desks: Desk[] = [];
    const signedInDesk = async (login: string) => {
      const desk = createDesk({ cacheFile: tempCacheFile(), headOffice: { url: ho.url, tokens: memoryTokenStore(), live: false, pollMs: 3_600_000, sendDelayMs: null } });
      desks.push(desk);
      await desk.headOffice!.signIn(login, PASSWORD);
      return desk;
    };
    afterAll(async () => {
      for (const d of desks) await d.close();
    });

    it('searches, checks the chain and exports through head office; an agent desk is refused', async () => {
      const lead = await signedInDesk('lead_a');
      const page = await lead.dispatch('audit.search', { auditAction: 'audit.export', since: Date.now() - 3_600_000, limit: 5 });
      expect(page.ok).toBe(true);
      const entries = (page as { data: { entries: { officeId: string; action: string }[] } }).data.entries;
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.officeId === officeA && e.action === 'audit.export')).toBe(true);

      expect(await lead.dispatch('audit.verify', {})).toMatchObject({ ok: true, data: { ok: true, brokenAt: null } });

      const exported = await lead.dispatch('audit.export', { actorLogin: 'lead_a' });
      expect(exported.ok).toBe(true);
      const file = (exported as { data: { fileName: string; csv: string } }).data;
      expect(file.fileName).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(file.csv.split('\r\n')[0]).toBe('\uFEFFseq,at,office_id,actor_login,action,subject_type,subject_id,detail');
      // The desk's export is on the record too.
      const latest = (await search('lead_a', '?action=audit.export&limit=1')).entries[0]!;
      expect(latest.detail).toMatchObject({ filters: { actor: 'lead_a' } });

      // A customer's name reaches head office, which records the customers it found (none here), never the name.
      const byName = await lead.dispatch('audit.search', { customerName: '查无此人', limit: 5 });
      expect(byName).toMatchObject({ ok: true, data: { entries: [], names: {} } });
      const recorded = (await search('lead_a', '?action=audit.search&actor=lead_a&limit=1')).entries[0]!;
      expect(recorded.detail).toEqual({ filters: { limit: 5, customerIds: [] }, found: 0 });

      // Bad input never reaches head office.
      expect(await lead.dispatch('audit.search', { since: Date.UTC(2026, 2, 2), until: Date.UTC(2026, 2, 1) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await lead.dispatch('audit.search', { since: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'since' }] } });

      const agent = await signedInDesk('agent_a');
      expect(await agent.dispatch('audit.search', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await agent.dispatch('audit.export', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });
  });
});
