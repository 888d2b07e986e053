import { randomInt, randomUUID } from 'node:crypto';
import type { AccountView } from '../../shared/head-office/auth.js';
import type { VerificationStatus } from '../../shared/head-office/customers.js';
import { codeSendRefusal, lockedUntil, smsCodeText, type IdentityCheckSettings } from '../../shared/domain/identity-check.js';
import { maskPhone, redactPersonalData } from '../../shared/domain/masking.js';
import type { ChannelAdapter } from '../channels/outbound.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { conversationCustomer } from './conversation-customer.js';
import { auditCustomer, currentRound, customerCodeSends, hashCode, lockedError, lockedFailures, readVerification, type CodeRow } from './verification-records.js';

/**
 * Sends a new one-time code to the mobile number on record (the one in
 * force is replaced). Every request is on the audit log: the code sent,
 * the request refused (and why), the gateway failing to take it.
 * Refusals are decided inside the transaction and thrown after it
 * commits, so their entry is kept.
 */
export async function sendVerificationCode(
  db: SqlClient,
  settings: IdentityCheckSettings,
  sms: ChannelAdapter,
  now: () => number,
  account: AccountView,
  conversationId: string,
): Promise<VerificationStatus> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const sendId = randomUUID();
  const outcome = await db.transaction(async (tx) => {
    const { conv, customer } = await conversationCustomer(tx, account, conversationId, { act: true, lock: true });
    const at = now();
    const refuse = async (err: HttpError, reason: string, more: Record<string, unknown> = {}) => {
      await auditCustomer(tx, account, customer, 'verification.code_refused', { conversationId: conv.id, reason, ...more });
      return { refused: err };
    };
    if (conv.state === 'closed') return refuse(new HttpError('CONFLICT', 'the conversation has ended'), 'conversation_closed');
    const locked = lockedUntil(await lockedFailures(tx, customer.id), at);
    if (locked !== null) return refuse(lockedError(locked), 'locked', { lockedUntil: new Date(locked).toISOString() });
    const round = await currentRound(tx, conv.id, customer.id, account, at);
    if (round.verified_at) return refuse(new HttpError('CONFLICT', 'the customer is verified for this conversation already'), 'already_verified');
    if (round.sms_code_passed_at) return refuse(new HttpError('CONFLICT', 'the SMS code step is passed already'), 'step_passed');
    const [last] = await tx.query<CodeRow>('SELECT * FROM verification_codes WHERE conversation_id = $1 AND customer_id = $2 FOR UPDATE', [conv.id, customer.id]);
    const sends = await customerCodeSends(tx, customer.id, at, settings);
    const refusal = codeSendRefusal(last && last.sends > 0 ? { sentAt: last.sent_at.getTime(), sends: last.sends } : null, sends, at, settings);
    if (refusal?.reason === 'too_soon') {
      return refuse(new HttpError('RATE_LIMITED', `a new code can be sent in ${refusal.retryAfterSeconds} s`, undefined, refusal.retryAfterSeconds), 'too_soon');
    }
    if (refusal?.reason === 'customer_limit') {
      const retryAt = new Date(at + refusal.retryAfterSeconds * 1000).toISOString();
      return refuse(
        new HttpError(
          'RATE_LIMITED',
          `this customer has received ${settings.maxCodesPerCustomer} codes within ${Math.round(settings.customerCodeWindowSeconds / 60)} minutes: the next can be sent at ${retryAt}`,
          [{ path: 'retryAt', message: retryAt }],
          refusal.retryAfterSeconds,
        ),
        'customer_limit',
        { retryAt },
      );
    }
    if (refusal?.reason === 'too_many') {
      return refuse(new HttpError('CONFLICT', `no more than ${settings.maxCodesPerRound} codes are sent in one round of the check`), 'too_many');
    }
    await tx.query(
      `INSERT INTO verification_codes (conversation_id, customer_id, code_hash, sent_at, expires_at, attempts, sends, used_at) VALUES ($1, $2, $3, $4, $5, 0, 1, NULL)
       ON CONFLICT (conversation_id, customer_id) DO UPDATE SET code_hash = $3, sent_at = $4, expires_at = $5, attempts = 0, sends = verification_codes.sends + 1, used_at = NULL`,
      [conv.id, customer.id, hashCode(code, conv.id), new Date(at), new Date(at + settings.codeValidForSeconds * 1000)],
    );
    await tx.query('INSERT INTO verification_code_sends (id, customer_id, conversation_id, sent_at) VALUES ($1, $2, $3, $4)', [sendId, customer.id, conv.id, new Date(at)]);
    await auditCustomer(tx, account, customer, 'verification.code_sent', { conversationId: conv.id, sentTo: maskPhone(customer.phone), sends: (last?.sends ?? 0) + 1 });
    return { phone: customer.phone, conv, customer };
  });
  if ('refused' in outcome) throw outcome.refused;
  try {
    await sms.send({ recipient: outcome.phone, body: smsCodeText(code, Math.round(settings.codeValidForSeconds / 60)), messageId: randomUUID() });
  } catch (err) {
    // Not delivered: the code is withdrawn, counts against no limit, and the failure is on record beside the entry of the send.
    await db.transaction(async (tx) => {
      await tx.query('UPDATE verification_codes SET expires_at = least(expires_at, $3), sends = greatest(sends - 1, 0) WHERE conversation_id = $1 AND customer_id = $2', [
        outcome.conv.id,
        outcome.customer.id,
        new Date(now()),
      ]);
      await tx.query('DELETE FROM verification_code_sends WHERE id = $1', [sendId]);
      await auditCustomer(tx, account, outcome.customer, 'verification.code_failed', {
        conversationId: outcome.conv.id,
        sentTo: maskPhone(outcome.phone),
        reason: err instanceof Error ? redactPersonalData(err.message).slice(0, 200) : 'gateway error',
      });
    });
    throw new HttpError('CONFLICT', 'the SMS gateway did not take the code; try again');
  }
  return (await readVerification(db, outcome.conv, outcome.customer, now(), settings)).status;
}
