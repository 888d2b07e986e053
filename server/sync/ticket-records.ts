import { officeScope, type SyncedTicket, type SyncedTicketEvent } from '../../shared/head-office/sync.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { logChange } from './change-log.js';

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
const person = (id: unknown, login: unknown, name: unknown) => (id ? { id: String(id), login: String(login), displayName: String(name) } : null);

/** A ticket in the shape every desk stores (head office's own columns, such as the office, stay here). */
async function syncedTicket(tx: SqlExecutor, id: string): Promise<SyncedTicket> {
  const [r] = await tx.query<Record<string, unknown>>(
    `SELECT t.*, a.login AS owner_login, a.display_name AS owner_name
       FROM tickets t LEFT JOIN accounts a ON a.id = t.owner_account_id WHERE t.id = $1`,
    [id],
  );
  return {
    id: String(r!.id),
    ticketNo: String(r!.ticket_no),
    type: r!.type as SyncedTicket['type'],
    category: String(r!.category),
    priority: r!.priority as SyncedTicket['priority'],
    status: r!.status as SyncedTicket['status'],
    title: String(r!.title),
    description: String(r!.description),
    customerId: (r!.customer_id as string | null) ?? null,
    conversationId: (r!.conversation_id as string | null) ?? null,
    owner: person(r!.owner_account_id, r!.owner_login, r!.owner_name),
    createdAt: ms(r!.created_at),
    updatedAt: ms(r!.updated_at),
  };
}

async function syncedEvent(tx: SqlExecutor, id: string): Promise<SyncedTicketEvent> {
  const [r] = await tx.query<Record<string, unknown>>(
    `SELECT e.*, a.login AS author_login, a.display_name AS author_name
       FROM ticket_events e LEFT JOIN accounts a ON a.id = e.account_id WHERE e.id = $1`,
    [id],
  );
  return {
    id: String(r!.id),
    ticketId: String(r!.ticket_id),
    kind: r!.kind as SyncedTicketEvent['kind'],
    field: (r!.field as string | null) ?? null,
    fromValue: (r!.from_value as string | null) ?? null,
    toValue: (r!.to_value as string | null) ?? null,
    note: (r!.note as string | null) ?? null,
    author: person(r!.account_id, r!.author_login, r!.author_name),
    at: ms(r!.at),
  };
}

/** Log a ticket as it now stands under its office's scope; its `version` becomes the scope's new version. */
export async function logTicket(tx: SqlExecutor, officeId: string, ticketId: string, before: number | null): Promise<void> {
  await logChange(tx, officeScope(officeId), {
    entity: 'ticket',
    id: ticketId,
    before,
    data: async (version) => {
      await tx.query('UPDATE tickets SET version = $2 WHERE id = $1', [ticketId, version]);
      return syncedTicket(tx, ticketId);
    },
  });
}

/** Log a new history entry (they never change after). */
export async function logTicketEvent(tx: SqlExecutor, officeId: string, eventId: string): Promise<void> {
  await logChange(tx, officeScope(officeId), {
    entity: 'ticket_event',
    id: eventId,
    before: null,
    data: async (version) => {
      await tx.query('UPDATE ticket_events SET version = $2 WHERE id = $1', [eventId, version]);
      return syncedEvent(tx, eventId);
    },
  });
}

/** Tombstones for a ticket and its history, then the rows themselves. */
export async function deleteTicketRecords(tx: SqlExecutor, officeId: string, ticketId: string, ticketVersion: number): Promise<void> {
  const events = await tx.query<{ id: string; version: string }>('SELECT id, version FROM ticket_events WHERE ticket_id = $1', [ticketId]);
  for (const e of events) await logChange(tx, officeScope(officeId), { entity: 'ticket_event', id: e.id, before: Number(e.version), data: null });
  await logChange(tx, officeScope(officeId), { entity: 'ticket', id: ticketId, before: ticketVersion, data: null });
  await tx.query('DELETE FROM ticket_events WHERE ticket_id = $1', [ticketId]);
  await tx.query('DELETE FROM tickets WHERE id = $1', [ticketId]);
}
