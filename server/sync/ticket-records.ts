import type { SyncedTicket, SyncedTicketEvent } from '../../shared/head-office/sync.js';

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
const person = (id: unknown, login: unknown, name: unknown) => (id ? { id: String(id), login: String(login), displayName: String(name) } : null);

/** Add to a RETURNING list of `tickets`: who owns it, for the desks. */
export const TICKET_OWNER = `(SELECT login FROM accounts WHERE id = owner_account_id) AS owner_login,
  (SELECT display_name FROM accounts WHERE id = owner_account_id) AS owner_name`;
/** Add to a RETURNING list of `ticket_events`: who wrote it. */
export const EVENT_AUTHOR = `(SELECT login FROM accounts WHERE id = account_id) AS author_login,
  (SELECT display_name FROM accounts WHERE id = account_id) AS author_name`;

/** A ticket row (with TICKET_OWNER) in the shape every desk stores; head office's own columns, such as the office, stay here. */
export function syncedTicket(r: Record<string, unknown>): SyncedTicket {
  return {
    id: String(r.id),
    ticketNo: String(r.ticket_no),
    type: r.type as SyncedTicket['type'],
    category: String(r.category),
    priority: r.priority as SyncedTicket['priority'],
    status: r.status as SyncedTicket['status'],
    title: String(r.title),
    description: String(r.description),
    customerId: (r.customer_id as string | null) ?? null,
    conversationId: (r.conversation_id as string | null) ?? null,
    owner: person(r.owner_account_id, r.owner_login, r.owner_name),
    createdAt: ms(r.created_at),
    updatedAt: ms(r.updated_at),
  };
}

/** A history row (with EVENT_AUTHOR) in the shape every desk stores. */
export function syncedEvent(r: Record<string, unknown>): SyncedTicketEvent {
  return {
    id: String(r.id),
    ticketId: String(r.ticket_id),
    kind: r.kind as SyncedTicketEvent['kind'],
    field: (r.field as string | null) ?? null,
    fromValue: (r.from_value as string | null) ?? null,
    toValue: (r.to_value as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    author: person(r.account_id, r.author_login, r.author_name),
    at: ms(r.at),
  };
}
