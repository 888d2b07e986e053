import type { WebChatView } from '../../shared/head-office/conversations.js';
import type { SqlExecutor } from '../db/sql-client.js';

/** What the customer's page shows about its latest conversation (the messages come separately). */
export async function webChatState(tx: SqlExecutor, identityId: string): Promise<Omit<WebChatView, 'messages'>> {
  const [row] = await tx.query<{ id: string; state: WebChatView['state']; agent_name: string | null; agent_read_seq: number; rating: number | null }>(
    `SELECT c.id, c.state, a.display_name AS agent_name, c.agent_read_seq, c.rating
       FROM conversations c LEFT JOIN accounts a ON a.id = c.assignee_id
      WHERE c.identity_id = $1 ORDER BY c.created_at DESC LIMIT 1`,
    [identityId],
  );
  if (!row) return { conversationId: null, state: null, agentName: null, agentReadSeq: 0, ratingOpenFor: null };
  return {
    conversationId: row.id,
    state: row.state,
    agentName: row.agent_name,
    agentReadSeq: row.agent_read_seq,
    // Every ended conversation invites a rating, not only the first.
    ratingOpenFor: row.state === 'closed' && row.rating === null ? row.id : null,
  };
}
