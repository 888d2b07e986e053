import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccountView } from '../../shared/head-office/auth.js';
import type { VerificationStatus } from '../../shared/head-office/customers.js';
import {
  attemptsLeft,
  codeSendRefusal,
  lockedUntil,
  VERIFICATION_STEPS,
  verificationState,
  type FailureRecord,
  type IdentityCheckSettings,
  type VerificationStep,
} from '../../shared/domain/identity-check.js';
import type { AuditAction } from '../../shared/domain/audit-chain.js';
import { maskPhone } from '../../shared/domain/masking.js';
import { appendAudit } from '../audit/audit-log.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import type { ConversationRow } from '../conversations/conversation-records.js';
import type { ConversationCustomerRow } from './conversation-customer.js';

/**
 * The identity check's records (server migration 006) and the rules read
 * from them. A round of the check belongs to one agent: the one serving
 * the conversation. When the verification expires or the conversation
 * passes to another agent (transfer, reassignment), the round is over: the
 * steps passed, the code in force and the count of codes sent go, and the
 * agent now serving verifies the customer again. Nobody sees clear values
 * on the strength of someone else's check.
 */

export const STEP_COLUMN: Record<VerificationStep, string> = { policy: 'policy_passed_at', id_last4: 'id_last4_passed_at', sms_code: 'sms_code_passed_at' };

export interface VerificationRow {
  agent_id: string | null;
  policy_passed_at: Date | null;
  id_last4_passed_at: Date | null;
  sms_code_passed_at: Date | null;
  verified_at: Date | null;
  expires_at: Date | null;
  verified_by: string | null;
}
interface FailureRow {
  failures: number;
  last_failed_at: Date | null;
  locked_until: Date | null;
}
export interface CodeRow {
  code_hash: string;
  sent_at: Date;
  expires_at: Date;
  attempts: number;
  sends: number;
  used_at: Date | null;
}

export const ms = (d: Date | null | undefined) => (d ? d.getTime() : null);
const toFailureRecord = (r: FailureRow | undefined): FailureRecord => ({
  failures: r?.failures ?? 0,
  lastFailedAt: ms(r?.last_failed_at),
  lockedUntil: ms(r?.locked_until),
});

/** A salted hash of the code, bound to its conversation: the code itself is never stored. */
export function hashCode(code: string, conversationId: string, salt = randomBytes(16).toString('hex')): string {
  return `${salt}:${createHash('sha256').update(`${salt}|${conversationId}|${code}`).digest('hex')}`;
}
export function codeMatches(stored: string, code: string, conversationId: string): boolean {
  const [salt] = stored.split(':');
  const a = Buffer.from(hashCode(code, conversationId, salt));
  const b = Buffer.from(stored);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** When codes went to this customer within the settings' window (any conversation). */
export async function customerCodeSends(tx: SqlExecutor, customerId: string, at: number, s: IdentityCheckSettings): Promise<number[]> {
  const rows = await tx.query<{ sent_at: Date }>('SELECT sent_at FROM verification_code_sends WHERE customer_id = $1 AND sent_at > $2 AND sent_at <= $3', [
    customerId,
    new Date(at - s.customerCodeWindowSeconds * 1000),
    new Date(at),
  ]);
  return rows.map((r) => r.sent_at.getTime());
}

/** Is this round of the check the serving agent's? A row nobody has worked yet counts as theirs. */
const roundOf = (v: VerificationRow | undefined, conv: ConversationRow) => v !== undefined && (v.agent_id === null || v.agent_id === conv.assignee_id);

/**
 * The check as it stands for the agent serving the conversation, and who
 * verified the customer (null unless verified in this round).
 */
export async function readVerification(
  tx: SqlExecutor,
  conv: ConversationRow,
  customer: ConversationCustomerRow,
  at: number,
  settings: IdentityCheckSettings,
): Promise<{ status: VerificationStatus; verifiedBy: string | null }> {
  const [row] = await tx.query<VerificationRow>('SELECT * FROM identity_verifications WHERE conversation_id = $1 AND customer_id = $2', [conv.id, customer.id]);
  const [f] = await tx.query<FailureRow>('SELECT failures, last_failed_at, locked_until FROM verification_failures WHERE customer_id = $1', [customer.id]);
  const ours = roundOf(row, conv);
  const v = ours ? row : undefined;
  const [code] = ours ? await tx.query<CodeRow>('SELECT * FROM verification_codes WHERE conversation_id = $1 AND customer_id = $2', [conv.id, customer.id]) : [];
  const passed: Partial<Record<VerificationStep, number>> = {};
  for (const s of VERIFICATION_STEPS) {
    const t = ms(v?.[STEP_COLUMN[s] as keyof VerificationRow] as Date | null | undefined);
    if (t !== null) passed[s] = t;
  }
  const progress = { passed, verifiedAt: ms(v?.verified_at), expiresAt: ms(v?.expires_at) };
  const state = verificationState(progress, at, conv.state !== 'closed');
  const failures = toFailureRecord(f);
  const codeInForce = code && code.used_at === null && code.expires_at.getTime() > at;
  const sends = await customerCodeSends(tx, customer.id, at, settings);
  const refusal = codeInForce ? codeSendRefusal({ sentAt: code.sent_at.getTime(), sends: code.sends }, sends, at, settings) : null;
  const customerLimit = codeSendRefusal(null, sends, at, settings);
  const status: VerificationStatus = {
    conversationId: conv.id,
    customerId: customer.id,
    state,
    // After expiry the steps count for nothing: the check starts over.
    passed: state === 'expired' ? [] : VERIFICATION_STEPS.filter((s) => passed[s] !== undefined),
    verifiedAt: progress.verifiedAt,
    expiresAt: progress.expiresAt,
    attemptsLeft: attemptsLeft(failures, at, settings),
    lockedUntil: lockedUntil(failures, at),
    code: codeInForce
      ? {
          sentAt: code.sent_at.getTime(),
          expiresAt: code.expires_at.getTime(),
          sends: code.sends,
          resendAt: refusal === null ? at : refusal.reason === 'too_many' ? null : at + refusal.retryAfterSeconds * 1000,
          sentToMasked: maskPhone(customer.phone),
        }
      : null,
    codeLimitUntil: customerLimit?.reason === 'customer_limit' ? at + customerLimit.retryAfterSeconds * 1000 : null,
    now: at,
  };
  return { status, verifiedBy: state === 'verified' ? (v?.verified_by ?? null) : null };
}

/** Wrong answers on record for the customer, the row locked for this transaction. */
export async function lockedFailures(tx: SqlExecutor, customerId: string): Promise<FailureRecord> {
  await tx.query('INSERT INTO verification_failures (customer_id) VALUES ($1) ON CONFLICT (customer_id) DO NOTHING', [customerId]);
  const [f] = await tx.query<FailureRow>('SELECT failures, last_failed_at, locked_until FROM verification_failures WHERE customer_id = $1 FOR UPDATE', [customerId]);
  return toFailureRecord(f);
}

/**
 * The round of the check the acting agent works in, locked: a new one when
 * there is none, when the last one expired, or when it was another agent's
 * (the conversation was transferred). A new round starts with no step
 * passed, no code in force and no code counted against the round.
 */
export async function currentRound(tx: SqlExecutor, conversationId: string, customerId: string, account: AccountView, at: number): Promise<VerificationRow> {
  await tx.query('INSERT INTO identity_verifications (conversation_id, customer_id, agent_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [conversationId, customerId, account.id]);
  const [v] = await tx.query<VerificationRow>('SELECT * FROM identity_verifications WHERE conversation_id = $1 AND customer_id = $2 FOR UPDATE', [conversationId, customerId]);
  const stale = (v!.agent_id !== null && v!.agent_id !== account.id) || (v!.expires_at !== null && v!.expires_at.getTime() <= at);
  if (!stale && v!.agent_id !== null) return v!;
  if (stale) {
    await tx.query('UPDATE verification_codes SET expires_at = least(expires_at, $3), sends = 0 WHERE conversation_id = $1 AND customer_id = $2', [conversationId, customerId, new Date(at)]);
  }
  const [fresh] = await tx.query<VerificationRow>(
    `UPDATE identity_verifications SET agent_id = $3${stale ? ', policy_passed_at = NULL, id_last4_passed_at = NULL, sms_code_passed_at = NULL, verified_at = NULL, expires_at = NULL, verified_by = NULL' : ''}
      WHERE conversation_id = $1 AND customer_id = $2 RETURNING *`,
    [conversationId, customerId, account.id],
  );
  return fresh!;
}

export const lockedError = (until: number) =>
  new HttpError('VERIFICATION_LOCKED', `too many wrong answers: the identity check of this customer is locked until ${new Date(until).toISOString()}`, [
    { path: 'lockedUntil', message: new Date(until).toISOString() },
  ]);

/**
 * One audit entry about the customer, filed under the customer's office
 * (their lead sees it) and naming the office the acting account belongs
 * to, so the lead of that office finds their agents' actions too. Call it
 * as the transaction's last write.
 */
export function auditCustomer(
  tx: SqlExecutor,
  account: AccountView,
  customer: { id: string; office_id: string | null },
  action: AuditAction,
  detail: Record<string, unknown>,
) {
  return appendAudit(tx, {
    officeId: customer.office_id ?? account.officeId,
    actor: { id: account.id, login: account.login },
    action,
    subjectType: 'customer',
    subjectId: customer.id,
    detail: { ...detail, actingOfficeId: account.officeId },
  });
}
