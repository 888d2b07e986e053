import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../shared/head-office/auth.js';
import { officeScope, SyncedTicket } from '../../../shared/head-office/sync.js';
import { slaDueAt } from '../../../shared/domain/ticket-sla.js';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../../shared/domain/working-calendar.js';
import { migrateServer } from '../../../server/db/migrate.js';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations/index.js';
import { openSqlClient, type SqlClient } from '../../../server/db/sql-client.js';
import { flushAudits } from '../../../server/sync/audit-queue.js';
import { changeLogOf } from '../../../server/sync/change-log.js';
import { verifyAuditChain } from '../../../server/audit/audit-log.js';
import { MutationRejected } from '../../../server/sync/mutation-errors.js';
import { applyTicketMutation } from '../../../server/sync/ticket-mutations.js';
import { officeHoursOf } from '../../../server/tickets/office-hours.js';
import { openTicket } from '../../../server/tickets/open-ticket.js';
import { freshStore, type Backend } from '../../support/head-office-process.js';

const SHIFT: OfficeHours = { utcOffsetMinutes: 480, periods: [{ start: '08:30', end: '11:30' }, { start: '13:00', end: '17:30' }] };

/**
 * Tickets head office opens itself (an anti-fraud referral): row, history,
 * change log and deadline in the caller's transaction; nobody owns one
 * until an agent takes it (and then no other agent can take it away).
 */
export function ticketSlaSuite(backend: Backend): void {
  describe(`tickets head office opens, on ${backend}`, () => {
    let db: SqlClient;
    const office = randomUUID();
    const other = randomUUID();
    const account = (login: string, role: AccountView['role'], officeId: string | null = office): AccountView => ({ id: randomUUID(), login, displayName: login, role, officeId });
    const agentA = account('agent_sla_a', 'agent');
    const agentB = account('agent_sla_b', 'agent');

    beforeAll(async () => {
      const { dataDir, env } = await freshStore(backend);
      db = await openSqlClient({ databaseUrl: env.DATABASE_URL, dataDir });
      await migrateServer(db, SERVER_MIGRATIONS);
      await db.query(`INSERT INTO offices (id, code, name, working_hours) VALUES ($1, 'SLA1', '时效网点', $2::jsonb), ($3, 'SLA2', '默认网点', NULL)`, [office, JSON.stringify(SHIFT), other]);
      for (const a of [agentA, agentB]) {
        await db.query(`INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, $2, $3, $4, $5, 'x')`, [a.id, a.login, a.displayName, a.role, a.officeId]);
      }
    }, 120_000);
    afterAll(async () => {
      await db?.close();
    });

    const logged = async (id: string) =>
      (await db.query<{ data: unknown; scope: string }>(`SELECT data, scope FROM sync_changes WHERE entity = 'ticket' AND entity_id = $1 ORDER BY version DESC LIMIT 1`, [id]))[0]!;

    it('reads an office\'s hours, the default day where none are set', async () => {
      expect(await officeHoursOf(db, office)).toEqual(SHIFT);
      expect(await officeHoursOf(db, other)).toEqual(DEFAULT_OFFICE_HOURS);
    });

    it('opens a ticket with its number, history, deadline and logged change, unowned', async () => {
      const opened = await db.transaction((tx) =>
        openTicket(tx, { officeId: office, type: 'complaint', complaintLevel: 2, category: '反欺诈', title: '疑似虚构事故，转反欺诈团队', customerId: null }),
      );
      expect(opened.ticketNo).toMatch(/^GD\d{6}-/);
      const change = await logged(opened.id);
      expect(change.scope).toBe(officeScope(office));
      const t = SyncedTicket.parse(change.data);
      expect(t).toMatchObject({ status: 'new', owner: null, complaintLevel: 2, escalatedTo: 'complaint_team', slaHours: SHIFT, slaDueAt: opened.slaDueAt });
      expect(t.slaDueAt).toBe(slaDueAt('complaint', 2, t.slaStartedAt!, SHIFT));
      const events = await db.query<{ kind: string; account_id: string | null }>('SELECT kind, account_id FROM ticket_events WHERE ticket_id = $1', [opened.id]);
      expect(events).toEqual([{ kind: 'created', account_id: null }]);
    });

    it('lets an agent take an unowned ticket, and no colleague take it from them', async () => {
      const { id } = await db.transaction((tx) => openTicket(tx, { officeId: office, type: 'onsite_support', category: '上门', title: '老年客户需上门协助理赔资料' }));
      const take = (who: AccountView, from: string | null) =>
        db.transaction(async (tx) => {
          await applyTicketMutation['ticket.assign'](tx, who, { id, eventId: randomUUID(), from, to: who.id, at: Date.now() });
          await flushAudits(tx);
          await changeLogOf(tx).flush();
        });
      await take(agentA, null);
      expect(SyncedTicket.parse((await logged(id)).data).owner).toMatchObject({ id: agentA.id });
      await expect(take(agentB, agentA.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(take(agentB, agentA.id)).rejects.toBeInstanceOf(MutationRejected);
      const [row] = await db.query<{ owner_account_id: string }>('SELECT owner_account_id FROM tickets WHERE id = $1', [id]);
      expect(row!.owner_account_id).toBe(agentA.id);
      const audit = await db.query<{ actor_login: string }>(`SELECT actor_login FROM audit_log WHERE action = 'ticket.owner' AND subject_id = $1`, [id]);
      expect(audit).toEqual([{ actor_login: 'agent_sla_a' }]);
    });

    const auditRows = (subject: string, action: string) =>
      db.query<{ actor_login: string | null; detail: unknown }>('SELECT actor_login, detail FROM audit_log WHERE subject_id = $1 AND action = $2 ORDER BY seq', [subject, action]);
    const detailOf = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as Record<string, unknown>;

    it('audits the level a complaint is opened with, from none, and nothing for other types', async () => {
      const [complaintId, plainId] = await db.transaction(async (tx) => [
        (await openTicket(tx, { officeId: office, type: 'complaint', complaintLevel: 3, category: '媒体投诉', title: '客户已联系媒体', actorId: agentA.id })).id,
        (await openTicket(tx, { officeId: office, type: 'consultation', category: '咨询', title: '条款咨询' })).id,
      ]);
      const rows = await auditRows(complaintId, 'ticket.level');
      expect(rows.map((r) => [r.actor_login, detailOf(r.detail)])).toEqual([['agent_sla_a', expect.objectContaining({ from: null, to: 3 })]]);
      expect(await auditRows(plainId, 'ticket.level')).toHaveLength(0);
    });

    it('opens a level-2 complaint without an owner outside the complaint team', async () => {
      const outsider = account('agent_sla_c', 'agent');
      await db.query(`INSERT INTO accounts (id, login, display_name, role, office_id, password_hash, skills) VALUES ($1, $2, $2, 'agent', $3, 'x', '{new_business}')`, [
        outsider.id,
        outsider.login,
        office,
      ]);
      const opened = await db.transaction(async (tx) => [
        await openTicket(tx, { officeId: office, type: 'complaint', complaintLevel: 2, category: '理赔争议', title: '定损争议', ownerId: outsider.id }),
        await openTicket(tx, { officeId: office, type: 'complaint', complaintLevel: 2, category: '理赔争议', title: '定损争议二', ownerId: agentA.id }),
      ]);
      const owners = await db.query<{ id: string; owner_account_id: string | null }>('SELECT id, owner_account_id FROM tickets WHERE id = ANY($1::uuid[])', [opened.map((o) => o.id)]);
      expect(Object.fromEntries(owners.map((o) => [o.id, o.owner_account_id]))).toEqual({ [opened[0]!.id]: null, [opened[1]!.id]: agentA.id });
    });

    it('holds a group\'s audit entries back until the end of its transaction, then appends them in order on one chain', async () => {
      const ids = await db.transaction(async (tx) => [
        (await openTicket(tx, { officeId: office, type: 'complaint', category: '服务态度', title: '分组一' })).id,
        (await openTicket(tx, { officeId: office, type: 'onsite_support', category: '上门', title: '分组二' })).id,
      ]);
      const lead = account('lead_sla', 'lead');
      await db.query(`INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, $2, $2, 'lead', $3, 'x')`, [lead.id, lead.login, office]);
      const before = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log'))[0]!.n);
      const seen: number[] = [];
      const count = async (tx: { query: typeof db.query }) => Number((await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log'))[0]!.n);
      await db.transaction(async (tx) => {
        await applyTicketMutation['ticket.setLevel'](tx, lead, { id: ids[0]!, eventId: randomUUID(), from: 1, to: 2, reason: '涉及理赔争议', at: Date.now() });
        await applyTicketMutation['ticket.assign'](tx, lead, { id: ids[1]!, eventId: randomUUID(), from: null, to: agentB.id, at: Date.now() });
        await applyTicketMutation['ticket.setLevel'](tx, lead, { id: ids[0]!, eventId: randomUUID(), from: 2, to: 3, reason: '客户联系媒体', at: Date.now() });
        // Nothing appended (and the chain's lock not taken) while the group still locks tickets.
        seen.push(await count(tx));
        await flushAudits(tx);
        seen.push(await count(tx));
        await changeLogOf(tx).flush();
      });
      expect(seen).toEqual([before, before + 3]);
      const last = await db.query<{ action: string; subject_id: string; detail: unknown }>('SELECT action, subject_id, detail FROM audit_log ORDER BY seq DESC LIMIT 3');
      expect(last.reverse().map((r) => [r.action, r.subject_id, detailOf(r.detail).to])).toEqual([
        ['ticket.level', ids[0], 2],
        ['ticket.owner', ids[1], agentB.id],
        ['ticket.level', ids[0], 3],
      ]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, brokenAt: null });
    });
  });
}
