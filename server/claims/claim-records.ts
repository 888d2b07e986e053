import type { AccountView } from '../../shared/head-office/auth.js';
import type { ClaimParty, ClaimView } from '../../shared/head-office/claims.js';
import { claimDay, maskedParty, materialRequestStatus, materialsChecklist, payoutCeilingYuan, policyInForce, type ClaimStage, type ClaimType, type PolicyCover } from '../../shared/domain/claims.js';
import { fraudSignals, type FraudSignal } from '../../shared/domain/fraud-signals.js';
import { maskPolicyNumber, redactPersonalData } from '../../shared/domain/masking.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';

export interface ClaimRow {
  id: string;
  claim_no: string;
  customer_id: string;
  policy_id: string;
  policy_no: string;
  policy_starts_on: string;
  vehicle_id: string | null;
  conversation_id: string;
  office_id: string;
  type: ClaimType;
  stage: ClaimStage;
  accident_at: Date;
  place: string;
  parties: ClaimParty[];
  account: string;
  damage: string;
  reported_at: Date;
  late: boolean;
  expected_from: string;
  expected_to: string;
  expected_provisional: boolean;
  payout_yuan: string | null;
  created_by_name: string;
  /** The insured car (the claim's, or its policy's) and its new-car price: the car covers pay at most that. */
  car_id: string | null;
  vehicle_price_yuan: number | string | null;
}

/** JSONB arrives parsed from PostgreSQL, as text from some drivers. */
const coversOf = (raw: PolicyCover[] | string | null): PolicyCover[] => (typeof raw === 'string' ? (JSON.parse(raw) as PolicyCover[]) : (raw ?? []));

/**
 * The most this claim may pay out (see payoutCeilingYuan): what the covers
 * of its car's policies in force at the accident can pay for its type —
 * the 交强险 and the commercial policy together, whichever one it was filed
 * on. The claim's own policy always counts (the accident was checked to lie
 * in its period when it was reported).
 */
export async function claimPayoutLimit(tx: SqlExecutor, c: Pick<ClaimRow, 'type' | 'policy_id' | 'car_id' | 'accident_at' | 'vehicle_price_yuan'>): Promise<number> {
  const policies = await tx.query<{ id: string; coverages: PolicyCover[] | string | null; starts_on: string; expires_on: string; status: string }>(
    `SELECT id, coverages, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(expires_on, 'YYYY-MM-DD') AS expires_on, status
       FROM policies WHERE id = $1 OR ($2::uuid IS NOT NULL AND vehicle_id = $2::uuid)`,
    [c.policy_id, c.car_id],
  );
  const day = claimDay(c.accident_at.getTime());
  const covers = policies
    .filter((p) => p.id === c.policy_id || policyInForce({ startsOn: p.starts_on, expiresOn: p.expires_on, status: p.status }, day))
    .flatMap((p) => coversOf(p.coverages));
  return payoutCeilingYuan(c.type, covers, c.vehicle_price_yuan === null ? null : Number(c.vehicle_price_yuan));
}

const CLAIM_SELECT = `
  SELECT c.id, c.claim_no, c.customer_id, c.policy_id, p.policy_no, to_char(p.starts_on, 'YYYY-MM-DD') AS policy_starts_on, c.vehicle_id,
         c.conversation_id, c.office_id, c.type, c.stage, c.accident_at, c.place, c.parties, c.account, c.damage, c.reported_at, c.late,
         to_char(c.expected_from, 'YYYY-MM-DD') AS expected_from, to_char(c.expected_to, 'YYYY-MM-DD') AS expected_to, c.expected_provisional,
         c.payout_yuan::text AS payout_yuan, a.display_name AS created_by_name, coalesce(c.vehicle_id, p.vehicle_id) AS car_id,
         (SELECT v.price_yuan FROM vehicles v WHERE v.id = coalesce(c.vehicle_id, p.vehicle_id)) AS vehicle_price_yuan
    FROM claims c JOIN policies p ON p.id = c.policy_id JOIN accounts a ON a.id = c.created_by`;

export async function findClaim(tx: SqlExecutor, id: string, lock = false): Promise<ClaimRow | undefined> {
  if (lock) await tx.query('SELECT 1 FROM claims WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await tx.query<ClaimRow>(`${CLAIM_SELECT} WHERE c.id = $1`, [id]);
  return row;
}

/** Agents and leads of the claim's office, and administrators; anyone else is answered as if it did not exist. */
export function canSeeClaim(account: AccountView, claim: Pick<ClaimRow, 'office_id'>): boolean {
  return account.role === 'admin' || (account.officeId !== null && account.officeId === claim.office_id);
}

export function mustSeeClaim(account: AccountView, claim: ClaimRow | undefined): ClaimRow {
  if (!claim || !canSeeClaim(account, claim)) throw new HttpError('NOT_FOUND', 'no such claim');
  return claim;
}

/**
 * The warning signs with every quote redacted: the customer's own words may
 * carry their ID or mobile number, and the signs go to every desk of the
 * office (and into the anti-fraud ticket) before anyone verified them.
 */
export function redactedSignals(signals: readonly FraudSignal[]): FraudSignal[] {
  return signals.map((s) => ({ ...s, evidence: s.evidence.map((e) => ({ ...e, text: redactPersonalData(e.text) })) }));
}

/**
 * A claim as desks read it, with its notifications, material requests,
 * fraud signals and referral. It reaches any agent of the office, verified
 * or not, so nothing personal goes out in clear: the policy number and the
 * parties' phones and plates are masked, free text redacted.
 */
export async function claimView(tx: SqlExecutor, c: ClaimRow, now = Date.now()): Promise<ClaimView> {
  const notified = await tx.query<{ stage: ClaimStage; via: 'conversation' | 'sms'; sent_at: Date }>(
    'SELECT stage, via, sent_at FROM claim_notifications WHERE claim_id = $1 ORDER BY sent_at',
    [c.id],
  );
  const requests = await tx.query<{ id: string; materials: string[]; sent_at: Date; due_at: Date; received_at: Date | null }>(
    'SELECT id, materials, sent_at, due_at, received_at FROM claim_material_requests WHERE claim_id = $1 ORDER BY sent_at',
    [c.id],
  );
  // What the customer wrote in the claim's conversation, read for story details and requests for cash.
  const messages = await tx.query<{ id: string; body: string; at: Date }>(
    `SELECT id, body, at FROM conversation_messages WHERE conversation_id = $1 AND direction = 'in' AND kind = 'text' ORDER BY seq LIMIT 500`,
    [c.conversation_id],
  );
  const changes = await tx.query<{ changed_at: Date; what: string }>('SELECT changed_at, what FROM policy_changes WHERE policy_id = $1 ORDER BY changed_at', [c.policy_id]);
  const [referral] = await tx.query<{ ticket_id: string; ticket_no: string; at: Date }>(
    'SELECT r.ticket_id, t.ticket_no, r.at FROM claim_fraud_referrals r JOIN tickets t ON t.id = r.ticket_id WHERE r.claim_id = $1',
    [c.id],
  );
  return {
    id: c.id,
    claimNo: c.claim_no,
    customerId: c.customer_id,
    policyId: c.policy_id,
    policyNoMasked: maskPolicyNumber(c.policy_no),
    vehicleId: c.vehicle_id,
    conversationId: c.conversation_id,
    officeId: c.office_id,
    type: c.type,
    stage: c.stage,
    accidentAt: c.accident_at.getTime(),
    place: redactPersonalData(c.place),
    parties: c.parties.map(maskedParty),
    account: redactPersonalData(c.account),
    damage: redactPersonalData(c.damage),
    reportedAt: c.reported_at.getTime(),
    late: c.late,
    expected: {
      from: c.expected_from,
      to: c.expected_to,
      unit: c.type === 'theft' ? 'calendar_days' : 'working_days',
      provisional: c.expected_provisional,
    },
    materials: materialsChecklist(c.type, c.parties),
    payoutYuan: c.payout_yuan === null ? null : Number(c.payout_yuan),
    payoutLimitYuan: await claimPayoutLimit(tx, c),
    notified: notified.map((n) => ({ stage: n.stage, via: n.via, at: n.sent_at.getTime() })),
    materialRequests: requests.map((r) => {
      const dueAt = r.due_at.getTime();
      const receivedAt = r.received_at?.getTime() ?? null;
      return { id: r.id, materials: r.materials, sentAt: r.sent_at.getTime(), dueAt, receivedAt, status: materialRequestStatus({ dueAt, receivedAt }, now) };
    }),
    fraudSignals: redactedSignals(fraudSignals({
      policyStartsOn: c.policy_starts_on,
      accidentAt: c.accident_at.getTime(),
      reportedAt: c.reported_at.getTime(),
      customerMessages: messages.map((m) => ({ id: m.id, body: m.body, at: m.at.getTime() })),
      policyChanges: changes.map((ch) => ({ changedAt: ch.changed_at.getTime(), what: ch.what })),
    })),
    referral: referral ? { ticketId: referral.ticket_id, ticketNo: referral.ticket_no, at: referral.at.getTime() } : null,
    createdBy: c.created_by_name,
  };
}
