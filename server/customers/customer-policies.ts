import type { CoverageItem } from '../../shared/domain/coverages.js';
import type { SqlExecutor } from '../db/sql-client.js';

export interface CustomerPolicyRow {
  id: string;
  policy_no: string;
  kind: 'compulsory' | 'commercial';
  status: 'active' | 'expired' | 'cancelled';
  starts_on: string;
  expires_on: string;
  vehicle_id: string | null;
  coverages: CoverageItem[];
  /** How many 批改 (endorsements) the policy has had. */
  changes: number;
}

/**
 * A customer's policies, latest expiry first, as the agent's panel and the
 * clear record both list them. Coverages come back parsed: the PostgreSQL
 * driver returns JSONB as objects, PGlite may hand back the text.
 */
export async function readCustomerPolicies(tx: SqlExecutor, customerId: string): Promise<CustomerPolicyRow[]> {
  const rows = await tx.query<Omit<CustomerPolicyRow, 'coverages'> & { coverages: CoverageItem[] | string }>(
    `SELECT p.id, p.policy_no, p.kind, p.status, to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(p.expires_on, 'YYYY-MM-DD') AS expires_on,
            p.vehicle_id, p.coverages, (SELECT count(*)::int FROM policy_changes c WHERE c.policy_id = p.id) AS changes
       FROM policies p WHERE p.customer_id = $1 ORDER BY p.expires_on DESC, p.policy_no`,
    [customerId],
  );
  return rows.map((p) => ({ ...p, coverages: typeof p.coverages === 'string' ? (JSON.parse(p.coverages) as CoverageItem[]) : p.coverages }));
}
