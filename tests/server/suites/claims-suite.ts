import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../shared/head-office/auth.js';
import { CLAIM_NO_PATTERN } from '../../../shared/domain/claims.js';
import { createClaimService } from '../../../server/claims/claim-service.js';
import { migrateServer } from '../../../server/db/migrate.js';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations/index.js';
import { openSqlClient, type SqlClient } from '../../../server/db/sql-client.js';
import { freshStore, type Backend } from '../../support/head-office-process.js';

/**
 * Claims under real concurrency on each backend (PostgreSQL runs the
 * transactions side by side; PGlite one after another): reports made at
 * once get distinct numbers, a stage asked for by many at once is
 * notified once, a referral clicked by many opens one ticket.
 */
export function claimsSuite(backend: Backend): void {
  describe(`claims on ${backend}`, () => {
    let db: SqlClient;
    const officeId = randomUUID();
    const agents: AccountView[] = [];
    const customerId = randomUUID();
    const policyId = randomUUID();
    const conversations: string[] = [];
    const phone = `137${String(Date.now()).slice(-8)}`;
    /** Verified in a conversation until `expiresIn` ms from now (the identity check's own record, as it writes it). */
    const verify = (conversationId: string, expiresIn = 3_600_000) =>
      db.query(
        `INSERT INTO identity_verifications (conversation_id, customer_id, policy_passed_at, id_last4_passed_at, sms_code_passed_at, verified_at, expires_at)
         VALUES ($1, $2, now(), now(), now(), now(), $3)
         ON CONFLICT (conversation_id, customer_id) DO UPDATE SET verified_at = now(), expires_at = $3`,
        [conversationId, customerId, new Date(Date.now() + expiresIn)],
      );

    beforeAll(async () => {
      const { dataDir, env } = await freshStore(backend);
      db = await openSqlClient({ databaseUrl: env.DATABASE_URL, dataDir });
      await migrateServer(db, SERVER_MIGRATIONS);
      await db.query(`INSERT INTO offices (id, code, name) VALUES ($1, $2, '理赔测试网点')`, [officeId, `CL${officeId.slice(0, 6)}`]);
      for (let i = 0; i < 6; i++) {
        const a: AccountView = { id: randomUUID(), login: `claims_${officeId.slice(0, 6)}_${i}`, displayName: `坐席${i}`, role: 'agent', officeId };
        await db.query(`INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, $2, $3, 'agent', $4, 'x')`, [a.id, a.login, a.displayName, officeId]);
        agents.push(a);
      }
      await db.query(`INSERT INTO customers (id, name, phone, office_id) VALUES ($1, '郑先生', $2, $3)`, [customerId, phone, officeId]);
      await db.query(
        `INSERT INTO policies (id, customer_id, policy_no, kind, starts_on, expires_on, status) VALUES ($1, $2, $3, 'commercial', current_date - 200, current_date + 165, 'active')`,
        [policyId, customerId, `PDAA${Date.now()}`],
      );
      // One web chat conversation per agent, each with the linked customer.
      for (const a of agents) {
        const id = randomUUID();
        await db.query(
          `INSERT INTO conversations (id, channel, customer_id, customer_name, skill_group, state, assignee_id, assigned_at) VALUES ($1, 'webchat', $2, '郑先生', 'claims', 'assigned', $3, now())`,
          [id, customerId, a.id],
        );
        conversations.push(id);
        await verify(id);
      }
    }, 120_000);
    afterAll(async () => {
      await db?.close();
    });

    const report = (i: number, on = policyId, type: 'traffic' | 'natural_disaster' | 'theft' = 'traffic') =>
      createClaimService(db).report(agents[i]!, conversations[i]!, {
        id: randomUUID(),
        policyId: on,
        type,
        accidentAt: Date.now() - 3_600_000,
        place: '南京市中山路',
        parties: [{ role: 'insured' }],
        account: '追尾',
        damage: '后保险杠',
      });

    it('numbers reports made at once without a clash', async () => {
      const made = await Promise.all(agents.map((_, i) => report(i)));
      const numbers = made.map((m) => m.claim.claimNo);
      for (const n of numbers) expect(n).toMatch(CLAIM_NO_PATTERN);
      expect(new Set(numbers).size).toBe(agents.length);
    });

    it('notifies a stage once however many ask for it at once', async () => {
      const { claim } = await report(0);
      const service = createClaimService(db);
      const results = await Promise.all(agents.map((a) => service.advance(a, claim.id, { to: 'surveying', surveyAt: Date.now() + 86_400_000 })));
      expect(results.filter((r) => r.notified)).toHaveLength(1);
      const [row] = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM conversation_messages WHERE conversation_id = $1 AND direction = 'system' AND body LIKE '%查勘定损%'`, [
        conversations[0],
      ]);
      expect(Number(row!.n)).toBe(1);
      expect((await service.get(agents[1]!, claim.id)).notified.map((n) => n.stage)).toEqual(['reported', 'surveying']);
    });

    it('refuses a report while the customer is not verified in the conversation, writing nothing', async () => {
      await db.query(`UPDATE identity_verifications SET expires_at = now() - interval '1 second' WHERE conversation_id = $1`, [conversations[5]]);
      const [before] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM claims');
      await expect(report(5)).rejects.toMatchObject({ code: 'NOT_VERIFIED' });
      await db.query('DELETE FROM identity_verifications WHERE conversation_id = $1', [conversations[5]]);
      await expect(report(5)).rejects.toMatchObject({ code: 'NOT_VERIFIED' });
      const [after] = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM claims');
      expect(after!.n).toBe(before!.n);
      await verify(conversations[5]!);
      expect((await report(5)).created).toBe(true);
    });

    it('sends a notice by SMS, never into the chat, once the verification has run out in an open conversation', async () => {
      const { claim } = await report(2);
      await db.query(`UPDATE identity_verifications SET expires_at = now() - interval '1 second' WHERE conversation_id = $1`, [conversations[2]]);
      const { claim: after } = await createClaimService(db).advance(agents[2]!, claim.id, { to: 'surveying', surveyAt: Date.now() + 86_400_000 });
      expect(after.notified.map((n) => [n.stage, n.via])).toEqual([
        ['reported', 'conversation'],
        ['surveying', 'sms'],
      ]);
      const messages = await db.query<{ direction: string; body: string }>(
        `SELECT direction, body FROM conversation_messages WHERE conversation_id = $1 AND body LIKE '%查勘定损%'`,
        [conversations[2]],
      );
      expect(messages.map((m) => m.direction)).toEqual(['note']);
      const sms = await db.query<{ recipient: string; body: string }>(`SELECT recipient, body FROM channel_outbound WHERE channel = 'sms' AND body LIKE $1`, [`%${claim.claimNo}%`]);
      expect(sms).toEqual([{ recipient: phone, body: expect.stringContaining('查勘定损') }]);
    });

    it('settles only once every material request is answered, within the policy\'s cover read from its JSONB, notified once', async () => {
      await db.query(`UPDATE policies SET coverages = $2::jsonb WHERE id = $1`, [policyId, JSON.stringify([{ code: 'third_party', limitYuan: 300_000 }])]);
      const { claim } = await report(3);
      expect(claim.payoutLimitYuan).toBe(300_000);
      const service = createClaimService(db);
      await service.advance(agents[3]!, claim.id, { to: 'surveying', surveyAt: Date.now() + 86_400_000 });
      const dueOn = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      await service.advance(agents[3]!, claim.id, { to: 'materials', materials: ['维修发票'], dueOn });
      const requestId = randomUUID();
      await service.requestMaterials(agents[3]!, claim.id, { id: requestId, materials: ['维修发票'] });
      const sent = async () => (await db.query('SELECT 1 FROM conversation_messages WHERE conversation_id = $1 AND body LIKE $2', [conversations[3], '%赔付金额%'])).length;

      await expect(service.advance(agents[3]!, claim.id, { to: 'settled', payoutYuan: 1000 })).rejects.toMatchObject({ code: 'MATERIALS_OUTSTANDING', issues: [{ path: 'materialRequests', message: requestId }] });
      await service.materialsReceived(agents[3]!, claim.id, requestId);
      await expect(service.advance(agents[3]!, claim.id, { to: 'settled', payoutYuan: 300_000.5 })).rejects.toMatchObject({ code: 'BAD_REQUEST', issues: [{ path: 'payoutYuan', message: 'payout_over_limit' }] });
      expect(await sent()).toBe(0);
      expect((await service.get(agents[3]!, claim.id)).stage).toBe('materials');

      const results = await Promise.all(agents.slice(0, 4).map((a) => service.advance(a, claim.id, { to: 'settled', payoutYuan: 300_000 })));
      expect(results.filter((r) => r.notified)).toHaveLength(1);
      expect(await sent()).toBe(1);
    });

    it('bounds the payout by every policy of the car in force at the accident, whichever one the claim is filed on', async () => {
      // A 120,000-yuan car with its 交强险 and commercial policy in force, a cancelled policy and one that ended last year.
      const vehicleId = randomUUID();
      await db.query(`INSERT INTO vehicles (id, customer_id, plate, model, price_yuan) VALUES ($1, $2, '苏A12345', '大众 朗逸', 120000)`, [vehicleId, customerId]);
      const policy = async (kind: string, covers: unknown[], period: string, status = 'active') => {
        const id = randomUUID();
        await db.query(
          `INSERT INTO policies (id, customer_id, vehicle_id, policy_no, kind, coverages, starts_on, expires_on, status) VALUES ($1, $2, $3, $4, $5, $6::jsonb, ${period}, $7)`,
          [id, customerId, vehicleId, `PD${randomUUID().slice(0, 18)}`, kind, JSON.stringify(covers), status],
        );
        return id;
      };
      const inForce = 'current_date - 100, current_date + 265';
      const compulsory = await policy('compulsory', [{ code: 'compulsory_liability', limitYuan: null }], inForce);
      await policy('commercial', [{ code: 'vehicle_damage', limitYuan: null }, { code: 'third_party', limitYuan: 1_000_000 }, { code: 'driver_seat', limitYuan: 10_000 }], inForce);
      await policy('commercial', [{ code: 'third_party', limitYuan: 3_000_000 }], inForce, 'cancelled');
      await policy('commercial', [{ code: 'passenger_seat', limitYuan: 50_000 }], 'current_date - 500, current_date - 135', 'expired');

      // Filed on the 交强险 policy, paid also from the commercial one: 200,000 + 120,000 + 1,000,000 + 10,000.
      const { claim } = await report(4, compulsory);
      expect(claim.payoutLimitYuan).toBe(1_330_000);
      // The car's own loss (a storm) stops at what the car is worth, though 三者险 is 1,000,000.
      expect((await report(4, compulsory, 'natural_disaster')).claim.payoutLimitYuan).toBe(120_000);
      const service = createClaimService(db);
      await service.advance(agents[4]!, claim.id, { to: 'surveying', surveyAt: Date.now() + 86_400_000 });
      const dueOn = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
      await service.advance(agents[4]!, claim.id, { to: 'materials', materials: ['维修发票'], dueOn });
      // Paid under several covers: above 交强险's 200,000 and above 三者险's 1,000,000, within their sum.
      await expect(service.advance(agents[4]!, claim.id, { to: 'settled', payoutYuan: 1_330_000.01 })).rejects.toMatchObject({ issues: [{ path: 'payoutYuan', message: 'payout_over_limit' }] });
      expect((await service.advance(agents[4]!, claim.id, { to: 'settled', payoutYuan: 1_250_000 })).claim.payoutYuan).toBe(1_250_000);
    });

    it('opens one anti-fraud ticket however many refer the claim at once', async () => {
      const { claim } = await report(1);
      const service = createClaimService(db);
      const results = await Promise.all(agents.map((a) => service.referToAntiFraud(a, claim.id, {})));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const tickets = await db.query('SELECT 1 FROM tickets WHERE conversation_id = $1 AND category = $2', [conversations[1], '反欺诈调查']);
      expect(tickets).toHaveLength(1);
      const audit = await db.query(`SELECT 1 FROM audit_log WHERE action = 'claim.fraud_referral' AND subject_id = $1`, [claim.id]);
      expect(audit).toHaveLength(1);
    });
  });
}
