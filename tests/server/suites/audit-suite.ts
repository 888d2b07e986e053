import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../../../shared/domain/audit-chain.js';
import { searchAuditLog } from '../../../server/audit/audit-routes.js';
import type { AccountView } from '../../../shared/head-office/auth.js';
import { appendAudit, AUDIT_COLUMNS, auditEntryFromRow, sha256Hex, verifyAuditChain, type AuditRow } from '../../../server/audit/audit-log.js';
import { migrateServer } from '../../../server/db/migrate.js';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations/index.js';
import { openSqlClient, type SqlClient } from '../../../server/db/sql-client.js';
import { freshStore, type Backend } from '../../support/head-office-process.js';

/**
 * The audit log's chain on each database backend: writers in parallel
 * still make one line, the database refuses to change or remove an entry,
 * and an entry changed behind the trigger's back is found by its seq.
 */
export function auditSuite(backend: Backend): void {
  describe(`audit log on ${backend}`, () => {
    let db: SqlClient;
    const office = randomUUID();
    const actor = { id: randomUUID(), login: 'lead_audit' };

    beforeAll(async () => {
      const { dataDir, env } = await freshStore(backend);
      db = await openSqlClient({ databaseUrl: env.DATABASE_URL, dataDir });
      await migrateServer(db, SERVER_MIGRATIONS);
    }, 120_000);
    afterAll(async () => {
      await db?.close();
    });

    const count = async () => Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_log'))[0]!.n);

    it('makes one unbroken chain of 50 appends written at once', async () => {
      const before = await count();
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          db.transaction((tx) =>
            appendAudit(tx, { officeId: office, actor, action: 'pii.reveal', subjectType: 'customer', subjectId: `c-${i}`, detail: { field: 'phone', i } }),
          ),
        ),
      );
      expect(await count()).toBe(before + 50);
      const seqs = (await db.query<{ seq: string }>('SELECT seq::text AS seq FROM audit_log ORDER BY audit_log.seq')).map((r) => Number(r.seq));
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      const last = (await db.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1'))[0]!;
      expect(await verifyAuditChain(db, 7)).toEqual({ ok: true, checked: before + 50, brokenAt: null, truncated: false, head: { seq: Number(last.seq), hash: last.hash } });
      // Times follow the chain: a later entry is never earlier.
      const times = (await db.query<{ t: string }>(`SELECT extract(epoch FROM at)::text AS t FROM audit_log ORDER BY seq`)).map((r) => Number(r.t));
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('takes a transaction of its own when given the client rather than one', async () => {
      const before = await count();
      await Promise.all(Array.from({ length: 10 }, (_, i) => appendAudit(db, { officeId: office, actor, action: 'policy.view', subjectType: 'policy', subjectId: `p-${i}` })));
      expect(await count()).toBe(before + 10);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, brokenAt: null });
    });

    it('writes nothing when the transaction that records it rolls back, and refuses an unknown action', async () => {
      const before = await count();
      await expect(
        db.transaction(async (tx) => {
          await appendAudit(tx, { officeId: office, actor, action: 'policy.view', subjectType: 'policy', subjectId: 'p-1', detail: {} });
          throw new Error('the view failed');
        }),
      ).rejects.toThrow('the view failed');
      await expect(db.transaction((tx) => appendAudit(tx, { officeId: office, actor, action: 'made.up', subjectType: 'x', subjectId: 'y' }))).rejects.toThrow(/unknown audit action/);
      expect(await count()).toBe(before);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it('keeps the exact instant and detail it hashed (milliseconds, nested keys, Chinese text)', async () => {
      const entry = await db.transaction((tx) =>
        appendAudit(tx, { officeId: null, actor: null, action: 'verification.attempt', subjectType: 'customer', subjectId: 'c-zh', detail: { z: 1.5, a: { note: '客户说"车牌"不对', list: [3, 1] }, skipped: undefined } }),
      );
      expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const [row] = await db.query<{ at: string }>(`SELECT (extract(epoch FROM at) * 1000)::bigint::text AS at FROM audit_log WHERE seq = $1`, [entry.seq]);
      expect(Number(row!.at)).toBe(Date.parse(entry.at));
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, brokenAt: null });
    });

    it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
      await expect(db.query(`UPDATE audit_log SET actor_login = 'someone' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/append-only/);
      await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      expect((await db.query<{ l: string }>('SELECT actor_login AS l FROM audit_log WHERE seq = 1'))[0]!.l).toBe('lead_audit');
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    /** As the table owner can: with the append-only trigger switched off. */
    const behindTheTrigger = async (sql: string, params: unknown[] = []) => {
      await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
      try {
        await db.query(sql, params);
      } finally {
        await db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
      }
    };

    it('shows the newest entries removed, and a later append does not hide it', async () => {
      const [newest, previous] = (await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY audit_log.seq DESC LIMIT 2`)).map(auditEntryFromRow);
      await behindTheTrigger('DELETE FROM audit_log WHERE seq = $1', [newest!.seq]);
      expect(await verifyAuditChain(db, 7)).toEqual({ ok: false, checked: newest!.seq - 1, brokenAt: null, truncated: true, head: { seq: newest!.seq, hash: newest!.hash } });

      // Another entry put in its place that chains well is still not the one appended.
      const forged = { ...newest!, subjectId: 'someone-else', prevHash: previous!.hash };
      forged.hash = entryHash(previous!.hash, forged, sha256Hex);
      await db.query(
        `INSERT INTO audit_log (seq, at, office_id, actor_id, actor_login, action, subject_type, subject_id, detail, prev_hash, hash)
         VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
        [forged.seq, forged.at, forged.officeId, forged.actorId, forged.actorLogin, forged.action, forged.subjectType, forged.subjectId, JSON.stringify(forged.detail), forged.prevHash, forged.hash],
      );
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: newest!.seq, truncated: false });
      await behindTheTrigger('DELETE FROM audit_log WHERE seq = $1', [newest!.seq]);

      // The next append follows the recorded head: the removed entry stays a gap.
      const next = await appendAudit(db, { officeId: office, actor, action: 'policy.view', subjectType: 'policy', subjectId: 'p-after' });
      expect(next.seq).toBe(newest!.seq + 1);
      expect(next.prevHash).toBe(newest!.hash);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: newest!.seq, truncated: false, head: { seq: next.seq, hash: next.hash } });
    });

    it('reports the seq of an entry edited behind the trigger (by the table owner)', async () => {
      await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
      try {
        await db.query(`UPDATE audit_log SET detail = jsonb_set(detail, '{field}', '"id_number"') WHERE seq = 17`);
      } finally {
        await db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
      }
      expect(await verifyAuditChain(db, 5)).toMatchObject({ ok: false, checked: 16, brokenAt: 17 });
      // Still refused once the trigger is back.
      await expect(db.query('DELETE FROM audit_log WHERE seq = 17')).rejects.toThrow(/append-only/);
    });

    it("finds a ticket or claim by its number and a customer by name, within the lead's office, naming ids without storing names", async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      await db.query(`INSERT INTO offices (id, code, name) VALUES ($1, 'SJ01', '审计甲网点'), ($2, 'SJ02', '审计乙网点')`, [a, b]);
      const lead = (office: string, login: string): AccountView => ({ id: randomUUID(), login, displayName: login, role: 'lead', officeId: office });
      const [leadA, leadB] = [lead(a, 'lead_sj_a'), lead(b, 'lead_sj_b')];
      for (const l of [leadA, leadB]) {
        await db.query(`INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, $2, $3, 'lead', $4, 'x')`, [l.id, l.login, `组长${l.login}`, l.officeId]);
      }
      const [zhangA, zhangB, liA] = [randomUUID(), randomUUID(), randomUUID()];
      await db.query(
        `INSERT INTO customers (id, name, phone, office_id) VALUES ($1, '张伟', '13900005001', $4), ($2, '张伟', '13900005002', $5), ($3, '李娜', '13900005003', $4)`,
        [zhangA, zhangB, liA, a, b],
      );
      const ticket = randomUUID();
      await db.query(
        `INSERT INTO tickets (id, office_id, ticket_no, type, category, priority, status, title, customer_id, version) VALUES ($1, $2, 'T260601AB12CD', 'complaint', 'service', 'high', 'open', '投诉', $3, 1)`,
        [ticket, a, zhangA],
      );
      const [policy, conversation, claim] = [randomUUID(), randomUUID(), randomUUID()];
      await db.query(`INSERT INTO policies (id, customer_id, policy_no, kind, starts_on, expires_on, status) VALUES ($1, $2, 'PDAA2026SJ0001', 'commercial', '2026-01-01', '2026-12-31', 'active')`, [policy, liA]);
      await db.query(`INSERT INTO conversations (id, channel, customer_name, skill_group, state) VALUES ($1, 'web', '李娜', 'general', 'closed')`, [conversation]);
      await db.query(
        `INSERT INTO claims (id, claim_no, customer_id, policy_id, conversation_id, office_id, type, stage, accident_at, place, account, damage, reported_at, late, expected_from, expected_to, created_by)
         VALUES ($1, 'BA20260601000007', $2, $3, $4, $5, 'traffic', 'reported', now(), '南京', '追尾', '后杠', now(), false, '2026-06-02', '2026-06-08', $6)`,
        [claim, liA, policy, conversation, a, leadA.id],
      );
      const actorA = { id: leadA.id, login: leadA.login };
      const entry = (officeId: string, action: string, subjectType: string, subjectId: string, detail: Record<string, unknown> = {}) =>
        appendAudit(db, { officeId, actor: actorA, action, subjectType, subjectId, detail });
      const onTicket = await entry(a, 'ticket.owner', 'ticket', ticket, { from: null, to: leadA.id });
      const onClaim = await entry(a, 'claim.fraud_referral', 'claim', claim, { signals: ['cash_only'] });
      const onZhangA = await entry(a, 'pii.reveal', 'customer', zhangA, { actingOfficeId: a, conversationId: conversation });
      const namingZhangA = await entry(a, 'policy.view', 'policy', policy, { customerId: zhangA });
      const onZhangB = await entry(b, 'pii.reveal', 'customer', zhangB, { actingOfficeId: b });
      await entry(a, 'pii.reveal', 'customer', liA, {});
      const seqs = (page: { entries: { seq: number }[] }) => page.entries.map((e) => e.seq);

      // 工单号 and 报案号 stand for their subject (case aside); the id still works.
      expect(seqs(await searchAuditLog(db, leadA, { subject: 'T260601AB12CD' }))).toEqual([onTicket.seq]);
      expect(seqs(await searchAuditLog(db, leadA, { subject: 't260601ab12cd' }))).toEqual([onTicket.seq]);
      expect(seqs(await searchAuditLog(db, leadA, { subject: 'BA20260601000007' }))).toEqual([onClaim.seq]);
      expect(seqs(await searchAuditLog(db, leadA, { subject: ticket }))).toEqual([onTicket.seq]);
      // Another office's lead does not reach them by number.
      expect(seqs(await searchAuditLog(db, leadB, { subject: 'T260601AB12CD' }))).toEqual([]);

      // By name: the office's 张伟, their ticket, and entries naming them; not the other office's 张伟.
      const byName = await searchAuditLog(db, leadA, { customer: '张伟' });
      expect(seqs(byName)).toEqual([namingZhangA.seq, onZhangA.seq, onTicket.seq]);
      expect(seqs(await searchAuditLog(db, leadB, { customer: '张伟' }))).toEqual([onZhangB.seq]);
      expect(seqs(await searchAuditLog(db, leadA, { customer: '王五' }))).toEqual([]);

      // Ids come with what they stand for; ids that name nothing the lead may read come without.
      expect(byName.names[a]).toEqual({ kind: 'office', label: '审计甲网点' });
      expect(byName.names[ticket]).toEqual({ kind: 'ticket', label: 'T260601AB12CD' });
      expect(byName.names[zhangA]).toEqual({ kind: 'customer', label: '张伟' });
      expect(byName.names[leadA.id]).toEqual({ kind: 'account', label: `组长${leadA.login} (${leadA.login})` });
      expect(byName.names[conversation]).toBeUndefined();
      expect((await searchAuditLog(db, leadB, { subject: zhangA })).names[zhangA]).toBeUndefined();

      // The search went on the record with the customers found, never the name.
      const [own] = (await searchAuditLog(db, leadA, { action: 'audit.search', actor: leadA.login, limit: 2 })).entries.slice(1);
      expect(own!.detail).toEqual({ filters: { customerIds: [zhangA] }, found: 3 });
      const recorded = await db.query<{ detail: unknown }>(`SELECT detail FROM audit_log WHERE action = 'audit.search' AND actor_login = $1`, [leadA.login]);
      expect(JSON.stringify(recorded)).not.toContain('张伟');
    });
  });
}
