import type { AccountView } from '../../shared/head-office/auth.js';
import type { ConversationCustomer } from '../../shared/head-office/customers.js';
import { vehicleAgeYears } from '../../shared/domain/vehicles.js';
import { maskIdNumber, maskPhone, maskPlate, maskPolicyNumber, redactPersonalData } from '../../shared/domain/masking.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { listCustomerClaims } from './customer-claims.js';
import { conversationCustomer, type ConversationCustomerRow } from './conversation-customer.js';
import { readCustomerPolicies } from './customer-policies.js';
import type { IdentityCheck } from './identity-check.js';
import { officeToday } from './office-day.js';
import { auditCustomer } from './verification-records.js';

/** Topic names for the service history (the conversation's skill group). */
const TOPIC_ZH: Record<string, string> = { new_business: '新保咨询', renewal: '续保服务', claims: '理赔服务', complaints: '投诉处理' };

/**
 * The customer of a conversation as the agent's panel shows it: every
 * identifier masked, vehicles with their age, policies without their
 * coverages unless the reader is the agent serving the conversation and
 * verified the customer there themselves (a lead watching, or an agent the
 * conversation was transferred to, does not see them), claims,
 * and the service history across channels (conversations and tickets).
 * Until then claims and history name only what and when (claim numbers
 * masked, no message or ticket text).
 * Free text from other conversations and tickets is redacted of ID and
 * mobile numbers before it leaves head office.
 */
export async function conversationCustomerProfile(db: SqlClient, identity: IdentityCheck, account: AccountView, conversationId: string, now: () => number = Date.now): Promise<ConversationCustomer> {
  return db.transaction(async (tx) => {
    const { conv, customer } = await conversationCustomer(tx, account, conversationId);
    const at = now();
    const { status: verification, verifiedBy } = await identity.read(tx, conv, customer, at);
    const verified = verification.state === 'verified' && verifiedBy === account.id && conv.assignee_id === account.id;
    const vehicles = await tx.query<{ id: string; plate: string; model: string; first_registered_on: string | null }>(
      `SELECT id, plate, model, to_char(first_registered_on, 'YYYY-MM-DD') AS first_registered_on FROM vehicles WHERE customer_id = $1 ORDER BY created_at, id`,
      [customer.id],
    );
    const policies = await readCustomerPolicies(tx, customer.id);
    const contacts = await tx.query<{ id: string; channel: ConversationCustomer['contacts'][number]['channel']; created_at: Date; skill_group: string; last_message_preview: string; state: string }>(
      `SELECT id, channel, created_at, skill_group, last_message_preview, state FROM conversations WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 50`,
      [customer.id],
    );
    const tickets = await tx.query<{ id: string; ticket_no: string; title: string; status: string; created_at: Date }>(
      `SELECT id, ticket_no, title, status, created_at FROM tickets WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 50`,
      [customer.id],
    );
    if (verified && policies.length > 0) await auditFirstPolicyView(tx, account, conv.id, customer, verification.verifiedAt!, policies.map((p) => p.id));
    const today = officeToday(at);
    return {
      customerId: customer.id,
      name: customer.name,
      phoneMasked: maskPhone(customer.phone),
      idNumberMasked: customer.id_number ? maskIdNumber(customer.id_number) : '',
      city: customer.city,
      segment: customer.segment,
      vehicles: vehicles.map((v) => ({
        id: v.id,
        plateMasked: maskPlate(v.plate),
        model: v.model,
        firstRegisteredOn: v.first_registered_on,
        ageYears: vehicleAgeYears(v.first_registered_on, today),
      })),
      policies: policies.map((p) => ({
        id: p.id,
        policyNoMasked: maskPolicyNumber(p.policy_no),
        kind: p.kind,
        status: p.status,
        startsOn: p.starts_on,
        expiresOn: p.expires_on,
        vehicleId: p.vehicle_id,
        coverages: verified ? p.coverages : null,
        changes: p.changes,
      })),
      // Claims and service history are policy details too: before the check, only what and when, claim numbers masked.
      claims: (await listCustomerClaims(tx, customer.id)).map((c) => (verified ? c : { ...c, claimNo: maskPolicyNumber(c.claimNo) })),
      contacts: contacts.map((c) => ({
        conversationId: c.id,
        channel: c.channel,
        at: c.created_at.getTime(),
        subject: [TOPIC_ZH[c.skill_group] ?? c.skill_group, verified ? redactPersonalData(c.last_message_preview).slice(0, 60) : ''].filter(Boolean).join(' · '),
        state: c.state,
        current: c.id === conv.id,
      })),
      tickets: tickets.map((t) => ({ id: t.id, number: t.ticket_no, title: verified ? redactPersonalData(t.title) : '', status: t.status, at: t.created_at.getTime() })),
      detailsMasked: !verified,
      verification,
    };
  });
}

/**
 * policy.view is on record once per round of the identity check and per
 * policy: the first time the coverages are shown to the agent who passed
 * the check, not on every refresh of the panel. A new round (expiry,
 * transfer) or a policy added since records a view again. The round's row
 * is locked first so two refreshes at once write one entry.
 */
async function auditFirstPolicyView(tx: SqlExecutor, account: AccountView, conversationId: string, customer: ConversationCustomerRow, verifiedAt: number, policyIds: string[]) {
  const round = new Date(verifiedAt).toISOString();
  await tx.query('SELECT 1 FROM identity_verifications WHERE conversation_id = $1 AND customer_id = $2 FOR UPDATE', [conversationId, customer.id]);
  const seen = await tx.query<{ id: string }>(
    `SELECT DISTINCT jsonb_array_elements_text(detail->'policyIds') AS id FROM audit_log
      WHERE action = 'policy.view' AND subject_id = $1 AND actor_id = $2::uuid AND detail->>'conversationId' = $3 AND detail->>'round' = $4`,
    [customer.id, account.id, conversationId, round],
  );
  const shown = new Set(seen.map((r) => r.id));
  const fresh = policyIds.filter((id) => !shown.has(id));
  if (fresh.length === 0) return;
  await auditCustomer(tx, account, customer, 'policy.view', { conversationId, round, policyIds: fresh, policies: fresh.length });
}
