import type { ConversationSummary, Message } from '../../../../shared/contract/schemas.js';
import type { Channel } from '../../../../shared/domain/channels.js';
import type { CacheDb } from '../../db/open-cache.js';

export interface ConversationRow {
  id: string;
  customer_id: string | null;
  customer_name: string;
  channel: Channel;
  status: 'open' | 'closed';
  subject: string;
  last_seq: number;
  last_message_at: number | null;
  last_message_preview: string;
  unread_count: number;
  awaiting_reply_since: number | null;
  first_response_at: number | null;
  draft: string;
  call_outcome: 'answered' | 'callback' | 'transferred' | 'no_answer' | null;
  call_duration_seconds: number | null;
}

export const toSummary = (r: ConversationRow): ConversationSummary => ({
  id: r.id,
  channel: r.channel,
  status: r.status,
  customerId: r.customer_id,
  customerName: r.customer_name,
  subject: r.subject,
  lastMessageAt: r.last_message_at,
  lastMessagePreview: r.last_message_preview,
  unreadCount: r.unread_count,
  awaitingReplySince: r.awaiting_reply_since,
  firstResponseAt: r.first_response_at,
  draft: r.draft,
  phoneCall: r.call_outcome === null ? null : { outcome: r.call_outcome, durationSeconds: r.call_duration_seconds ?? 0 },
});

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  direction: 'in' | 'out' | 'note';
  body: string;
  sent_at: number;
  author_name: string | null;
}

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  direction: r.direction,
  body: r.body,
  sentAt: r.sent_at,
  authorName: r.author_name,
});

export function findConversation(db: CacheDb, id: string): ConversationRow | undefined {
  return db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as ConversationRow | undefined;
}

export function listOpenConversations(db: CacheDb): ConversationRow[] {
  return db
    // Oldest first and stable, so Alt+1…9 keeps meaning the same customer;
    // the first-response timers, not the order, show who is waiting.
    .prepare(`SELECT * FROM conversations WHERE status = 'open' ORDER BY created_at, id LIMIT 200`)
    .all() as ConversationRow[];
}

const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.seq, m.direction, m.body, m.sent_at, a.display_name AS author_name`;

/** A page of messages ending just before `beforeSeq`, oldest first. */
export function messagesBefore(db: CacheDb, conversationId: string, beforeSeq: number, limit: number): Message[] {
  const rows = db
    .prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN agents a ON a.id = m.author_agent_id
        WHERE m.conversation_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    )
    .all(conversationId, beforeSeq, limit) as MessageRow[];
  return rows.reverse().map(toMessage);
}

export function messageById(db: CacheDb, id: string): Message {
  const row = db
    .prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN agents a ON a.id = m.author_agent_id WHERE m.id = ?`)
    .get(id) as MessageRow;
  return toMessage(row);
}

export interface NewMessage {
  id: string;
  conversationId: string;
  direction: 'in' | 'out' | 'note';
  body: string;
  authorAgentId: string | null;
  at: number;
}

/** Append a message at the next sequence number and refresh the summary. */
export function appendMessage(db: CacheDb, m: NewMessage): number {
  const seq = (db.prepare('UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').pluck().get(m.conversationId) as number);
  db.prepare('INSERT INTO messages (id, conversation_id, seq, direction, body, author_agent_id, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    m.id,
    m.conversationId,
    seq,
    m.direction,
    m.body,
    m.authorAgentId,
    m.at,
  );
  const preview = m.body.replace(/\s+/g, ' ').slice(0, 80);
  if (m.direction === 'in') {
    db.prepare(
      `UPDATE conversations SET last_message_at = ?, last_message_preview = ?, unread_count = unread_count + 1,
              awaiting_reply_since = coalesce(awaiting_reply_since, ?), updated_at = ? WHERE id = ?`,
    ).run(m.at, preview, m.at, m.at, m.conversationId);
  } else if (m.direction === 'note') {
    db.prepare('UPDATE conversations SET last_message_at = ?, last_message_preview = ?, updated_at = ? WHERE id = ?').run(m.at, preview, m.at, m.conversationId);
  } else {
    db.prepare(
      `UPDATE conversations SET last_message_at = ?, last_message_preview = ?, unread_count = 0, awaiting_reply_since = NULL,
              first_response_at = coalesce(first_response_at, ?), draft = '', updated_at = ? WHERE id = ?`,
    ).run(m.at, preview, m.at, m.at, m.conversationId);
  }
  return seq;
}
