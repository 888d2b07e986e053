import type { SqlExecutor } from '../db/sql-client.js';
import { appendAudit, type AuditRecord } from '../audit/audit-log.js';

const queues = new WeakMap<SqlExecutor, AuditRecord[]>();

/**
 * Audit entries of a transaction that applies many changes (a desk's push
 * applies up to a group of them in one): appending at once would take the
 * audit chain's lock at the first audited change and hold it while the
 * later ones lock tickets, scopes and conversations, so every other audited
 * writer would wait on the whole group, and two such groups could deadlock.
 * Queued here, they are appended by `flushAudits` just before the
 * transaction's change log is flushed and it commits (appendAudit's "last
 * write" rule), in the order the changes were applied.
 */
export function queueAudit(tx: SqlExecutor, record: AuditRecord): void {
  let queue = queues.get(tx);
  if (!queue) queues.set(tx, (queue = []));
  queue.push(record);
}

/** Append the transaction's queued entries to the audit chain (a no-op when none are queued). */
export async function flushAudits(tx: SqlExecutor): Promise<void> {
  const queue = queues.get(tx);
  if (!queue) return;
  queues.delete(tx);
  for (const record of queue) await appendAudit(tx, record);
}
