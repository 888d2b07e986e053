import type { CacheDb } from '../db/open-cache.js';

/**
 * Named local mutations waiting for head office (`ticket.setStatus`, …).
 * Callers append inside the transaction of the write they describe, so a
 * crash can never keep one without the other.
 */
export type MutationName =
  | 'agent.register'
  | 'conversation.sendMessage'
  | 'conversation.logPhoneCall'
  | 'conversation.close'
  | 'ticket.create'
  | 'ticket.setStatus'
  | 'ticket.addNote'
  | 'script.upsertPersonal'
  | 'script.deletePersonal'
  | 'usage.record';

export function appendMutation(db: CacheDb, name: MutationName, args: Record<string, unknown>, at: number): number {
  const info = db.prepare('INSERT INTO outbox (name, args, created_at) VALUES (?, ?, ?)').run(name, JSON.stringify(args), at);
  return Number(info.lastInsertRowid);
}

export interface OutboxEntry {
  mutationId: number;
  name: MutationName;
  args: Record<string, unknown>;
  createdAt: number;
}

export function pendingMutations(db: CacheDb, limit = 1000): OutboxEntry[] {
  const rows = db
    .prepare('SELECT mutation_id, name, args, created_at FROM outbox ORDER BY mutation_id LIMIT ?')
    .all(limit) as { mutation_id: number; name: MutationName; args: string; created_at: number }[];
  return rows.map((r) => ({ mutationId: r.mutation_id, name: r.name, args: JSON.parse(r.args) as Record<string, unknown>, createdAt: r.created_at }));
}

export function outboxSize(db: CacheDb): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}
