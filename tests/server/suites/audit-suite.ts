import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../../../shared/domain/audit-chain.js';
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
  });
}
