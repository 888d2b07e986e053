import type { SqlExecutor } from '../db/sql-client.js';

/** The PostgreSQL channel conversation events travel on, so every instance's sockets hear them. */
export const CONVERSATION_CHANNEL = 'motordesk_conversations';

/**
 * What happened to a conversation, as small as a notification allows
 * (8000 bytes): receivers read the rest from the database.
 */
export type ConversationEvent =
  /** A message was appended (seq). */
  | { k: 'm'; c: string; s: number }
  /** State, assignee, customer link or summary changed; `p` is the assignee before, when it changed. */
  | { k: 'c'; c: string; p?: string | null }
  /** Someone is typing. */
  | { k: 't'; c: string; side: 'agent' | 'customer'; a?: string; n: string }
  /** An agent started (on) or stopped viewing; silent viewers (a lead listening in) are not shown to others. */
  | { k: 'v'; c: string; a: string; n: string; on: boolean; silent: boolean }
  /** Read up to seq, by the customer or by the agent. */
  | { k: 'r'; c: string; side: 'agent' | 'customer'; s: number }
  /** Agents' status or connection changed. */
  | { k: 'p' };

/**
 * Announce an event. Inside a transaction it is delivered on commit (and
 * never if it rolls back), so a socket never hears of a message the
 * database does not hold.
 */
export async function publish(tx: SqlExecutor, event: ConversationEvent): Promise<void> {
  await tx.query(`SELECT pg_notify('${CONVERSATION_CHANNEL}', $1)`, [JSON.stringify(event)]);
}
