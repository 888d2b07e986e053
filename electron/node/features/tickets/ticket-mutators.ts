import type { z } from 'zod';
import type { MutationArgs, SyncedTicket, SyncedTicketEvent } from '../../../../shared/head-office/sync.js';
import type { CacheDb } from '../../db/open-cache.js';
import { statement } from '../../db/statements.js';
import { upsertAgent } from '../agents/agent-store.js';

type Args<N extends keyof typeof MutationArgs> = z.output<(typeof MutationArgs)[N]>;

/**
 * What each ticket mutation does to the cache. The same functions make the
 * agent's change visible at once and re-apply still-pending changes on top
 * of head office's copy after a pull or a refusal, so they must be
 * idempotent: applying one twice leaves the cache as applying it once.
 */
export const ticketMutators = {
  'ticket.create'(db: CacheDb, a: Args<'ticket.create'>, agentId: string | null) {
    statement(db, 
      `INSERT INTO tickets (id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_agent_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(a.id, a.ticketNo, a.type, a.category, a.priority, a.title, a.description, a.customerId, a.conversationId, agentId, a.at, a.at);
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'created', field: null, from: null, to: 'new', note: null, agentId, at: a.at });
  },

  'ticket.setStatus'(db: CacheDb, a: Args<'ticket.setStatus'>, agentId: string | null) {
    if (statement(db, 'UPDATE tickets SET status = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(a.to, a.at, a.id).changes === 0) return;
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'status', field: null, from: a.from, to: a.to, note: a.note ?? null, agentId, at: a.at });
  },

  'ticket.addNote'(db: CacheDb, a: Args<'ticket.addNote'>, agentId: string | null) {
    if (statement(db, 'UPDATE tickets SET updated_at = max(updated_at, ?) WHERE id = ?').run(a.at, a.id).changes === 0) return;
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'note', field: null, from: null, to: null, note: a.note, agentId, at: a.at });
  },

  'ticket.edit'(db: CacheDb, a: Args<'ticket.edit'>, agentId: string | null) {
    for (const [field, change] of Object.entries(a.changes)) {
      // The field names come from the mutation's schema (priority, category, title), never from input text.
      if (statement(db, `UPDATE tickets SET ${field} = ?, updated_at = max(updated_at, ?) WHERE id = ?`).run(change.to, a.at, a.id).changes === 0) return;
      insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'edit', field, from: change.from, to: change.to, note: null, agentId, at: a.at });
    }
  },

  'ticket.delete'(db: CacheDb, a: Args<'ticket.delete'>) {
    deleteTicket(db, a.id);
  },
};

export type TicketMutationName = keyof typeof ticketMutators;

export function insertEvent(
  db: CacheDb,
  e: { id: string; ticketId: string; kind: SyncedTicketEvent['kind']; field: string | null; from: string | null; to: string | null; note: string | null; agentId: string | null; at: number },
): void {
  statement(db, 'INSERT INTO ticket_events (id, ticket_id, kind, field, from_value, to_value, note, agent_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
    e.id,
    e.ticketId,
    e.kind,
    e.field,
    e.from,
    e.to,
    e.note,
    e.agentId,
    e.at,
  );
}

export function deleteTicket(db: CacheDb, id: string): void {
  statement(db, 'DELETE FROM ticket_events WHERE ticket_id = ?').run(id);
  statement(db, 'DELETE FROM tickets WHERE id = ?').run(id);
}

/** Head office's copy of a ticket into the cache (pending local changes are re-applied after). */
export function writeSyncedTicket(db: CacheDb, t: SyncedTicket, version: number): void {
  if (t.owner) upsertAgent(db, t.owner);
  statement(db, 
    `INSERT INTO tickets (id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_agent_id, created_at, updated_at, version)
     VALUES (@id, @ticketNo, @type, @category, @priority, @status, @title, @description, @customerId, @conversationId, @ownerId, @createdAt, @updatedAt, @version)
     ON CONFLICT (id) DO UPDATE SET ticket_no = excluded.ticket_no, type = excluded.type, category = excluded.category, priority = excluded.priority,
       status = excluded.status, title = excluded.title, description = excluded.description, customer_id = excluded.customer_id,
       conversation_id = excluded.conversation_id, owner_agent_id = excluded.owner_agent_id, created_at = excluded.created_at,
       updated_at = excluded.updated_at, version = excluded.version`,
  ).run({ ...t, ownerId: t.owner?.id ?? null, version });
}

export function writeSyncedTicketEvent(db: CacheDb, e: SyncedTicketEvent): void {
  if (e.author) upsertAgent(db, e.author);
  statement(db, 
    `INSERT INTO ticket_events (id, ticket_id, kind, field, from_value, to_value, note, agent_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, field = excluded.field, from_value = excluded.from_value, to_value = excluded.to_value,
       note = excluded.note, agent_id = excluded.agent_id, at = excluded.at`,
  ).run(e.id, e.ticketId, e.kind, e.field, e.fromValue, e.toValue, e.note, e.author?.id ?? null, e.at);
}
