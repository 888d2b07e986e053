import { randomUUID } from 'node:crypto';
import { verificationState } from '../../shared/domain/identity-check.js';
import { maskPhone } from '../../shared/domain/masking.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { publish } from '../conversations/conversation-events.js';
import { appendMessage, type ConversationRow } from '../conversations/conversation-records.js';
import { queueOutbound, queueSms } from '../channels/outbound.js';

export type NoticeRoute = 'conversation' | 'sms';

/** How a notice sent by SMS starts in the conversation's history (a note: agents see it, the customer's page does not). */
export const SENT_BY_SMS = '已短信通知客户 ';

/**
 * Whether the conversation's customer is verified there now (身份核实: all
 * steps passed, not expired, the conversation still open). Read from the
 * identity check's own record and decided by its rule, never written here.
 */
export async function customerVerifiedIn(tx: SqlExecutor, conv: ConversationRow, customerId: string, at: number): Promise<boolean> {
  const [v] = await tx.query<{ verified_at: Date | null; expires_at: Date | null }>(
    'SELECT verified_at, expires_at FROM identity_verifications WHERE conversation_id = $1 AND customer_id = $2',
    [conv.id, customerId],
  );
  if (!v) return false;
  const state = verificationState({ passed: {}, verifiedAt: v.verified_at?.getTime() ?? null, expiresAt: v.expires_at?.getTime() ?? null }, at, conv.state !== 'closed');
  return state === 'verified';
}

/**
 * Tell the customer something about their claim, from head office. A claim
 * notice names the report number and the customer's affairs, so it goes
 * into the conversation only while that conversation is open and the
 * person in it has passed the identity check there: anyone else in the chat
 * (or nobody, once it has ended, or a logged phone call) must not read it.
 * Otherwise it goes by SMS to the mobile number on the customer's record,
 * through the SMS gateway's queue (sent after this transaction commits,
 * retried like every outbound message). The conversation keeps it for the
 * agents' history either way: as head office's message (direction
 * `system`) when it was said there, as a note the customer's page never
 * shows when it went by SMS. The caller holds the conversation's row lock.
 */
export async function tellCustomer(
  tx: SqlExecutor,
  conv: ConversationRow,
  customer: { id: string; phone: string },
  body: string,
  at: number,
): Promise<{ messageId: string; via: NoticeRoute }> {
  const messageId = randomUUID();
  const inChat = conv.state !== 'closed' && conv.channel !== 'phone' && (await customerVerifiedIn(tx, conv, customer.id, at));
  const seq = inChat
    ? await appendMessage(tx, { id: messageId, conversationId: conv.id, direction: 'system', kind: 'text', body })
    : await appendMessage(tx, { id: messageId, conversationId: conv.id, direction: 'note', kind: 'text', body: `${SENT_BY_SMS}${maskPhone(customer.phone)}：${body}` });
  let via: NoticeRoute = 'conversation';
  if (!inChat) {
    await queueSms(tx, customer.phone, messageId, body);
    via = 'sms';
  } else if (conv.channel !== 'webchat' && conv.identity_id) {
    await queueOutbound(tx, conv.channel, conv.identity_id, messageId, body);
  }
  await publish(tx, { k: 'm', c: conv.id, s: seq });
  return { messageId, via };
}
