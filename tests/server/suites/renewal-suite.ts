import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateServer } from '../../../server/db/migrate.js';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations/index.js';
import { openSqlClient, type SqlClient } from '../../../server/db/sql-client.js';
import { generateRenewalTasks, generateRenewalTasksNow, listRenewalTasks, recordOutcome } from '../../../server/renewals/renewal-tasks.js';
import type { AccountView } from '../../../shared/head-office/auth.js';
import { freshStore, type Backend } from '../../support/head-office-process.js';

/**
 * Renewal task generation on each database backend, with the date moved by
 * hand: steps appear as their dates come within reach, generators running
 * at once make each task once, a renewal made as a newer policy stops the
 * reminders, and an outcome closes the rest.
 */
export function renewalSuite(backend: Backend): void {
  describe(`renewal tasks on ${backend}`, () => {
    let db: SqlClient;
    const office = randomUUID();
    const agent: AccountView = { id: randomUUID(), login: 'agent_renewal', displayName: '续保坐席', role: 'agent', officeId: office };

    beforeAll(async () => {
      const { dataDir, env } = await freshStore(backend);
      db = await openSqlClient({ databaseUrl: env.DATABASE_URL, dataDir });
      await migrateServer(db, SERVER_MIGRATIONS);
      await db.query(`INSERT INTO offices (id, code, name) VALUES ($1, 'XB01', '续保组')`, [office]);
      await db.query(`INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, 'agent_renewal', '续保坐席', 'agent', $2, 'x')`, [
        agent.id,
        office,
      ]);
    }, 120_000);
    afterAll(async () => {
      await db?.close();
    });

    let phoneSeq = 0;
    async function policy(expiresOn: string, o: { vehicleId?: string; customerId?: string; status?: string; kind?: 'compulsory' | 'commercial' } = {}) {
      const customerId = o.customerId ?? randomUUID();
      if (!o.customerId) {
        phoneSeq += 1;
        await db.query(`INSERT INTO customers (id, name, phone, office_id) VALUES ($1, '客户', $2, $3)`, [customerId, `1390000${String(phoneSeq).padStart(4, '0')}`, office]);
      }
      const vehicleId = o.vehicleId ?? randomUUID();
      if (!o.vehicleId) await db.query(`INSERT INTO vehicles (id, customer_id, plate, model) VALUES ($1, $2, '苏A·B1234', '大众朗逸')`, [vehicleId, customerId]);
      const id = randomUUID();
      await db.query(
        `INSERT INTO policies (id, customer_id, vehicle_id, policy_no, kind, starts_on, expires_on, status) VALUES ($1, $2, $3, $4, $7, ($5::date - 365), $5::date, $6)`,
        [id, customerId, vehicleId, `PDAA${id.replace(/-/g, '').slice(0, 16).toUpperCase()}`, expiresOn, o.status ?? 'active', o.kind ?? 'commercial'],
      );
      return { id, customerId, vehicleId };
    }
    const stepsOf = async (policyId: string) =>
      (await db.query<{ s: string }>(`SELECT step || '@' || due_on::text || ':' || status AS s FROM renewal_tasks WHERE policy_id = $1 ORDER BY due_on`, [policyId])).map((r) => r.s);

    it('adds each step as its date comes within 30 days, across the end of February', async () => {
      const p = await policy('2028-03-31');
      expect(await generateRenewalTasksNow(db, '2028-01-30')).toBe(0);
      expect(await generateRenewalTasksNow(db, '2028-01-31')).toBe(1);
      expect(await stepsOf(p.id)).toEqual(['first_reminder@2028-03-01:open']);
      expect(await generateRenewalTasksNow(db, '2028-02-29')).toBe(2);
      expect(await stepsOf(p.id)).toEqual(['first_reminder@2028-03-01:open', 'detailed_plan@2028-03-16:open', 'renewal_link@2028-03-24:open']);
      expect(await generateRenewalTasksNow(db, '2028-03-05')).toBe(1);
      expect(await stepsOf(p.id)).toContain('lapsed_follow_up@2028-04-03:open');
      expect(await generateRenewalTasksNow(db, '2028-03-05')).toBe(0);
    });

    it('makes each task once when generators run at the same time', async () => {
      const ps = await Promise.all(Array.from({ length: 5 }, () => policy('2029-06-20')));
      const made = await Promise.all(Array.from({ length: 4 }, () => db.transaction((tx) => generateRenewalTasks(tx, '2029-06-01'))).map((p) => p.catch(() => 0)));
      const again = await generateRenewalTasksNow(db, '2029-06-01');
      expect(made.reduce((a, b) => a + b, 0) + again).toBe(20);
      for (const p of ps) expect(await stepsOf(p.id)).toHaveLength(4);
    });

    it('leaves a policy already renewed as a newer one on the same vehicle, and a cancelled one', async () => {
      const old = await policy('2030-05-10');
      await policy('2031-05-10', { customerId: old.customerId, vehicleId: old.vehicleId });
      const cancelled = await policy('2030-05-10', { status: 'cancelled' });
      await generateRenewalTasksNow(db, '2030-05-01');
      expect(await stepsOf(old.id)).toEqual([]);
      expect(await stepsOf(cancelled.id)).toEqual([]);
    });

    it('closes the remaining steps on a renewal and makes none later', async () => {
      const p = await policy('2032-07-15');
      await generateRenewalTasksNow(db, '2032-07-01');
      const [task] = (await listRenewalTasks(db, agent, 'all', '2032-07-01')).tasks.filter((t) => t.policyId === p.id);
      expect(task!.step).toBe('detailed_plan');
      await recordOutcome(db, agent, task!.id, { outcome: 'renewed' }, '2032-07-01');
      expect(await stepsOf(p.id)).toEqual(['detailed_plan@2032-06-30:done', 'renewal_link@2032-07-08:closed', 'lapsed_follow_up@2032-07-18:closed']);
      expect(await generateRenewalTasksNow(db, '2032-07-16')).toBe(0);
      expect(await stepsOf(p.id)).toHaveLength(3);
    });

    it("works one vehicle's 交强险 and 商业险 expiring the same day as one task: one outcome settles both", async () => {
      const commercial = await policy('2033-09-20');
      const compulsory = await policy('2033-09-20', { customerId: commercial.customerId, vehicleId: commercial.vehicleId, kind: 'compulsory' });
      // Another vehicle of the same customer, same day: its own task.
      const other = await policy('2033-09-20', { customerId: commercial.customerId });
      await generateRenewalTasksNow(db, '2033-09-06');
      // Still one row per policy and step: generation stays idempotent on (policy, step).
      expect(await stepsOf(commercial.id)).toHaveLength(3);
      expect(await stepsOf(compulsory.id)).toHaveLength(3);
      const mine = (await listRenewalTasks(db, agent, 'all', '2033-09-06')).tasks.filter((t) => t.customerId === commercial.customerId);
      expect(mine.map((t) => `${t.step}:${t.policies.map((p) => p.kind).join('+')}`).sort()).toEqual([
        'detailed_plan:commercial',
        'detailed_plan:compulsory+commercial',
        'lapsed_follow_up:commercial',
        'lapsed_follow_up:compulsory+commercial',
        'renewal_link:commercial',
        'renewal_link:compulsory+commercial',
      ]);
      const pair = mine.find((t) => t.step === 'detailed_plan' && t.policies.length === 2)!;
      expect(pair.policies.map((p) => p.policyId)).toEqual([compulsory.id, commercial.id]);

      // A call back moves both.
      const moved = await recordOutcome(db, agent, pair.id, { outcome: 'callback', callbackOn: '2033-09-08' }, '2033-09-06');
      expect(moved.policies).toHaveLength(2);
      expect((await stepsOf(compulsory.id))[0]).toBe('detailed_plan@2033-09-08:open');
      expect((await stepsOf(commercial.id))[0]).toBe('detailed_plan@2033-09-08:open');
      // Declined on the commercial row settles the compulsory one too, and closes both policies' later steps.
      const commercialRow = pair.policies.find((p) => p.kind === 'commercial')!.taskId;
      await recordOutcome(db, agent, commercialRow, { outcome: 'declined', reason: 'vehicle_sold' }, '2033-09-07');
      for (const p of [compulsory, commercial]) {
        expect(await stepsOf(p.id)).toEqual(['detailed_plan@2033-09-08:done', 'renewal_link@2033-09-13:closed', 'lapsed_follow_up@2033-09-23:closed']);
      }
      const [declined] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM renewal_tasks WHERE policy_id = ANY($1::uuid[]) AND outcome = 'declined' AND decline_reason = 'vehicle_sold'`, [
        [compulsory.id, commercial.id],
      ]);
      expect(declined!.n).toBe('2');
      // The other vehicle's task is untouched, and generation brings nothing back.
      expect(await stepsOf(other.id)).toEqual(['detailed_plan@2033-09-05:open', 'renewal_link@2033-09-13:open', 'lapsed_follow_up@2033-09-23:open']);
      expect(await generateRenewalTasksNow(db, '2033-09-07')).toBe(0);
    });
  });
}
