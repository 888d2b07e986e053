import type { ChatMessage, LiveConversation } from '../../shared/head-office/conversations.js';
import type { SkillGroup } from '../../shared/domain/routing.js';
import type { Channel } from '../../shared/domain/channels.js';
import type { SqlExecutor } from '../db/sql-client.js';

export interface ConversationRow {
  id: string;
  channel: Channel;
  identity_id: string | null;
  customer_id: string | null;
  customer_name: string;
  skill_group: SkillGroup;
  priority: number;
  state: 'waiting' | 'assigned' | 'closed';
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_office_id: string | null;
  last_seq: number;
  customer_read_seq: number;
  agent_read_seq: number;
  created_at: Date;
  queued_at: Date;
  first_response_at: Date | null;
  awaiting_reply_since: Date | null;
  last_message_at: Date | null;
  last_message_preview: string;
  closed_at: Date | null;
  call_outcome: 'answered' | 'callback' | 'transferred' | 'no_answer' | null;
  call_duration_seconds: number | null;
  rating: number | null;
  is_lead: boolean;
}

/** A conversation with its assignee and whether its person is still a lead. */
export const CONVERSATION_SELECT = `
  SELECT c.*, a.display_name AS assignee_name, a.office_id AS assignee_office_id,
         (c.identity_id IS NOT NULL AND ci.customer_id IS NULL) AS is_lead
    FROM conversations c
    LEFT JOIN accounts a ON a.id = c.assignee_id
    LEFT JOIN channel_identities ci ON ci.id = c.identity_id`;

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

export const toLiveConversation = (r: ConversationRow): LiveConversation => ({
  id: r.id,
  channel: r.channel,
  state: r.state,
  group: r.skill_group,
  priority: r.priority,
  customerId: r.customer_id,
  customerName: r.customer_name,
  lead: r.is_lead,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  lastSeq: r.last_seq,
  customerReadSeq: r.customer_read_seq,
  createdAt: r.created_at.getTime(),
  queuedAt: r.queued_at.getTime(),
  firstResponseAt: ms(r.first_response_at),
  awaitingReplySince: ms(r.awaiting_reply_since),
  lastMessageAt: ms(r.last_message_at),
  lastMessagePreview: r.last_message_preview,
  closedAt: ms(r.closed_at),
  phoneCall: r.call_outcome === null ? null : { outcome: r.call_outcome, durationSeconds: r.call_duration_seconds ?? 0 },
});

export async function findConversation(tx: SqlExecutor, id: string, lock = false): Promise<ConversationRow | undefined> {
  if (lock) await tx.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [id]);
  const [row] = await tx.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.id = $1`, [id]);
  return row;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  direction: ChatMessage['direction'];
  kind: ChatMessage['kind'];
  body: string;
  image_id: string | null;
  location: ChatMessage['location'];
  author_name: string | null;
  notice: ChatMessage['notice'];
  notice_arg: string | null;
  at: Date;
}

export const MESSAGE_SELECT = `
  SELECT m.id, m.conversation_id, m.seq, m.direction, m.kind, m.body, m.image_id, m.location, a.display_name AS author_name, m.notice, m.notice_arg, m.at
    FROM conversation_messages m LEFT JOIN accounts a ON a.id = m.author_id`;

export const toChatMessage = (r: MessageRow): ChatMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  direction: r.direction,
  kind: r.kind,
  body: r.body,
  imageId: r.image_id,
  location: r.location,
  authorName: r.author_name,
  notice: r.notice,
  noticeArg: r.notice_arg,
  at: r.at.getTime(),
});

/** Messages after `after`, oldest first; `customerView` leaves out agents' internal notes. */
export async function messagesAfter(tx: SqlExecutor, conversationId: string, after: number, limit: number, customerView = false) {
  const rows = await tx.query<MessageRow>(
    `${MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.seq > $2 ${customerView ? `AND m.direction <> 'note'` : ''} ORDER BY m.seq LIMIT $3`,
    [conversationId, after, limit + 1],
  );
  return { messages: rows.slice(0, limit).map(toChatMessage), more: rows.length > limit };
}

export interface NewMessage {
  id: string;
  conversationId: string;
  direction: ChatMessage['direction'];
  kind: ChatMessage['kind'];
  body: string;
  imageId?: string | null;
  location?: ChatMessage['location'];
  authorId?: string | null;
  notice?: ChatMessage['notice'];
  noticeArg?: string | null;
}

/** Append at the conversation's next number (the caller holds its row lock) and keep its summary. */
export async function appendMessage(tx: SqlExecutor, m: NewMessage): Promise<number> {
  const preview = m.kind === 'text' ? m.body.replace(/\s+/g, ' ').slice(0, 80) : m.kind === 'image' ? '[图片]' : '[位置]';
  const summary =
    m.direction === 'in'
      ? `awaiting_reply_since = coalesce(awaiting_reply_since, now()), last_message_at = now(), last_message_preview = $2`
      : m.direction === 'out'
        ? `awaiting_reply_since = NULL, first_response_at = coalesce(first_response_at, now()), agent_read_seq = last_seq + 1,
           last_message_at = now(), last_message_preview = $2`
        : null;
  // Notes and notices change neither the preview nor who waits for whom.
  const [row] = await tx.query<{ last_seq: number }>(
    `UPDATE conversations SET last_seq = last_seq + 1${summary ? `, ${summary}` : ''} WHERE id = $1 RETURNING last_seq`,
    summary ? [m.conversationId, preview] : [m.conversationId],
  );
  const seq = row!.last_seq;
  await tx.query(
    `INSERT INTO conversation_messages (id, conversation_id, seq, direction, kind, body, image_id, location, author_id, notice, notice_arg)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [m.id, m.conversationId, seq, m.direction, m.kind, m.body, m.imageId ?? null, m.location ? JSON.stringify(m.location) : null, m.authorId ?? null, m.notice ?? null, m.noticeArg ?? null],
  );
  return seq;
}
