import { performance } from 'node:perf_hooks';
import { routeQueue, type RoutableAgent, type SkillGroup, type WaitingConversation } from '../../shared/domain/routing.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { transactionWithRetry } from '../db/retry.js';
import { publish } from './conversation-events.js';

/** One lock for all routers: two instances never hand the same agent's last free place out twice. */
const ROUTING_LOCK = 72_001;

/** Agents head office may offer text conversations to now, with their load. */
export async function routableAgents(tx: SqlExecutor): Promise<RoutableAgent[]> {
  const rows = await tx.query<{ id: string; skills: SkillGroup[]; max_conversations: number; load: string; last_assigned_at: Date | null }>(
    `SELECT a.id, a.skills, a.max_conversations, p.last_assigned_at,
            (SELECT count(*) FROM conversations c WHERE c.assignee_id = a.id AND c.state = 'assigned' AND c.channel <> 'phone') AS load
       FROM accounts a JOIN agent_presence p ON p.account_id = a.id
      WHERE NOT a.disabled AND a.role IN ('agent', 'lead') AND p.status = 'online' AND p.live_until > now()`,
  );
  return rows.map((r) => ({ id: r.id, skills: r.skills, maxConversations: r.max_conversations, load: Number(r.load), lastAssignedAt: r.last_assigned_at?.getTime() ?? 0 }));
}

/** Every change of who holds a conversation takes this lock first: capacity is counted and spent by one writer at a time. */
export async function lockRouting(tx: SqlExecutor): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [ROUTING_LOCK]);
}

/** An agent's desk gone this long (or the agent signed off as offline) sends their waiting customers back to the queue. */
export const GONE_AFTER_SECONDS = 120;

/**
 * Customers waiting for an answer from an agent who left after taking them
 * (signed off as offline, or no desk of theirs connected for two minutes)
 * go back to the queue, at the time they started waiting, so they are not
 * left with nobody. A conversation where nobody waits stays (the customer
 * writing again makes it one). Desks' leases only count when `leasesTrusted`:
 * after head office or its database was down, every lease looks stale.
 */
async function requeueFromGoneAgents(tx: SqlExecutor, leasesTrusted: boolean): Promise<void> {
  const gone = await tx.query<{ id: string; assignee_id: string }>(
    `SELECT c.id, c.assignee_id FROM conversations c JOIN agent_presence p ON p.account_id = c.assignee_id
      WHERE c.state = 'assigned' AND c.channel <> 'phone' AND c.awaiting_reply_since IS NOT NULL
        AND ((p.status = 'offline' AND p.changed_at > c.assigned_at)
          OR ($2 AND p.live_until < now() - make_interval(secs => $1) AND p.live_until > c.assigned_at))
      FOR UPDATE OF c`,
    [GONE_AFTER_SECONDS, leasesTrusted],
  );
  for (const c of gone) {
    await tx.query(`UPDATE conversations SET state = 'waiting', assignee_id = NULL, queued_at = awaiting_reply_since WHERE id = $1`, [c.id]);
    await tx.query(`INSERT INTO conversation_events (conversation_id, kind, from_account_id, note) VALUES ($1, 'transferred', $2, 'agent unavailable')`, [c.id, c.assignee_id]);
    // Not offered straight back to the agent who left.
    await tx.query(`UPDATE channel_identities SET last_agent_id = NULL WHERE id = (SELECT identity_id FROM conversations WHERE id = $1)`, [c.id]);
    await publish(tx, { k: 'c', c: c.id, p: c.assignee_id });
  }
}

/**
 * Hand waiting conversations to agents with room, by the shared rules,
 * in one transaction under the routing lock. Returns how many were
 * assigned and how long the decision took (ms, the lock wait excluded).
 */
export async function routeWaiting(db: SqlClient, leasesTrusted = false): Promise<{ assigned: number; decisionMs: number }> {
  return transactionWithRetry(db, async (tx) => {
    await lockRouting(tx);
    await requeueFromGoneAgents(tx, leasesTrusted);
    const started = performance.now();
    const waiting = await tx.query<{ id: string; skill_group: SkillGroup; priority: number; queued_at: Date; last_agent_id: string | null }>(
      // The head of each group's queue: a long queue nobody can take in one group never hides another group's customers.
      `SELECT w.id, w.skill_group, w.priority, w.queued_at, ci.last_agent_id
         FROM (SELECT c.*, row_number() OVER (PARTITION BY c.skill_group ORDER BY c.priority DESC, c.queued_at) AS place
                 FROM conversations c WHERE c.state = 'waiting') w
         LEFT JOIN channel_identities ci ON ci.id = w.identity_id
        WHERE w.place <= 200 ORDER BY w.priority DESC, w.queued_at`,
    );
    if (waiting.length === 0) return { assigned: 0, decisionMs: performance.now() - started };
    const agents = await routableAgents(tx);
    const queue: WaitingConversation[] = waiting.map((w) => ({ id: w.id, group: w.skill_group, priority: w.priority, queuedAt: w.queued_at.getTime(), lastAgentId: w.last_agent_id }));
    const assignments = routeQueue(queue, agents, Date.now());
    const decisionMs = performance.now() - started;
    let assigned = 0;
    for (const a of assignments) if (await assign(tx, a.conversationId, a.agentId, null, decisionMs, null, true)) assigned++;
    return { assigned, decisionMs };
  });
}

/**
 * Give a conversation to an agent (routing, a lead's assignment, a
 * transfer), with its event, under the routing lock the caller holds.
 * With `onlyIfWaiting` (routing) a conversation someone else took since it
 * was read is left alone; returns whether it was assigned.
 */
export async function assign(
  tx: SqlExecutor,
  conversationId: string,
  agentId: string,
  by: string | null,
  decisionMs: number | null,
  note: string | null = null,
  onlyIfWaiting = false,
): Promise<boolean> {
  const [before] = await tx.query<{ assignee_id: string | null; state: string; identity_id: string | null }>(
    `SELECT assignee_id, state, identity_id FROM conversations WHERE id = $1 FOR UPDATE`,
    [conversationId],
  );
  if (!before || (onlyIfWaiting && before.state !== 'waiting')) return false;
  await tx.query(`UPDATE conversations SET state = 'assigned', assignee_id = $2, assigned_at = now() WHERE id = $1`, [conversationId, agentId]);
  await tx.query(
    `INSERT INTO conversation_events (conversation_id, kind, from_account_id, to_account_id, note, by_account_id, decision_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [conversationId, before.assignee_id ? 'transferred' : 'assigned', before.assignee_id, agentId, note, by, decisionMs],
  );
  // The wall clock, not the transaction's start: the next tie goes to whoever waited longest, even within one routing run.
  await tx.query(`UPDATE agent_presence SET last_assigned_at = clock_timestamp() WHERE account_id = $1`, [agentId]);
  // The customer is offered to this agent first next time.
  if (before.identity_id) await tx.query(`UPDATE channel_identities SET last_agent_id = $2 WHERE id = $1`, [before.identity_id, agentId]);
  await publish(tx, { k: 'c', c: conversationId, p: before.assignee_id });
  return true;
}

/**
 * Runs routing when something may let a waiting customer through (a new
 * conversation, an agent online, a place freed), one run at a time; a
 * request during a run asks for exactly one more. A timer covers what no
 * event announces (an agent's desk that stopped renewing its connection).
 */
export function createRouter(db: SqlClient, onError: (err: unknown) => void, everyMs = 5_000, leasesTrusted: () => boolean = () => false) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = async () => {
    do {
      again = false;
      try {
        await routeWaiting(db, leasesTrusted());
      } catch (err) {
        if (!stopped) onError(err);
      }
    } while (again && !stopped);
  };
  const kick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void kick(), everyMs);
  timer.unref();
  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
