import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AccountView } from '../../shared/head-office/auth.js';
import type { MutationArgs } from '../../shared/head-office/sync.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { AlreadyApplied, MutationRejected } from '../sync/mutation-errors.js';
import { publish } from './conversation-events.js';
import { appendMessage, findConversation, type ConversationRow } from './conversation-records.js';
import { queueOutbound } from '../channels/outbound.js';

type Args<N extends keyof typeof MutationArgs> = z.output<(typeof MutationArgs)[N]>;

/** Told to the customer on every channel when the agent ends the conversation; the web chat shows its rating card. */
export const CLOSING_NOTICE = '本次服务已结束，感谢您的咨询。欢迎为本次服务评分。';
/** Text channels cannot show a rating card: the customer replies with a digit. */
const RATE_BY_REPLY = '回复数字 1-5 为本次服务评分（5 分为非常满意）。';

async function ownConversation(tx: SqlExecutor, account: AccountView, id: string): Promise<ConversationRow> {
  const conv = await findConversation(tx, id, true);
  if (!conv) throw new MutationRejected('NOT_FOUND', 'head office has no such conversation');
  if (conv.state === 'closed') throw new MutationRejected('CLOSED', 'the conversation has ended');
  if (conv.assignee_id !== account.id) {
    throw new MutationRejected('NOT_ASSIGNED', conv.assignee_name ? `the conversation is now with ${conv.assignee_name}` : 'the conversation is back in the queue');
  }
  return conv;
}

/** Where a message for the customer goes besides head office's own record (a gateway channel), queued in this transaction. */
async function toChannel(tx: SqlExecutor, conv: ConversationRow, messageId: string, body: string): Promise<void> {
  if (conv.channel === 'webchat' || conv.channel === 'phone' || !conv.identity_id) return;
  await queueOutbound(tx, conv.channel, conv.identity_id, messageId, body);
}

/** Conversation mutations pushed from desks (see push.ts for the rules every mutation follows). */
export const applyConversationMutation = {
  async 'conversation.sendMessage'(tx: SqlExecutor, account: AccountView, a: Args<'conversation.sendMessage'>) {
    if ((await tx.query('SELECT 1 FROM conversation_messages WHERE id = $1', [a.id])).length > 0) throw new AlreadyApplied();
    const conv = await ownConversation(tx, account, a.conversationId);
    if (conv.channel === 'phone') throw new MutationRejected('INVALID_TRANSITION', 'a logged phone call has no channel to reply on');
    if (a.seenSeq !== undefined) {
      // A reply written without what came after it waits until the agent has looked (a reply from a desk
      // that was offline while the customer wrote, say); and two agents never answer one question twice.
      const [unseen] = await tx.query<{ direction: string; name: string | null }>(
        `SELECT m.direction, a.display_name AS name FROM conversation_messages m LEFT JOIN accounts a ON a.id = m.author_id
          WHERE m.conversation_id = $1 AND m.seq > $2 AND (m.direction = 'in' OR (m.direction = 'out' AND m.author_id <> $3))
          ORDER BY (m.direction = 'out') DESC, m.seq LIMIT 1`,
        [conv.id, a.seenSeq, account.id],
      );
      if (unseen?.direction === 'out') throw new MutationRejected('ANSWERED_BY_COLLEAGUE', `${unseen.name} answered after the last message you saw`);
      if (unseen) throw new MutationRejected('CUSTOMER_WROTE', 'the customer wrote after the last message you saw');
    }
    const seq = await appendMessage(tx, { id: a.id, conversationId: conv.id, direction: 'out', kind: 'text', body: a.body, authorId: account.id });
    if (a.confirmedWording && a.confirmedWording.length > 0) {
      // The agent was shown the recommended wording and sent this all the same: kept for quality inspection.
      await tx.query(`INSERT INTO conversation_events (conversation_id, kind, note, by_account_id) VALUES ($1, 'wording_confirmed', $2, $3)`, [
        conv.id,
        a.confirmedWording.join('、'),
        account.id,
      ]);
    }
    await toChannel(tx, conv, a.id, a.body);
    await publish(tx, { k: 'm', c: conv.id, s: seq });
    if (conv.first_response_at === null) await publish(tx, { k: 'c', c: conv.id });
  },

  async 'conversation.close'(tx: SqlExecutor, account: AccountView, a: Args<'conversation.close'>) {
    const conv = await findConversation(tx, a.id, true);
    if (conv?.state === 'closed') throw new AlreadyApplied();
    const own = await ownConversation(tx, account, a.id);
    await tx.query(`UPDATE conversations SET state = 'closed', closed_at = now(), awaiting_reply_since = NULL WHERE id = $1`, [own.id]);
    await tx.query(`INSERT INTO conversation_events (conversation_id, kind, from_account_id, by_account_id) VALUES ($1, 'closed', $2, $2)`, [own.id, account.id]);
    if (own.channel !== 'phone') {
      const notice = own.channel === 'webchat' ? CLOSING_NOTICE : `${CLOSING_NOTICE}${RATE_BY_REPLY}`;
      const id = randomUUID();
      const seq = await appendMessage(tx, { id, conversationId: own.id, direction: 'system', kind: 'text', body: notice, notice: 'closed' });
      await toChannel(tx, own, id, notice);
      await publish(tx, { k: 'm', c: own.id, s: seq });
    }
    await publish(tx, { k: 'c', c: own.id, p: account.id });
  },

  async 'conversation.logPhoneCall'(tx: SqlExecutor, account: AccountView, a: Args<'conversation.logPhoneCall'>) {
    if ((await tx.query('SELECT 1 FROM conversations WHERE id = $1', [a.id])).length > 0) throw new AlreadyApplied();
    // The desk may know a customer head office does not (a standalone desk's own records): the call is kept, unlinked.
    const [customer] = a.customerId ? await tx.query<{ id: string; name: string }>('SELECT id, name FROM customers WHERE id = $1', [a.customerId]) : [];
    await tx.query(
      `INSERT INTO conversations (id, channel, customer_id, customer_name, skill_group, priority, state, assignee_id, assigned_at, call_outcome, call_duration_seconds,
                                  created_at, queued_at)
       VALUES ($1, 'phone', $2, $3, 'new_business', 0, 'assigned', $4, now(), $5, $6, now(), now())`,
      [a.id, customer?.id ?? null, customer?.name ?? a.callerName, account.id, a.outcome, a.durationSeconds],
    );
    const seq = await appendMessage(tx, { id: a.noteId, conversationId: a.id, direction: 'note', kind: 'text', body: a.notes, authorId: account.id });
    await publish(tx, { k: 'm', c: a.id, s: seq });
    await publish(tx, { k: 'c', c: a.id });
  },
};
