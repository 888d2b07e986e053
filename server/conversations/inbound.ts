import { randomUUID } from 'node:crypto';
import type { Channel } from '../../shared/domain/channels.js';
import { placeConversation, type ChatTopic } from '../../shared/domain/routing.js';
import type { ChatMessage, InboundContent } from '../../shared/head-office/conversations.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { isUniqueViolation, transactionWithRetry } from '../db/retry.js';
import { publish } from './conversation-events.js';
import { appendMessage, MESSAGE_SELECT, toChatMessage, type MessageRow } from './conversation-records.js';

/** A customer's message as any channel delivers it. */
export interface InboundMessage {
  channel: Channel;
  /** Who wrote, in the channel's terms (a visitor id, an openid, a mobile number). */
  externalId: string;
  name?: string | undefined;
  topic?: ChatTopic | undefined;
  /** The channel's id for this message: the same id again is the same message. */
  externalMessageId: string;
  content: InboundContent | { type: 'image'; image: { mime: string; bytes: Buffer } };
}

export interface InboundResult {
  message: ChatMessage;
  /** The channel had delivered this message before; nothing was written. */
  duplicate: boolean;
  /** A new conversation was opened (and queued). */
  opened: boolean;
}

/** A reply of one digit, 1–5, within this long after a conversation ended rates it (SMS and other text channels). */
const RATING_WINDOW_SQL = `interval '24 hours'`;
const RATING_REPLY = /^\s*([1-5])\s*$/;

function defaultName(channel: Channel, externalId: string): string {
  const tail = externalId.replace(/[^0-9A-Za-z]/g, '').slice(-4);
  return channel === 'sms' ? `尾号${tail}` : `访客${tail}`;
}

/**
 * Take in a customer's message: find or make the channel identity, join
 * the open conversation or open (and queue) a new one, append the message
 * and keep the channel's receipt, in one transaction. Two deliveries of
 * one message race to the receipt's key; the loser finds the receipt and
 * answers with the stored message.
 */
export async function receiveInbound(db: SqlClient, m: InboundMessage): Promise<InboundResult> {
  // A concurrent first message of the same person, or the same delivery twice: once more sees the winner's rows.
  return transactionWithRetry(db, (tx) => receiveOnce(tx, m), isUniqueViolation);
}

async function storedMessage(tx: SqlExecutor, id: string): Promise<ChatMessage> {
  const [row] = await tx.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
  return toChatMessage(row!);
}

async function receiveOnce(tx: SqlExecutor, m: InboundMessage): Promise<InboundResult> {
  const [receipt] = await tx.query<{ message_id: string }>('SELECT message_id FROM channel_receipts WHERE channel = $1 AND external_message_id = $2', [
    m.channel,
    m.externalMessageId,
  ]);
  if (receipt) return { message: await storedMessage(tx, receipt.message_id), duplicate: true, opened: false };

  const [identity] = await tx.query<{ id: string; display_name: string; customer_id: string | null }>(
    `INSERT INTO channel_identities (id, channel, external_id, display_name, customer_id)
     VALUES ($1, $2, $3, $4, CASE WHEN $2 = 'sms' THEN (SELECT id FROM customers WHERE phone = $3) END)
     ON CONFLICT (channel, external_id) DO UPDATE SET display_name = CASE WHEN $5::text IS NULL THEN channel_identities.display_name ELSE excluded.display_name END,
       -- A number that wrote before its customer record existed is linked once it does.
       customer_id = coalesce(channel_identities.customer_id, excluded.customer_id)
     RETURNING id, display_name, customer_id`,
    [randomUUID(), m.channel, m.externalId, m.name ?? defaultName(m.channel, m.externalId), m.name ?? null],
  );
  const person = identity!;

  let [open] = await tx.query<{ id: string }>(`SELECT id FROM conversations WHERE identity_id = $1 AND state <> 'closed' FOR UPDATE`, [person.id]);
  const text = m.content.type === 'text' ? m.content.text : '';

  // Text channels rate by a digit (the web chat has its rating card, and there a "3" is just a message).
  if (!open && m.channel !== 'webchat' && RATING_REPLY.test(text)) {
    const rated = await rateByReply(tx, person.id, Number(RATING_REPLY.exec(text)![1]));
    if (rated) return finish(tx, m, rated, false);
  }

  let opened = false;
  if (!open) {
    const placement = placeConversation(m.topic ?? null, text);
    const [customer] = person.customer_id ? await tx.query<{ name: string }>('SELECT name FROM customers WHERE id = $1', [person.customer_id]) : [];
    [open] = await tx.query<{ id: string }>(
      `INSERT INTO conversations (id, channel, identity_id, customer_id, customer_name, skill_group, priority, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting') RETURNING id`,
      [randomUUID(), m.channel, person.id, person.customer_id, customer?.name ?? person.display_name, placement.group, placement.priority],
    );
    await tx.query(`INSERT INTO conversation_events (conversation_id, kind, to_group) VALUES ($1, 'queued', $2)`, [open!.id, placement.group]);
    opened = true;
  }
  return finish(tx, m, open!.id, opened);
}

/** The customer's digit rates their last ended conversation, if it is recent and unrated; returns that conversation. */
async function rateByReply(tx: SqlExecutor, identityId: string, score: number): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    `UPDATE conversations SET rating = $2, rated_at = now()
      WHERE id = (SELECT id FROM conversations WHERE identity_id = $1 AND state = 'closed' AND rating IS NULL
                     AND closed_at > now() - ${RATING_WINDOW_SQL} ORDER BY closed_at DESC LIMIT 1 FOR UPDATE)
      RETURNING id`,
    [identityId, score],
  );
  if (!row) return null;
  await tx.query(`INSERT INTO conversation_events (conversation_id, kind, note) VALUES ($1, 'rated', $2)`, [row.id, String(score)]);
  return row.id;
}

async function finish(tx: SqlExecutor, m: InboundMessage, conversationId: string, opened: boolean): Promise<InboundResult> {
  await tx.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
  const id = randomUUID();
  let imageId: string | null = null;
  let body = '';
  let location: ChatMessage['location'] = null;
  switch (m.content.type) {
    case 'text':
      body = m.content.text;
      break;
    case 'location':
      location = m.content.location;
      body = m.content.location.label ?? '';
      break;
    case 'image':
      if ('image' in m.content) {
        imageId = randomUUID();
        await tx.query('INSERT INTO conversation_images (id, conversation_id, mime, bytes) VALUES ($1, $2, $3, $4)', [imageId, conversationId, m.content.image.mime, m.content.image.bytes]);
      } else {
        // A picture a channel keeps on its own servers: the agent sees where it is.
        body = m.content.caption ? `${m.content.caption} ${m.content.url}` : m.content.url;
      }
      break;
  }
  const seq = await appendMessage(tx, { id, conversationId, direction: 'in', kind: m.content.type, body, imageId, location });
  // A rating reply joins its ended conversation as a message, but nobody waits to answer it.
  await tx.query(`UPDATE conversations SET awaiting_reply_since = NULL WHERE id = $1 AND state = 'closed'`, [conversationId]);
  await tx.query('INSERT INTO channel_receipts (channel, external_message_id, message_id) VALUES ($1, $2, $3)', [m.channel, m.externalMessageId, id]);
  await publish(tx, { k: 'm', c: conversationId, s: seq });
  if (opened) await publish(tx, { k: 'c', c: conversationId });
  return { message: await storedMessage(tx, id), duplicate: false, opened };
}
