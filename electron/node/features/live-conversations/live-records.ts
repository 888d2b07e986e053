import type { ChatMessage, LiveConversation } from '../../../../shared/head-office/conversations.js';
import type { CacheDb } from '../../db/open-cache.js';
import { statement } from '../../db/statements.js';
import { appendMessage, findConversation } from '../conversations/conversation-store.js';

export type Applied = 'arrived' | 'changed' | 'left' | 'none';

/**
 * Head office's view of a conversation, on this desk. One assigned to the
 * agent at the desk is open here (new ones "arrive"); one that ended or
 * went to a colleague or back to a queue leaves the list. Head office's
 * times stand for the first-response timer.
 */
export function applyConversation(db: CacheDb, c: LiveConversation, me: string): Applied {
  const local = findConversation(db, c.id);
  const mine = c.state === 'assigned' && c.assigneeId === me;
  if (!mine) {
    if (!local || local.status === 'closed') return 'none';
    statement(db, `UPDATE conversations SET status = 'closed', ended_reason = ?, awaiting_reply_since = NULL, updated_at = ? WHERE id = ?`).run(
      c.state === 'closed' ? 'closed' : 'transferred',
      Date.now(),
      c.id,
    );
    return 'left';
  }
  const phoneCall = c.phoneCall;
  // A logged call was never queued: it belongs to no skill group on screen.
  const group = c.channel === 'phone' ? null : c.group;
  if (!local) {
    statement(
      db,
      `INSERT INTO conversations (id, customer_id, customer_name, channel, status, subject, created_at, updated_at, remote, skill_group, priority, is_lead,
                                  awaiting_reply_since, first_response_at, customer_read_seq, call_outcome, call_duration_seconds)
       VALUES (?, ?, ?, ?, 'open', '', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.id,
      c.customerId,
      c.customerName,
      c.channel,
      c.createdAt,
      Date.now(),
      group,
      c.priority,
      c.lead ? 1 : 0,
      c.awaitingReplySince,
      c.firstResponseAt,
      c.customerReadSeq,
      phoneCall?.outcome ?? null,
      phoneCall?.durationSeconds ?? null,
    );
    if (c.customerId) ensureCustomer(db, c.customerId, c.customerName);
    return 'arrived';
  }
  const reopened = local.status === 'closed';
  statement(
    db,
    `UPDATE conversations SET status = 'open', ended_reason = NULL, remote = 1, customer_id = ?, customer_name = ?, skill_group = ?, priority = ?, is_lead = ?,
            awaiting_reply_since = ?, first_response_at = ?, customer_read_seq = max(customer_read_seq, ?), updated_at = ? WHERE id = ?`,
  ).run(c.customerId, c.customerName, group, c.priority, c.lead ? 1 : 0, c.awaitingReplySince, c.firstResponseAt, c.customerReadSeq, Date.now(), c.id);
  if (c.customerId) ensureCustomer(db, c.customerId, c.customerName);
  markRead(db, c.id, c.customerReadSeq);
  return reopened ? 'arrived' : 'changed';
}

/** A customer head office linked: the customer panel needs at least their name here. */
function ensureCustomer(db: CacheDb, id: string, name: string): void {
  const now = Date.now();
  statement(db, `INSERT OR IGNORE INTO customers (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(id, name, now, now);
}

/**
 * One of head office's messages, in order: only the one right after the
 * conversation's cursor is applied (the caller fetches gaps). A reply this
 * desk sent comes back with its number and is marked sent, not added again.
 * Returns false when the message is not the next one.
 */
export function applyMessage(db: CacheDb, m: ChatMessage): boolean {
  const conv = findConversation(db, m.conversationId);
  if (!conv || m.seq !== conv.remote_seq + 1) return false;
  const own = statement(db, 'SELECT id, state FROM messages WHERE id = ?').get(m.id) as { id: string; state: string | null } | undefined;
  if (own) {
    // The customer may have read it before this desk heard it was stored (their read mark came first).
    statement(
      db,
      `UPDATE messages SET remote_seq = @seq, failure = NULL,
              state = CASE WHEN state IS NULL THEN NULL WHEN @seq <= (SELECT customer_read_seq FROM conversations WHERE id = @conversationId) THEN 'read' ELSE 'sent' END
        WHERE id = @id`,
    ).run({ seq: m.seq, id: m.id, conversationId: m.conversationId });
  } else {
    appendMessage(db, {
      id: m.id,
      conversationId: m.conversationId,
      direction: m.direction,
      body: m.body,
      authorAgentId: null,
      authorName: m.authorName,
      notice: m.notice,
      noticeArg: m.noticeArg,
      at: m.at,
      kind: m.kind,
      remoteSeq: m.seq,
      state: m.direction === 'out' ? 'sent' : null,
      imageId: m.imageId,
      location: m.location,
    });
  }
  statement(db, 'UPDATE conversations SET remote_seq = ? WHERE id = ?').run(m.seq, m.conversationId);
  return true;
}

/** The customer read the replies up to head office's number `seq`. */
export function markRead(db: CacheDb, conversationId: string, seq: number): number {
  statement(db, 'UPDATE conversations SET customer_read_seq = max(customer_read_seq, ?) WHERE id = ?').run(seq, conversationId);
  return statement(db, `UPDATE messages SET state = 'read' WHERE conversation_id = ? AND direction = 'out' AND state = 'sent' AND remote_seq <= ?`).run(conversationId, seq).changes;
}

/** Ended conversations from head office stay on the desk this long (head office keeps them for good). */
export const KEEP_ENDED_MS = 30 * 24 * 3600_000;

/** Forget ended head-office conversations last touched before `before`, with their messages; returns how many went. */
export function pruneEndedConversations(db: CacheDb, before: number): number {
  return db.transaction(() => {
    const ids = statement(db, `SELECT id FROM conversations WHERE remote = 1 AND status = 'closed' AND updated_at < ?`).pluck().all(before) as string[];
    for (const id of ids) {
      statement(db, 'DELETE FROM messages WHERE conversation_id = ?').run(id);
      statement(db, 'DELETE FROM conversations WHERE id = ?').run(id);
    }
    return ids.length;
  })();
}
