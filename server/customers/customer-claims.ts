import type { ProfileClaim } from '../../shared/head-office/customers.js';
import type { SqlExecutor } from '../db/sql-client.js';

/**
 * The customer's claims as the profile lists them, newest first: the
 * report number, the type and stage codes (the desk names them in the
 * agent's language), when it was reported and on which policy. The claims
 * feature owns the table (server migration 007).
 */
export async function listCustomerClaims(tx: SqlExecutor, customerId: string): Promise<ProfileClaim[]> {
  const rows = await tx.query<{ id: string; claim_no: string; type: string; stage: string; reported_at: Date; policy_id: string | null }>(
    'SELECT id, claim_no, type, stage, reported_at, policy_id FROM claims WHERE customer_id = $1 ORDER BY reported_at DESC LIMIT 50',
    [customerId],
  );
  return rows.map((r) => ({ id: r.id, claimNo: r.claim_no, type: r.type, stage: r.stage, reportedAt: r.reported_at.getTime(), policyId: r.policy_id }));
}
