import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { fileTokenStore, memoryTokenStore } from '../../electron/node/head-office/token-store.js';
import { api, TEST_PG_URL, type Backend } from '../support/head-office-process.js';
import { tempCacheFile } from '../support/temp-desk.js';
import { searchBacklogSize } from '../../electron/node/search/search-backlog.js';
import { PASSWORD, startSyncWorld, type SyncWorld } from '../support/sync-world.js';

/** The same suite on embedded PGlite and, where `.ci/setup` started one, a PostgreSQL server. */
const BACKENDS: Backend[] = TEST_PG_URL ? ['pglite', 'postgres'] : ['pglite'];

const newTicket = (desk: Desk, title: string) =>
  desk.services.tickets.create({ type: 'claim_followup', category: '交通事故', priority: 'normal', title, description: '', conversationId: null });

describe.each(BACKENDS)('desk ↔ head office sync on %s', (backend) => {
  let world: SyncWorld;
  beforeAll(async () => {
    world = await startSyncWorld({ backend });
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  it('makes the agent at the desk the head-office account, and refuses a wrong password with a typed error', async () => {
    const desk = await world.desk('agent_a', { signIn: false });
    const wrong = await desk.dispatch('sync.signIn', { login: 'agent_a', password: 'not-it' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });
    expect(desk.services.agents.current()).toBeNull();
    expect(await desk.dispatch('agent.register', { code: 'A1', displayName: '本地' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const status = await desk.dispatch('sync.signIn', { login: 'agent_a', password: PASSWORD });
    expect(status).toMatchObject({ ok: true, data: { headOffice: true, account: { login: 'agent_a', role: 'agent' } } });
    expect(desk.services.agents.current()).toMatchObject({ id: world.accounts.agent_a, code: 'agent_a' });
  });

  it('shows how far a long pull has come while it runs', async () => {
    const desk = await world.desk('agent_b', { signIn: false, pageSize: 20 });
    const seen: number[] = [];
    desk.subscribe((event) => {
      if (event === 'syncChanged') seen.push(desk.headOffice!.status().pulling);
    });
    await desk.headOffice!.signIn('agent_b', PASSWORD);
    await desk.headOffice!.engine.syncNow();
    // The library alone is 174 items: many pages of 20, each one reported as it lands.
    const during = seen.filter((n) => n > 0);
    expect(during.length).toBeGreaterThan(5);
    expect(during).toEqual([...during].sort((x, y) => x - y));
    expect(desk.headOffice!.status().pulling).toBe(0);
  });

  it('shows a ticket one agent opens on a colleague\'s desk, with who owns it', async () => {
    const a = await world.desk('agent_a');
    const b = await world.desk('agent_b');
    const t = newTicket(a, '追尾定损跟进');
    expect(a.outbox.counts().pending).toBe(1);
    await a.headOffice!.engine.syncNow();
    expect(a.outbox.counts().pending).toBe(0);
    await b.headOffice!.engine.syncNow();
    expect(b.services.tickets.get(t.id)).toMatchObject({ title: '追尾定损跟进', ownerName: '坐席A', status: 'new' });
    await world.settle([a, b]);
    await world.expectConverged([a, b]);
  });

  it('works offline, shows what waits, and converges when the line is back; a stale change is rolled back with both values', async () => {
    const a = await world.desk('agent_a');
    const b = await world.desk('agent_b');
    const t = newTicket(a, '玻璃单独破碎');
    await world.settle([a, b]);
    a.services.tickets.transition({ ticketId: t.id, to: 'in_progress' });
    await a.headOffice!.engine.syncNow();

    world.link.cut();
    b.services.tickets.addNote({ ticketId: t.id, note: '客户已上传照片' });
    // b still sees the ticket as new: closing it is allowed locally, then refused by head office.
    const local = b.services.tickets.get(t.id);
    expect(local.status).toBe('new');
    b.services.tickets.transition({ ticketId: t.id, to: 'closed', note: '重复报案' });
    expect(await b.headOffice!.engine.syncNow()).toBeNull();
    expect(b.headOffice!.status()).toMatchObject({ connection: 'offline', pending: 2 });
    expect(b.services.tickets.get(t.id).status).toBe('closed');

    world.link.mend();
    await world.settle([a, b]);
    // The note went through; the close was refused and rolled back to head office's status.
    expect(b.services.tickets.get(t.id).status).toBe('in_progress');
    expect(b.services.tickets.get(t.id).events.map((e) => e.note)).toContain('客户已上传照片');
    const [notice] = b.headOffice!.notices();
    expect(notice).toMatchObject({ mutation: 'ticket.setStatus', ticketId: t.id, code: 'CONFLICT', conflict: { field: 'status', yours: 'closed', theirs: 'in_progress', by: '坐席A' } });
    expect(b.headOffice!.status()).toMatchObject({ connection: 'online', pending: 0 });
    await world.expectConverged([a, b]);
  });

  it('merges edits of different fields by two agents, and keeps the first of two edits of one field', async () => {
    const a = await world.desk('agent_a');
    const b = await world.desk('agent_b');
    const t = newTicket(a, '车损险理赔');
    await world.settle([a, b]);
    a.services.tickets.edit({ ticketId: t.id, field: 'priority', value: 'urgent' });
    b.services.tickets.edit({ ticketId: t.id, field: 'category', value: '单车事故' });
    b.services.tickets.edit({ ticketId: t.id, field: 'priority', value: 'low' });
    await a.headOffice!.engine.syncNow();
    await world.settle([b, a]);
    for (const d of [a, b]) expect(d.services.tickets.get(t.id)).toMatchObject({ priority: 'urgent', category: '单车事故' });
    expect(b.headOffice!.notices()[0]).toMatchObject({ code: 'CONFLICT', conflict: { field: 'priority', yours: 'low', theirs: 'urgent' } });
    await world.expectConverged([a, b]);
  });

  it('keeps an offline note on a ticket a colleague closed, and refuses the offline edit with the reason', async () => {
    const a = await world.desk('agent_a');
    const b = await world.desk('agent_b');
    const t = newTicket(a, '客户撤案');
    await world.settle([a, b]);
    world.link.cut();
    b.services.tickets.edit({ ticketId: t.id, field: 'priority', value: 'urgent' });
    b.services.tickets.addNote({ ticketId: t.id, note: '客户又来电询问' });
    world.link.mend();
    a.services.tickets.transition({ ticketId: t.id, to: 'closed', note: '客户撤销报案' });
    await a.headOffice!.engine.syncNow();
    await world.settle([b, a]);
    expect(b.services.tickets.get(t.id)).toMatchObject({ status: 'closed', priority: 'normal' });
    expect(b.services.tickets.get(t.id).events.map((e) => e.note)).toContain('客户又来电询问');
    expect(b.headOffice!.notices()[0]).toMatchObject({ mutation: 'ticket.edit', code: 'INVALID_TRANSITION', ticketId: t.id });
    expect(b.dispatch('tickets.edit', { ticketId: t.id, field: 'title', value: '改标题' })).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    await world.expectConverged([a, b]);
  });

  it('brings every desk the library head office publishes, revises and withdraws', async () => {
    const a = await world.desk('agent_a');
    const admin = await world.adminToken();
    const teamLead = (await api(world.ho.url, 'POST', '/api/auth/login', { login: 'lead_a', password: PASSWORD })).body.accessToken;
    const agent = (await api(world.ho.url, 'POST', '/api/auth/login', { login: 'agent_a', password: PASSWORD })).body.accessToken;
    const article = {
      code: 'kb.glass-only',
      topic: 'claims',
      title: { zh: '玻璃单独破碎险理赔须知', en: 'Glass-only breakage claims' },
      body: { zh: '挡风玻璃单独破碎，无需交警认定，拍照上传即可报案。', en: 'A broken windscreen alone needs no police report.' },
      keywords: ['玻璃', '挡风玻璃'],
    };
    // The library is curated at head office: neither an agent nor an office's team lead publishes to every desk.
    expect((await api(world.ho.url, 'PUT', `/api/library/articles/${article.code}`, article, agent)).status).toBe(403);
    expect((await api(world.ho.url, 'PUT', `/api/library/articles/${article.code}`, article, teamLead)).status).toBe(403);
    expect((await api(world.ho.url, 'PUT', `/api/library/articles/${article.code}`, { ...article, code: "other" }, admin)).status).toBe(400);
    expect((await api(world.ho.url, 'PUT', `/api/library/articles/${article.code}`, article, admin)).body).toEqual({ code: article.code, result: 'added' });
    expect((await api(world.ho.url, 'PUT', `/api/library/articles/${article.code}`, article, admin)).body).toEqual({ code: article.code, result: 'unchanged' });
    await a.headOffice!.engine.syncNow();
    // Pulled articles join the search index in the background, a few at a time.
    const indexed = async () => {
      while (searchBacklogSize(a.db) > 0) await new Promise((r) => setTimeout(r, 5));
    };
    const search = (q: string) => a.services.knowledge.search({ locale: 'zh-CN', query: q, limit: 5 }).map((h) => h.title);
    await indexed();
    expect(search('挡风玻璃碎了')).toContain('玻璃单独破碎险理赔须知');
    await api(world.ho.url, 'PUT', `/api/library/articles/${article.code}`, { ...article, title: { zh: '玻璃单独破碎险：报案与理赔', en: "Glass-only breakage" } }, admin);
    await a.headOffice!.engine.syncNow();
    await indexed();
    expect(search('挡风玻璃碎了')).toContain('玻璃单独破碎险：报案与理赔');
    expect((await api(world.ho.url, 'DELETE', `/api/library/articles/${article.code}`, undefined, admin)).status).toBe(200);
    await a.headOffice!.engine.syncNow();
    expect(search('挡风玻璃碎了')).not.toContain('玻璃单独破碎险：报案与理赔');
    // A shipped article head office withdraws stays withdrawn across a restart of the desk.
    const shipped = a.services.knowledge.search({ locale: 'zh-CN', query: '报案', limit: 1 })[0]!;
    const code = shipped.code;
    await api(world.ho.url, 'DELETE', `/api/library/articles/${code}`, undefined, admin);
    await a.headOffice!.engine.syncNow();
    const file = a.db.name;
    await a.close();
    world.forget(a);
    const again = await world.desk('agent_a', { cacheFile: file, signIn: false });
    expect(again.db.prepare('SELECT count(*) FROM knowledge_articles WHERE code = ?').pluck().get(code)).toBe(0);
  });

  it('never lets one refused change block the ones behind it', async () => {
    const a = await world.desk('agent_a');
    const lead = await world.desk('lead_a');
    const t = newTicket(a, '误开工单');
    const keep = newTicket(a, '保留的工单');
    await world.settle([a, lead]);
    await lead.headOffice!.client.push({ clientId: crypto.randomUUID(), epoch: null, mutations: [{ mutationId: 1, name: 'ticket.delete', args: { id: t.id, at: Date.now() } }] });
    a.services.tickets.addNote({ ticketId: t.id, note: '已删除的工单上的备注' });
    a.services.tickets.addNote({ ticketId: keep.id, note: '后面的备注' });
    a.services.tickets.transition({ ticketId: keep.id, to: 'in_progress' });
    await world.settle([a, lead]);
    expect(() => a.services.tickets.get(t.id)).toThrow(/not found/);
    expect(a.services.tickets.get(keep.id)).toMatchObject({ status: 'in_progress' });
    expect(a.headOffice!.notices().map((n) => n.code)).toContain('NOT_FOUND');
    await world.expectConverged([a, lead]);
  });

  it('keeps changes queued when the session ends while offline, and sends them after the agent signs in again', async () => {
    const tokens = memoryTokenStore();
    const a = await world.desk('agent_a', { tokens });
    const t = newTicket(a, '会话过期');
    await world.settle([a]);
    world.link.cut();
    a.services.tickets.addNote({ ticketId: t.id, note: '离线备注' });
    // Meanwhile head office ends the session (a password reset, an administrator signing the desk out).
    await api(world.ho.url, 'POST', '/api/auth/logout', { refreshToken: tokens.load()!.refreshToken });
    world.link.mend();
    await a.headOffice!.engine.syncNow();
    expect(a.headOffice!.status()).toMatchObject({ connection: 'signInRequired', pending: 1, account: { login: 'agent_a' } });
    expect(a.services.tickets.get(t.id).events.map((e) => e.note)).toContain('离线备注');
    await a.headOffice!.signIn('agent_a', PASSWORD);
    await world.settle([a]);
    expect(Object.values((await world.serverState()).events).filter((e) => e.note === '离线备注')).toHaveLength(1);
    await world.expectConverged([a]);
  });

  it('refuses another agent\'s sign-in while the previous agent\'s changes wait', async () => {
    const a = await world.desk('agent_a');
    world.link.cut();
    newTicket(a, '未发送');
    world.link.mend();
    await a.headOffice!.signOut();
    expect(await a.dispatch('sync.signIn', { login: 'agent_b', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await a.headOffice!.signIn('agent_a', PASSWORD);
    await world.settle([a]);
    expect(a.outbox.counts().pending).toBe(0);
  });

  it('rebuilds a deleted or unreadable cache from head office without losing the outbox', async () => {
    const cacheFile = tempCacheFile();
    const tokens = fileTokenStore(`${cacheFile}.session.json`);
    let a = await world.desk('agent_a', { cacheFile, tokens });
    const t = newTicket(a, '缓存损坏前');
    await world.settle([a]);
    world.link.cut();
    a.services.tickets.addNote({ ticketId: t.id, note: '只在发件箱里' });
    await a.close();
    world.forget(a);
    writeFileSync(cacheFile, 'this is not a database, it was overwritten');
    rmSync(`${cacheFile}-wal`, { force: true });
    world.link.mend();
    a = await world.desk('agent_a', { cacheFile, tokens, signIn: false });
    expect(a.recoveredFrom).toMatch(/unreadable/);
    await world.settle([a]);
    expect(a.services.tickets.get(t.id).events.map((e) => e.note)).toContain('只在发件箱里');
    await world.expectConverged([a]);

    await a.close();
    world.forget(a);
    rmSync(cacheFile);
    a = await world.desk('agent_a', { cacheFile, tokens, signIn: false });
    await world.settle([a]);
    expect(a.services.tickets.get(t.id).title).toBe('缓存损坏前');
    await world.expectConverged([a]);
  });
});

