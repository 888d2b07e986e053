import { randomUUID } from 'node:crypto';
import type { AccountView } from '../../shared/head-office/auth.js';
import type { AgentPresence, LiveConversation, QueueSnapshot } from '../../shared/head-office/conversations.js';
import { SKILL_GROUP_NAMES_ZH, type AgentStatus, type SkillGroup } from '../../shared/domain/routing.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { mustLead, mustRead } from './conversation-access.js';
import { publish } from './conversation-events.js';
import { appendMessage, CONVERSATION_SELECT, findConversation, toLiveConversation, type ConversationRow } from './conversation-records.js';
import { assign, lockRouting } from './routing-service.js';
import { transactionWithRetry } from '../db/retry.js';
import { maskPhone } from '../../shared/domain/masking.js';
import { auditCustomer } from '../customers/verification-records.js';


interface PresenceRow {
  account_id: string;
  display_name: string;
  role: AgentPresence['role'];
  status: AgentStatus | null;
  connected: boolean;
  skills: SkillGroup[];
  max_conversations: number;
  load: string;
}

const PRESENCE_SELECT = `
  SELECT a.id AS account_id, a.display_name, a.role, p.status, coalesce(p.live_until > now(), false) AS connected, a.skills, a.max_conversations,
         (SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.state = 'assigned' AND c.channel <> 'phone') AS load
    FROM accounts a LEFT JOIN agent_presence p ON p.account_id = a.id
   WHERE NOT a.disabled AND a.role IN ('agent', 'lead')`;

const toPresence = (r: PresenceRow): AgentPresence => ({
  accountId: r.account_id,
  displayName: r.display_name,
  role: r.role,
  status: r.status ?? 'offline',
  connected: r.connected,
  skills: r.skills,
  maxConversations: r.max_conversations,
  load: Number(r.load),
});

/** Agents of the caller's office (everyone's, for an administrator), with status and load. */
export async function officePresence(db: SqlExecutor, account: AccountView): Promise<AgentPresence[]> {
  const rows =
    account.role === 'admin'
      ? await db.query<PresenceRow>(`${PRESENCE_SELECT} ORDER BY a.display_name`)
      : await db.query<PresenceRow>(`${PRESENCE_SELECT} AND a.office_id = $1 ORDER BY a.display_name`, [account.officeId]);
  return rows.map(toPresence);
}

/** The caller's own status and load. */
export async function ownPresence(db: SqlExecutor, account: AccountView): Promise<AgentPresence> {
  if (account.role === 'admin') throw new HttpError('FORBIDDEN', 'administrators take no conversations');
  const [row] = await db.query<PresenceRow>(`${PRESENCE_SELECT} AND a.id = $1`, [account.id]);
  if (!row) throw new HttpError('NOT_FOUND', 'no such agent');
  return toPresence(row);
}

export async function setPresence(db: SqlClient, account: AccountView, status: AgentStatus): Promise<AgentPresence> {
  if (account.role === 'admin') throw new HttpError('FORBIDDEN', 'administrators take no conversations');
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO agent_presence (account_id, status, changed_at) VALUES ($1, $2, now())
       ON CONFLICT (account_id) DO UPDATE SET status = excluded.status, changed_at = now()`,
      [account.id, status],
    );
    await publish(tx, { k: 'p' });
  });
  return ownPresence(db, account);
}

/** Conversations the agent holds now (a desk reconnecting compares them with its own). */
export async function myConversations(db: SqlExecutor, account: AccountView): Promise<LiveConversation[]> {
  const rows = await db.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.assignee_id = $1 AND c.state = 'assigned' ORDER BY c.created_at`, [account.id]);
  return rows.map(toLiveConversation);
}

/** The lead's live queue: every waiting conversation, the office's active ones, the office's agents. */
export async function queueSnapshot(db: SqlExecutor, account: AccountView): Promise<QueueSnapshot> {
  mustLead(account);
  const waiting = await db.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.state = 'waiting' ORDER BY c.priority DESC, c.queued_at LIMIT 500`);
  // Live text conversations: a logged phone call is nobody's queue.
  const live = `c.state = 'assigned' AND c.channel <> 'phone'`;
  const active =
    account.role === 'admin'
      ? await db.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE ${live} ORDER BY c.created_at LIMIT 1000`)
      : await db.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE ${live} AND a.office_id = $1 ORDER BY c.created_at LIMIT 1000`, [account.officeId]);
  const [rated] = await db.query<{ rated: string; average: string | null }>(
    `SELECT count(*) AS rated, avg(c.rating) AS average FROM conversations c LEFT JOIN accounts a ON a.id = c.assignee_id
      WHERE c.rated_at > now() - interval '24 hours' AND ($1::uuid IS NULL OR a.office_id = $1)`,
    [account.role === 'admin' ? null : account.officeId],
  );
  return {
    at: Date.now(),
    waiting: waiting.map(toLiveConversation),
    active: active.map(toLiveConversation),
    agents: await officePresence(db, account),
    satisfaction: { rated: Number(rated!.rated), average: rated!.average === null ? null : Math.round(Number(rated!.average) * 10) / 10 },
  };
}

async function agentFor(tx: SqlExecutor, account: AccountView, accountId: string): Promise<{ id: string; display_name: string }> {
  const [target] = await tx.query<{ id: string; display_name: string; office_id: string | null }>(
    `SELECT id, display_name, office_id FROM accounts WHERE id = $1 AND NOT disabled AND role IN ('agent', 'lead')`,
    [accountId],
  );
  if (!target || (account.role !== 'admin' && target.office_id !== account.officeId)) throw new HttpError('NOT_FOUND', 'no such colleague');
  return target;
}

/**
 * Hand a conversation over, with the whole history and a note the next
 * agent reads first: to a colleague (who must be online), or back into a
 * skill group's queue. The customer is told they are being transferred.
 */
export async function transfer(db: SqlClient, account: AccountView, conversationId: string, to: { toAccountId?: string | undefined; toGroup?: SkillGroup | undefined; note: string }) {
  await transactionWithRetry(db, async (tx) => {
    await lockRouting(tx);
    const conv = mustRead(account, await findConversation(tx, conversationId, true));
    if (conv.state === 'closed') throw new HttpError('CONFLICT', 'the conversation has ended');
    if (conv.assignee_id !== account.id && account.role === 'agent') throw new HttpError('FORBIDDEN', 'only the conversation\'s agent or a lead may transfer it');
    if (conv.channel === 'phone') throw new HttpError('CONFLICT', 'a logged call is not transferred');
    let target: { id: string; display_name: string } | null = null;
    if (to.toAccountId) {
      target = await agentFor(tx, account, to.toAccountId);
      if (target.id === conv.assignee_id) throw new HttpError('CONFLICT', 'the conversation is with that colleague already');
      const [presence] = await tx.query<{ ok: boolean }>(`SELECT status = 'online' AND live_until > now() AS ok FROM agent_presence WHERE account_id = $1`, [target.id]);
      if (!presence?.ok) throw new HttpError('CONFLICT', `${target.display_name} is not online`);
    }
    const noteText = target ? `转接给 ${target.display_name}：${to.note}` : `转到${SKILL_GROUP_NAMES_ZH[to.toGroup!]}队列：${to.note}`;
    const noteSeq = await appendMessage(tx, { id: randomUUID(), conversationId: conv.id, direction: 'note', kind: 'text', body: noteText, authorId: account.id });
    await publish(tx, { k: 'm', c: conv.id, s: noteSeq });
    const noticeSeq = await appendMessage(tx, {
      id: randomUUID(),
      conversationId: conv.id,
      direction: 'system',
      kind: 'text',
      body: target ? `您的会话已转接给客服 ${target.display_name}，请稍候。` : '您的会话已转接给专门的客服，请稍候。',
      notice: 'transferred',
      noticeArg: target?.display_name ?? null,
    });
    await publish(tx, { k: 'm', c: conv.id, s: noticeSeq });
    if (target) {
      await assign(tx, conv.id, target.id, account.id, null, to.note);
    } else {
      await tx.query(`UPDATE conversations SET state = 'waiting', assignee_id = NULL, skill_group = $2, queued_at = now() WHERE id = $1`, [conv.id, to.toGroup]);
      // The group's specialists take it: not offered straight back to the agent who passed it on.
      if (conv.identity_id) await tx.query(`UPDATE channel_identities SET last_agent_id = NULL WHERE id = $1`, [conv.identity_id]);
      await tx.query(
        `INSERT INTO conversation_events (conversation_id, kind, from_account_id, to_group, note, by_account_id) VALUES ($1, 'transferred', $2, $3, $4, $5)`,
        [conv.id, conv.assignee_id, to.toGroup, to.note, account.id],
      );
      await publish(tx, { k: 'c', c: conv.id, p: conv.assignee_id });
    }
  });
}

/** A lead assigns a waiting conversation, reassigns an active one, or takes it over (their own id). */
export async function leadAssign(db: SqlClient, account: AccountView, conversationId: string, accountId: string) {
  mustLead(account);
  await transactionWithRetry(db, async (tx) => {
    await lockRouting(tx);
    const conv = mustRead(account, await findConversation(tx, conversationId, true));
    if (conv.state === 'closed') throw new HttpError('CONFLICT', 'the conversation has ended');
    const target = await agentFor(tx, account, accountId);
    if (conv.assignee_id === target.id) return;
    // A colleague with no desk connected would leave the customer with nobody; a lead taking over needs no desk here.
    if (target.id !== account.id) {
      const [presence] = await tx.query<{ live: boolean }>(`SELECT live_until > now() AS live FROM agent_presence WHERE account_id = $1`, [target.id]);
      if (!presence?.live) throw new HttpError('CONFLICT', `${target.display_name} has no workstation connected`);
    }
    await assign(tx, conv.id, target.id, account.id, null);
  });
}

/**
 * Link the person writing (a lead) to the customer record with this mobile
 * number. Linking comes first: the identity check then runs on the linked
 * record, and masks everything until it passes. A link decides whose
 * record a stranger's chat shows, so it is on the audit log (masked number).
 */
export async function linkCustomer(db: SqlClient, account: AccountView, conversationId: string, phone: string): Promise<LiveConversation> {
  return transactionWithRetry(db, async (tx) => {
    const conv = mustRead(account, await findConversation(tx, conversationId, true));
    if (conv.assignee_id !== account.id && account.role === 'agent') throw new HttpError('FORBIDDEN', 'only the conversation\'s agent may link its customer');
    if (!conv.identity_id) throw new HttpError('CONFLICT', 'this conversation has no channel identity to link');
    const [customer] = await tx.query<{ id: string; name: string; office_id: string | null }>('SELECT id, name, office_id FROM customers WHERE phone = $1', [phone]);
    if (!customer) throw new HttpError('NOT_FOUND', 'no customer has that mobile number');
    // An identity already linked to someone is moved only by a lead (a wrong link is a privacy matter).
    if (!conv.is_lead && conv.customer_id !== customer.id && account.role === 'agent') {
      throw new HttpError('CONFLICT', 'this customer is linked to another record already; ask a team lead to change it');
    }
    await tx.query('UPDATE channel_identities SET customer_id = $2 WHERE id = $1', [conv.identity_id, customer.id]);
    // Every open conversation of this person now names the customer.
    await tx.query(`UPDATE conversations SET customer_id = $2, customer_name = $3 WHERE identity_id = $1 AND state <> 'closed'`, [conv.identity_id, customer.id, customer.name]);
    await tx.query(`INSERT INTO conversation_events (conversation_id, kind, note, by_account_id) VALUES ($1, 'linked', $2, $3)`, [
      conv.id,
      conv.customer_id ? `${conv.customer_id} -> ${customer.id}` : customer.id,
      account.id,
    ]);
    await publish(tx, { k: 'c', c: conv.id });
    // Last write of the transaction: the audit chain's lock is held briefly.
    await auditCustomer(tx, account, customer, 'customer.link', {
      conversationId: conv.id,
      phoneMasked: maskPhone(phone),
      ...(conv.customer_id && conv.customer_id !== customer.id ? { previousCustomerId: conv.customer_id } : {}),
    });
    return toLiveConversation((await findConversation(tx, conv.id))!);
  });
}
