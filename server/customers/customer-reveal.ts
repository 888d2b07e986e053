import type { AccountView } from '../../shared/head-office/auth.js';
import type { RevealedCustomer } from '../../shared/head-office/customers.js';
import type { IdentityCheckSettings } from '../../shared/domain/identity-check.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { conversationCustomer } from './conversation-customer.js';
import { readCustomerPolicies } from './customer-policies.js';
import { auditCustomer, readVerification } from './verification-records.js';

/**
 * The clear record, for the agent serving the conversation who verified
 * the customer there themselves, while that verification lasts and the
 * conversation is open. An agent the conversation was transferred to
 * verifies again. Every call is audited, refusals too.
 */
export async function revealCustomer(db: SqlClient, settings: IdentityCheckSettings, now: () => number, account: AccountView, conversationId: string): Promise<RevealedCustomer> {
  const outcome = await db.transaction(async (tx) => {
    const { conv, customer } = await conversationCustomer(tx, account, conversationId, { act: true });
    const at = now();
    const { status, verifiedBy } = await readVerification(tx, conv, customer, at, settings);
    const audit = (detail: Record<string, unknown>) => auditCustomer(tx, account, customer, 'pii.reveal', { conversationId: conv.id, ...detail });
    if (status.state !== 'verified' || verifiedBy !== account.id) {
      const code = status.state === 'expired' ? 'VERIFICATION_EXPIRED' : 'NOT_VERIFIED';
      await audit({ outcome: 'refused', reason: code });
      return {
        refused: new HttpError(
          code,
          code === 'VERIFICATION_EXPIRED'
            ? conv.state === 'closed'
              ? 'the conversation has ended: its verification ended with it'
              : 'the verification has expired: check the customer\'s identity again'
            : 'verify the customer\'s identity first (policy details, last four of the ID number, SMS code)',
        ),
      };
    }
    const vehicles = await tx.query<{ id: string; plate: string; model: string }>('SELECT id, plate, model FROM vehicles WHERE customer_id = $1 ORDER BY created_at, id', [customer.id]);
    const policies = await readCustomerPolicies(tx, customer.id);
    const changes = await tx.query<{ policy_id: string; changed_at: Date; what: string }>(
      'SELECT c.policy_id, c.changed_at, c.what FROM policy_changes c JOIN policies p ON p.id = c.policy_id WHERE p.customer_id = $1 ORDER BY c.changed_at',
      [customer.id],
    );
    await audit({ outcome: 'revealed', fields: ['name', 'phone', 'idNumber', 'plates', 'policyNumbers', 'policyDetails'], expiresAt: new Date(status.expiresAt!).toISOString() });
    const revealed: RevealedCustomer = {
      customerId: customer.id,
      name: customer.name,
      phone: customer.phone,
      idNumber: customer.id_number ?? '',
      vehicles,
      policies: policies.map((p) => ({
        id: p.id,
        policyNo: p.policy_no,
        kind: p.kind,
        status: p.status,
        startsOn: p.starts_on,
        expiresOn: p.expires_on,
        vehicleId: p.vehicle_id,
        coverages: p.coverages,
        changes: changes.filter((c) => c.policy_id === p.id).map((c) => ({ changedAt: c.changed_at.getTime(), what: c.what })),
      })),
      expiresAt: status.expiresAt!,
      now: at,
    };
    return { revealed };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.revealed;
}
