import type { ConversationSummary, Message } from '../../../../shared/contract/schemas.js';
import type { Channel } from '../../../../shared/domain/channels.js';
import type { CacheDb } from '../../db/open-cache.js';
import { statement } from '../../db/statements.js';
import type { SkillGroup } from '../../../../shared/domain/routing.js';
import { customerMood, type CustomerMood } from '../../../../shared/domain/compliant-wording.js';

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
  remote: 0 | 1;
  remote_seq: number;
  customer_read_seq: number;
  skill_group: SkillGroup | null;
  priority: number;
  is_lead: 0 | 1;
  ended_reason: 'closed' | 'transferred' | null;
  mood: CustomerMood | null;
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
  group: r.skill_group,
  priority: r.priority,
  lead: r.is_lead === 1,
  lastSeq: r.last_seq,
  mood: r.mood,
});

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  direction: Message['direction'];
  body: string;
  sent_at: number;
  author_name: string | null;
  kind: Message['kind'];
  state: Message['state'];
  failure: string | null;
  image_id: string | null;
  location: string | null;
  notice: Message['notice'];
  notice_arg: string | null;
}

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  direction: r.direction,
  body: r.body,
  sentAt: r.sent_at,
  authorName: r.author_name,
  kind: r.kind,
  state: r.state,
  failure: r.failure,
  imageId: r.image_id,
  location: r.location === null ? null : (JSON.parse(r.location) as Message['location']),
  notice: r.notice,
  noticeArg: r.notice_arg,
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

const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.seq, m.direction, m.body, m.sent_at, coalesce(a.display_name, m.author_name) AS author_name, m.kind, m.state, m.failure, m.image_id, m.location, m.notice, m.notice_arg`;

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
  direction: Message['direction'];
  body: string;
  authorAgentId: string | null;
  at: number;
  kind?: Message['kind'];
  /** Head office's number for the message, when it came from there. */
  remoteSeq?: number | null;
  state?: Message['state'];
  imageId?: string | null;
  location?: Message['location'];
  authorName?: string | null;
  notice?: Message['notice'];
  noticeArg?: string | null;
}

/** Append a message at the next sequence number and refresh the summary. */
export function appendMessage(db: CacheDb, m: NewMessage): number {
  const seq = statement(db, 'UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').pluck().get(m.conversationId) as number;
  statement(
    db,
    `INSERT INTO messages (id, conversation_id, seq, direction, body, author_agent_id, sent_at, kind, remote_seq, state, image_id, location, author_name, notice, notice_arg)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    m.id,
    m.conversationId,
    seq,
    m.direction,
    m.body,
    m.authorAgentId,
    m.at,
    m.kind ?? 'text',
    m.remoteSeq ?? null,
    m.state ?? null,
    m.imageId ?? null,
    m.location ? JSON.stringify(m.location) : null,
    m.authorName ?? null,
    m.notice ?? null,
    m.noticeArg ?? null,
  );
  const preview = m.kind === 'image' ? '[图片]' : m.kind === 'location' ? `[位置] ${m.body}` : m.body.replace(/\s+/g, ' ').slice(0, 80);
  if (m.direction === 'in') {
    // How the customer sounds now: their latest message decides.
    const mood = (m.kind ?? 'text') === 'text' ? customerMood(m.body) : null;
    statement(
      db,
      `UPDATE conversations SET last_message_at = ?, last_message_preview = ?, unread_count = unread_count + 1, mood = ?,
              awaiting_reply_since = coalesce(awaiting_reply_since, ?), updated_at = ? WHERE id = ?`,
    ).run(m.at, preview, mood, m.at, m.at, m.conversationId);
  } else if (m.direction === 'note' || m.direction === 'system') {
    statement(db, 'UPDATE conversations SET last_message_at = ?, last_message_preview = ?, updated_at = ? WHERE id = ?').run(m.at, preview, m.at, m.conversationId);
  } else {
    statement(
      db,
      `UPDATE conversations SET last_message_at = ?, last_message_preview = ?, unread_count = 0, awaiting_reply_since = NULL,
              first_response_at = coalesce(first_response_at, ?), draft = '', updated_at = ? WHERE id = ?`,
    ).run(m.at, preview, m.at, m.at, m.conversationId);
  }
  return seq;
}
