import type { AccountView } from '../../shared/head-office/auth.js';
import type { VerificationAnswer, VerificationResult } from '../../shared/head-office/customers.js';
import {
  afterWrongAnswer,
  allStepsPassed,
  idLast4Matches,
  lockedUntil,
  normalizeSmsCode,
  policyDetailsMatch,
  VERIFICATION_STEPS,
  type IdentityCheckSettings,
  type VerificationStep,
} from '../../shared/domain/identity-check.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { conversationCustomer } from './conversation-customer.js';
import { auditCustomer, codeMatches, currentRound, lockedError, lockedFailures, readVerification, STEP_COLUMN, type CodeRow, type VerificationRow } from './verification-records.js';

/**
 * One answer of the customer, as the agent typed it. A wrong one counts
 * against the customer; an answer refused (check locked, conversation
 * ended, no code in force, verified already) counts for nothing but is on
 * the audit log like every attempt: refusals are decided inside the
 * transaction and thrown after it commits, so their entry is kept.
 */
export async function answerVerification(
  db: SqlClient,
  settings: IdentityCheckSettings,
  now: () => number,
  account: AccountView,
  conversationId: string,
  input: VerificationAnswer,
): Promise<VerificationResult> {
  const outcome = await db.transaction(async (tx) => {
    const { conv, customer } = await conversationCustomer(tx, account, conversationId, { act: true, lock: true });
    const at = now();
    const refuse = async (err: HttpError, reason: string, more: Record<string, unknown> = {}) => {
      await auditCustomer(tx, account, customer, 'verification.attempt', { conversationId: conv.id, step: input.step, outcome: 'refused', reason, ...more });
      return { refused: err };
    };
    if (conv.state === 'closed') return refuse(new HttpError('CONFLICT', 'the conversation has ended'), 'conversation_closed');
    const failures = await lockedFailures(tx, customer.id);
    const locked = lockedUntil(failures, at);
    if (locked !== null) {
      await auditCustomer(tx, account, customer, 'verification.attempt', {
        conversationId: conv.id,
        step: input.step,
        outcome: 'refused_locked',
        lockedUntil: new Date(locked).toISOString(),
      });
      return { refused: lockedError(locked) };
    }
    const v: VerificationRow = await currentRound(tx, conv.id, customer.id, account, at);
    if (v.verified_at) return refuse(new HttpError('CONFLICT', 'the customer is verified for this conversation already'), 'already_verified');

    let passed: boolean;
    if (input.step === 'policy') {
      const policies = await tx.query<{ policyNo: string; plate: string | null; status: string }>(
        `SELECT p.policy_no AS "policyNo", v.plate, p.status FROM policies p LEFT JOIN vehicles v ON v.id = p.vehicle_id WHERE p.customer_id = $1`,
        [customer.id],
      );
      passed = policyDetailsMatch(input.answer, policies);
    } else if (input.step === 'id_last4') {
      passed = idLast4Matches(input.answer, customer.id_number);
    } else {
      const [c] = await tx.query<CodeRow>('SELECT * FROM verification_codes WHERE conversation_id = $1 AND customer_id = $2 FOR UPDATE', [conv.id, customer.id]);
      // No code in force is the agent's slip, not the customer's: nothing counts against them.
      if (!c || c.used_at !== null) return refuse(new HttpError('CONFLICT', 'send the customer a code first'), 'no_code');
      if (c.expires_at.getTime() <= at) return refuse(new HttpError('CONFLICT', 'the code has expired; send a new one'), 'code_expired');
      const code = normalizeSmsCode(input.answer);
      passed = code !== null && codeMatches(c.code_hash, code, conv.id);
      await tx.query(`UPDATE verification_codes SET attempts = attempts + 1${passed ? ', used_at = $3' : ''} WHERE conversation_id = $1 AND customer_id = $2`, [
        conv.id,
        customer.id,
        ...(passed ? [new Date(at)] : []),
      ]);
    }

    let verified = false;
    let lockedNow: number | null = null;
    if (passed) {
      await tx.query(`UPDATE identity_verifications SET ${STEP_COLUMN[input.step]} = $3 WHERE conversation_id = $1 AND customer_id = $2`, [conv.id, customer.id, new Date(at)]);
      const done: Partial<Record<VerificationStep, number>> = { [input.step]: at };
      for (const s of VERIFICATION_STEPS) if (v[STEP_COLUMN[s] as keyof VerificationRow]) done[s] = at;
      if (allStepsPassed(done)) {
        verified = true;
        await tx.query('UPDATE identity_verifications SET verified_at = $3, expires_at = $4, verified_by = $5 WHERE conversation_id = $1 AND customer_id = $2', [
          conv.id,
          customer.id,
          new Date(at),
          new Date(at + settings.verifiedForSeconds * 1000),
          account.id,
        ]);
        // A customer who proved who they are starts with a clean slate.
        await tx.query('UPDATE verification_failures SET failures = 0, last_failed_at = NULL WHERE customer_id = $1', [customer.id]);
      }
    } else {
      const next = afterWrongAnswer(failures, at, settings);
      await tx.query('UPDATE verification_failures SET failures = $2, last_failed_at = $3, locked_until = $4 WHERE customer_id = $1', [
        customer.id,
        next.failures,
        new Date(at),
        next.lockedUntil === null ? null : new Date(next.lockedUntil),
      ]);
      if (next.locked) {
        lockedNow = next.lockedUntil;
        // The lock voids what this conversation had passed and the code in force: the check starts over once it lifts.
        await tx.query(
          'UPDATE identity_verifications SET policy_passed_at = NULL, id_last4_passed_at = NULL, sms_code_passed_at = NULL WHERE conversation_id = $1 AND customer_id = $2',
          [conv.id, customer.id],
        );
        await tx.query('UPDATE verification_codes SET expires_at = $3 WHERE conversation_id = $1 AND customer_id = $2', [conv.id, customer.id, new Date(at)]);
      }
    }
    const { status } = await readVerification(tx, conv, customer, at, settings);
    await auditCustomer(tx, account, customer, 'verification.attempt', {
      conversationId: conv.id,
      step: input.step,
      outcome: passed ? 'passed' : 'failed',
      verified,
      attemptsLeft: status.attemptsLeft,
      ...(verified ? { expiresAt: new Date(status.expiresAt!).toISOString() } : {}),
    });
    if (lockedNow !== null) {
      await auditCustomer(tx, account, customer, 'verification.locked', { conversationId: conv.id, lockedUntil: new Date(lockedNow).toISOString() });
    }
    return { result: { passed, status } };
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.result;
}
