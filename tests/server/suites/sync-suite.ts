import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketNumber, uuidv7 } from '../../../shared/domain/ids.js';
import { nextChecksum } from '../../../shared/head-office/checksum.js';
import { api, freshStore, setupAdmin, startHeadOffice, type Backend, type RunningHeadOffice } from '../../support/head-office-process.js';


/** The head-office sync suite, run against each database backend. */
export function syncSuite(backend: Backend): void {
  const PASSWORD = 'Zuoxi#2026-pass';
  let ho: RunningHeadOffice;
  const token: Record<string, string> = {};
  const accountId: Record<string, string> = {};
  let office1 = '';
  let office2 = '';

  async function signIn(login: string, password = PASSWORD) {
    const r = await api(ho.url, 'POST', '/api/auth/login', { login, password });
    token[login] = r.body.accessToken;
    accountId[login] = r.body.account.id;
  }

  beforeAll(async () => {
    const { dataDir, env } = await freshStore(backend);
    await setupAdmin(dataDir, 'root', 'Zongbu#2026-admin', env);
    ho = await startHeadOffice(dataDir, env);
    await signIn('root', 'Zongbu#2026-admin');
    office1 = (await api(ho.url, 'POST', '/api/offices', { code: 'NJ01', name: '南京网点' }, token.root)).body.id;
    office2 = (await api(ho.url, 'POST', '/api/offices', { code: 'SZ01', name: '苏州网点' }, token.root)).body.id;
    for (const [login, officeId] of [['agent_a', office1], ['agent_b', office1], ['agent_c', office2]] as const) {
      await api(ho.url, 'POST', '/api/accounts', { login, displayName: login, role: 'agent', officeId, password: PASSWORD }, token.root);
      await signIn(login);
    }
  }, 120_000);
  afterAll(async () => {
    await ho?.stop();
  });

  const newTicket = () => ({
    id: uuidv7(),
    eventId: uuidv7(),
    ticketNo: ticketNumber(),
    type: 'claim_followup',
    category: '交通事故',
    priority: 'high',
    title: '追尾事故定损跟进',
    description: '',
    conversationId: null,
    customerId: null,
    at: Date.now(),
  });
  const push = (who: string, clientId: string, mutations: { mutationId: number; name: string; args: object }[], epoch: string | null = null) =>
    api(ho.url, 'POST', '/api/sync/push', { clientId, epoch, mutations }, token[who]);
  const pull = (who: string, scopes: Record<string, number> = {}, epoch: string | null = null, limit = 1000) =>
    api(ho.url, 'POST', '/api/sync/pull', { clientId: randomUUID(), cursor: { epoch, scopes }, limit }, token[who]);
  const ticketsIn = (changes: { entity: string; id: string }[], id: string) => changes.filter((c) => c.entity === 'ticket' && c.id === id);

  describe(`sync on ${backend}: push`, () => {
    const deskA = randomUUID();
    const t1 = newTicket();

    it('applies a new ticket and shows it to the office, not to another office', async () => {
      const r = await push('agent_a', deskA, [{ mutationId: 1, name: 'ticket.create', args: t1 }]);
      expect(r.body.results).toEqual([{ mutationId: 1, status: 'applied' }]);
      const b = (await pull('agent_b')).body;
      expect(ticketsIn(b.changes, t1.id)).toHaveLength(1);
      expect(b.changes.find((c: { entity: string }) => c.entity === 'ticket_event').id).toBe(t1.eventId);
      expect(ticketsIn((await pull('agent_c')).body.changes, t1.id)).toHaveLength(0);
    });

    it('applies nothing twice when the same push comes again', async () => {
      const again = await push('agent_a', deskA, [{ mutationId: 1, name: 'ticket.create', args: t1 }]);
      expect(again.body.results).toEqual([{ mutationId: 1, status: 'duplicate' }]);
      expect(ticketsIn((await pull('agent_b')).body.changes, t1.id)).toHaveLength(1);
    });

    it('refuses a gap until the desk resends from it', async () => {
      const r = await push('agent_a', deskA, [{ mutationId: 5, name: 'ticket.addNote', args: { id: t1.id, eventId: uuidv7(), note: '跳号', at: Date.now() } }]);
      expect(r.body).toMatchObject({ results: [], expectedMutationId: 2 });
    });

    it('records a mutation a rule refuses, with its reason, and applies the ones behind it', async () => {
      const r = await push('agent_a', deskA, [
        { mutationId: 2, name: 'ticket.setStatus', args: { id: t1.id, eventId: uuidv7(), from: 'new', to: 'resolved', note: null, at: Date.now() } },
        { mutationId: 3, name: 'ticket.frobnicate', args: {} },
        { mutationId: 4, name: 'ticket.setStatus', args: { id: t1.id, eventId: uuidv7(), from: 'new', to: 'in_progress', note: null, at: Date.now() } },
      ]);
      expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['rejected', 'rejected', 'applied']);
      expect(r.body.results[0].reason.code).toBe('INVALID_TRANSITION');
      expect(r.body.results[1].reason.code).toBe('UNKNOWN_MUTATION');
    });

    it('keeps the server order when two desks change the same status, and tells the later one both values', async () => {
      const deskB = randomUUID();
      // agent_b still believes the ticket is new; agent_a made it in_progress first.
      const r = await push('agent_b', deskB, [{ mutationId: 1, name: 'ticket.setStatus', args: { id: t1.id, eventId: uuidv7(), from: 'new', to: 'closed', note: '重复', at: Date.now() } }]);
      expect(r.body.results[0]).toMatchObject({
        status: 'rejected',
        reason: { code: 'CONFLICT', conflict: { field: 'status', yours: 'closed', theirs: 'in_progress', by: 'agent_a' } },
      });
    });

    it('merges edits of different fields, and refuses a stale edit of the same field with both values', async () => {
      const edit = (field: string, from: string, to: string) => ({ id: t1.id, eventId: uuidv7(), changes: { [field]: { from, to } }, at: Date.now() });
      const a = await push('agent_a', deskA, [{ mutationId: 5, name: 'ticket.edit', args: edit('priority', 'high', 'urgent') }]);
      const deskB = randomUUID();
      const b = await push('agent_b', deskB, [
        { mutationId: 1, name: 'ticket.edit', args: edit('category', '交通事故', '单车事故') },
        { mutationId: 2, name: 'ticket.edit', args: edit('priority', 'high', 'low') },
      ]);
      expect(a.body.results[0].status).toBe('applied');
      expect(b.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'rejected']);
      expect(b.body.results[1].reason.conflict).toEqual({ field: 'priority', yours: 'low', theirs: 'urgent', by: 'agent_a' });
      const tickets = (await pull('agent_a')).body.changes.filter((c: { entity: string; id: string }) => c.entity === 'ticket' && c.id === t1.id);
      expect(tickets.at(-1).data).toMatchObject({ priority: 'urgent', category: '单车事故', status: 'in_progress' });
    });

    it('acknowledges a mutation resent under a new desk id without applying it again', async () => {
      const note = { id: t1.id, eventId: uuidv7(), note: '只记一次', at: Date.now() };
      const first = await push('agent_a', deskA, [{ mutationId: 6, name: 'ticket.addNote', args: note }]);
      const again = await push('agent_a', randomUUID(), [{ mutationId: 1, name: 'ticket.addNote', args: note }]);
      expect([first.body.results[0].status, again.body.results[0].status]).toEqual(['applied', 'duplicate']);
      const copies = (await pull('agent_a')).body.changes.filter((c: { id: string }) => c.id === note.eventId);
      expect(copies).toHaveLength(1);
    });

    it('keeps both notes when two agents append at once', async () => {
      const [a, b] = await Promise.all([
        push('agent_a', deskA, [{ mutationId: 7, name: 'ticket.addNote', args: { id: t1.id, eventId: uuidv7(), note: 'A 的备注', at: 1 } }]),
        push('agent_b', randomUUID(), [{ mutationId: 1, name: 'ticket.addNote', args: { id: t1.id, eventId: uuidv7(), note: 'B 的备注', at: 2 } }]),
      ]);
      expect([a.body.results[0].status, b.body.results[0].status]).toEqual(['applied', 'applied']);
      const notes = (await pull('agent_a')).body.changes.filter((c: { entity: string; data: { kind: string } }) => c.entity === 'ticket_event' && c.data.kind === 'note');
      expect(notes.map((n: { data: { note: string } }) => n.data.note)).toEqual(expect.arrayContaining(['A 的备注', 'B 的备注']));
    });

    it('refuses a change to another office\'s ticket as if it did not exist', async () => {
      const r = await push('agent_c', randomUUID(), [{ mutationId: 1, name: 'ticket.addNote', args: { id: t1.id, eventId: uuidv7(), note: '越权', at: Date.now() } }]);
      expect(r.body.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'NOT_FOUND' } });
    });

    it('binds a desk id to the account that first used it', async () => {
      const r = await push('agent_b', deskA, [{ mutationId: 8, name: 'ticket.addNote', args: { id: t1.id, eventId: uuidv7(), note: '冒用', at: Date.now() } }]);
      expect(r.status).toBe(403);
    });

    it('refuses bad requests with a clear 4xx', async () => {
      expect((await api(ho.url, 'POST', '/api/sync/push', { clientId: randomUUID(), mutations: [] })).status).toBe(401);
      expect((await api(ho.url, 'POST', '/api/sync/push', { clientId: 'desk', mutations: 'all' }, token.agent_a)).status).toBe(400);
      expect((await api(ho.url, 'POST', '/api/sync/pull', { clientId: randomUUID(), cursor: { scopes: {} } }, token.agent_a)).status).toBe(400);
    });
  });

  describe(`sync on ${backend}: pull`, () => {
    it('pages with a cursor per scope and says when more waits', async () => {
      const first = (await pull('agent_a', {}, null, 2)).body;
      expect(first.changes).toHaveLength(2);
      expect(first.more).toBe(true);
      // The shared library comes first, then the agent's office.
      const scope = 'library';
      expect(first.changes.every((c: { scope: string }) => c.scope === scope)).toBe(true);
      expect(first.cursor.scopes[scope]).toBe(first.changes[1].version);
      const rest = (await pull('agent_a', first.cursor.scopes, first.cursor.epoch)).body;
      expect(rest.changes[0].version).toBe(first.changes[1].version + 1);
      expect(rest.more).toBe(false);
    });

    it('starts over when the cursor comes from another epoch', async () => {
      const all = (await pull('agent_a')).body;
      const stale = (await pull('agent_a', all.cursor.scopes, 'an-older-epoch')).body;
      expect(stale.reset).toBe(true);
      expect(stale.changes.length).toBe(all.changes.length);
    });

    it('names the scopes an agent lost when moved to another office', async () => {
      const before = (await pull('agent_c')).body;
      await api(ho.url, 'PATCH', `/api/accounts/${accountId.agent_c}`, { officeId: office1 }, token.root);
      const after = (await pull('agent_c', before.cursor.scopes, before.cursor.epoch)).body;
      expect(after.droppedScopes).toEqual([`office:${office2}`]);
      expect(Object.keys(after.cursor.scopes)).toEqual(['library', `office:${office1}`]);
      expect(after.changes.length).toBeGreaterThan(0);
    });

    it('reports a checksum a desk can recompute from the records it holds, tombstones included', async () => {
      const doomed = newTicket();
      const deskA = randomUUID();
      await push('agent_a', deskA, [{ mutationId: 1, name: 'ticket.create', args: doomed }]);
      const refused = await push('agent_a', deskA, [{ mutationId: 2, name: 'ticket.delete', args: { id: doomed.id, at: Date.now() } }]);
      expect(refused.body.results[0].reason.code).toBe('FORBIDDEN');
      await api(ho.url, 'POST', '/api/accounts', { login: 'lead_a', displayName: '组长', role: 'lead', officeId: office1, password: PASSWORD }, token.root);
      await signIn('lead_a');
      expect((await push('lead_a', randomUUID(), [{ mutationId: 1, name: 'ticket.delete', args: { id: doomed.id, at: Date.now() } }])).body.results[0].status).toBe('applied');
      const body = (await pull('agent_a')).body;
      const held = new Map<string, { entity: string; id: string; version: number }>();
      for (const c of body.changes.filter((x: { scope: string }) => x.scope === `office:${office1}`)) {
        if (c.deleted) held.delete(c.id);
        else held.set(c.id, c);
      }
      expect(held.has(doomed.id)).toBe(false);
      expect(body.changes.filter((c: { id: string; deleted: boolean }) => c.id === doomed.id && c.deleted)).toHaveLength(1);
      let sum = 0;
      for (const r of held.values()) sum = nextChecksum(sum, r.entity, r.id, null, r.version);
      expect(body.checksums[`office:${office1}`]).toBe(String(sum));
    });

    it('tells a desk that is further ahead than head office (a restore from backup) to start over, and no other desk', async () => {
      const now = (await pull('agent_a')).body;
      const scope = `office:${office1}`;
      const ahead = (await pull('agent_a', { [scope]: now.cursor.scopes[scope] + 50 }, now.cursor.epoch)).body;
      expect(ahead).toMatchObject({ reset: true, behind: true });
      expect(ahead.cursor.epoch).toBe(now.cursor.epoch);
      expect(ahead.changes.length).toBe(now.changes.length);
      const other = (await pull('agent_b', now.cursor.scopes, now.cursor.epoch)).body;
      expect(other).toMatchObject({ reset: false, behind: false, changes: [] });
    });

    it('answers a resent refused mutation with the same refusal, so a lost answer loses no notice', async () => {
      const desk = randomUUID();
      const bad = { id: uuidv7(), eventId: uuidv7(), note: '不存在的工单', at: Date.now() };
      const first = await push('agent_a', desk, [{ mutationId: 1, name: 'ticket.addNote', args: bad }]);
      const again = await push('agent_a', desk, [{ mutationId: 1, name: 'ticket.addNote', args: bad }]);
      expect(first.body.results[0]).toMatchObject({ status: 'rejected', reason: { code: 'NOT_FOUND' } });
      expect(again.body.results[0]).toEqual(first.body.results[0]);
    });

    it('asks only the desk that claims to be forgotten to resend, and a resent creation brings no deleted ticket back', async () => {
      const epoch = (await pull('agent_a')).body.cursor.epoch;
      const t = newTicket();
      await push('agent_a', randomUUID(), [{ mutationId: 1, name: 'ticket.create', args: t }]);
      await push('lead_a', randomUUID(), [{ mutationId: 1, name: 'ticket.delete', args: { id: t.id, at: Date.now() } }]);
      const forged = await push('agent_a', randomUUID(), [{ mutationId: 7, name: 'ticket.create', args: t }], epoch);
      expect(forged.body).toEqual({ epoch, results: [], forgotten: true });
      expect((await pull('agent_b')).body.cursor.epoch).toBe(epoch);
      const resent = await push('agent_a', randomUUID(), [{ mutationId: 1, name: 'ticket.create', args: t }]);
      expect(resent.body.results[0].status).toBe('duplicate');
      expect(ticketsIn((await pull('agent_b')).body.changes, t.id).at(-1)).toMatchObject({ deleted: true });
    });

    it('applies nothing from a desk that still pushes under an older epoch', async () => {
      const note = { id: uuidv7(), eventId: uuidv7(), note: '旧纪元的备注', at: Date.now() };
      const r = await push('agent_a', randomUUID(), [{ mutationId: 1, name: 'ticket.addNote', args: note }], 'an-older-epoch');
      expect(r.body.results).toEqual([]);
      expect((await pull('agent_a')).body.changes.some((c: { id: string }) => c.id === note.eventId)).toBe(false);
    });
  });
}
