import type { z } from 'zod';
import type { AccountView } from '../../shared/head-office/auth.js';
import { EDITABLE_TICKET_FIELDS, MutationArgs, type FieldConflict } from '../../shared/head-office/sync.js';
import { canTransition, requiresReason, type TicketStatus } from '../../shared/domain/ticket-status.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { deleteTicketRecords, logTicket, logTicketEvent } from './ticket-records.js';

/** A business rule said no: recorded with the mutation, the queue moves on. */
export class MutationRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly conflict?: FieldConflict,
  ) {
    super(message);
  }
}

/** The mutation's rows are already here (it was resent after head office was restored, say): nothing to do. */
export class AlreadyApplied extends Error {}

interface TicketRow {
  id: string;
  office_id: string;
  status: TicketStatus;
  version: string;
  priority: string;
  category: string;
  title: string;
  [key: string]: unknown;
}

async function ticketInScope(tx: SqlExecutor, account: AccountView, id: string): Promise<TicketRow> {
  const [row] = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1 FOR UPDATE', [id]);
  // Another office's ticket is answered exactly like a missing one.
  if (!row || (account.role !== 'admin' && row.office_id !== account.officeId)) throw new MutationRejected('NOT_FOUND', 'the ticket no longer exists or is not yours to see');
  return row;
}

async function refuseIfApplied(tx: SqlExecutor, eventId: string): Promise<void> {
  if ((await tx.query('SELECT 1 FROM ticket_events WHERE id = $1', [eventId])).length > 0) throw new AlreadyApplied();
}

/** Who made the ticket's latest change to a field, for a conflict notice. */
async function lastChangedBy(tx: SqlExecutor, ticketId: string, kind: 'status' | 'edit', field: string | null): Promise<string | null> {
  const [row] = await tx.query<{ display_name: string }>(
    `SELECT a.display_name FROM ticket_events e JOIN accounts a ON a.id = e.account_id
      WHERE e.ticket_id = $1 AND e.kind = $2 AND ($3::text IS NULL OR e.field = $3) ORDER BY e.at DESC, e.version DESC LIMIT 1`,
    [ticketId, kind, field],
  );
  return row?.display_name ?? null;
}

type Args<N extends keyof typeof MutationArgs> = z.output<(typeof MutationArgs)[N]>;

/**
 * The server's side of each named mutation. Order comes from the server
 * (the order mutations reach it, its versions and clock), never from the
 * desk's clock, which is kept only as information. A change based on a
 * value head office no longer holds is refused as a conflict, naming both
 * values, so the agent decides again instead of silently undoing a
 * colleague's change.
 */
export const applyTicketMutation = {
  async 'ticket.create'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.create'>) {
    if (!account.officeId) throw new MutationRejected('FORBIDDEN', 'only office staff open tickets');
    await refuseIfApplied(tx, a.eventId);
    const clash = await tx.query('SELECT 1 FROM tickets WHERE id = $1 OR ticket_no = $2', [a.id, a.ticketNo]);
    if (clash.length > 0) throw new MutationRejected('CONFLICT', 'a ticket with this id or number exists');
    await tx.query(
      `INSERT INTO tickets (id, office_id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_account_id, version)
       VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, 0)`,
      [a.id, account.officeId, a.ticketNo, a.type, a.category, a.priority, a.title, a.description, a.customerId, a.conversationId, account.id],
    );
    await tx.query(`INSERT INTO ticket_events (id, ticket_id, kind, to_value, account_id, client_at) VALUES ($1, $2, 'created', 'new', $3, $4)`, [a.eventId, a.id, account.id, a.at]);
    await logTicket(tx, account.officeId, a.id, null);
    await logTicketEvent(tx, account.officeId, a.eventId);
  },

  async 'ticket.setStatus'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.setStatus'>) {
    await refuseIfApplied(tx, a.eventId);
    const ticket = await ticketInScope(tx, account, a.id);
    if (ticket.status !== a.from) {
      const by = await lastChangedBy(tx, a.id, 'status', null);
      throw new MutationRejected('CONFLICT', `the status changed to ${ticket.status} before your change to ${a.to} arrived`, { field: 'status', yours: a.to, theirs: ticket.status, by });
    }
    // Checked against the status head office holds now, whatever the desk saw.
    if (!canTransition(ticket.status, a.to)) throw new MutationRejected('INVALID_TRANSITION', `the ticket is ${ticket.status} now and cannot become ${a.to}`);
    if (requiresReason(ticket.status, a.to) && !a.note) throw new MutationRejected('INVALID_TRANSITION', 'closing a ticket nobody worked on needs a reason');
    await tx.query('UPDATE tickets SET status = $2, updated_at = now() WHERE id = $1', [a.id, a.to]);
    await tx.query(`INSERT INTO ticket_events (id, ticket_id, kind, from_value, to_value, note, account_id, client_at) VALUES ($1, $2, 'status', $3, $4, $5, $6, $7)`, [
      a.eventId,
      a.id,
      ticket.status,
      a.to,
      a.note ?? null,
      account.id,
      a.at,
    ]);
    await logTicket(tx, ticket.office_id, a.id, Number(ticket.version));
    await logTicketEvent(tx, ticket.office_id, a.eventId);
  },

  async 'ticket.addNote'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.addNote'>) {
    await refuseIfApplied(tx, a.eventId);
    const ticket = await ticketInScope(tx, account, a.id);
    await tx.query('UPDATE tickets SET updated_at = now() WHERE id = $1', [a.id]);
    // Notes only append: two agents' notes both stay, in the server's order.
    await tx.query(`INSERT INTO ticket_events (id, ticket_id, kind, note, account_id, client_at) VALUES ($1, $2, 'note', $3, $4, $5)`, [a.eventId, a.id, a.note, account.id, a.at]);
    await logTicket(tx, ticket.office_id, a.id, Number(ticket.version));
    await logTicketEvent(tx, ticket.office_id, a.eventId);
  },

  async 'ticket.edit'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.edit'>) {
    await refuseIfApplied(tx, a.eventId);
    const ticket = await ticketInScope(tx, account, a.id);
    // Each field is checked on its own: a colleague's edit of another field is no conflict.
    const changed = EDITABLE_TICKET_FIELDS.flatMap((field) => {
      const change = a.changes[field];
      return change && ticket[field] !== change.to ? [{ field, ...change }] : [];
    });
    for (const c of changed) {
      if (ticket[c.field] !== c.from) {
        const by = await lastChangedBy(tx, a.id, 'edit', c.field);
        throw new MutationRejected('CONFLICT', `${c.field} changed to ${ticket[c.field]} before your change to ${c.to} arrived`, { field: c.field, yours: c.to, theirs: ticket[c.field], by });
      }
    }
    if (changed.length === 0) return;
    for (const c of changed) await tx.query(`UPDATE tickets SET ${c.field} = $2, updated_at = now() WHERE id = $1`, [a.id, c.to]);
    // One history entry per mutation; the desk sends one field per edit.
    const first = changed[0]!;
    await tx.query(`INSERT INTO ticket_events (id, ticket_id, kind, field, from_value, to_value, account_id, client_at) VALUES ($1, $2, 'edit', $3, $4, $5, $6, $7)`, [
      a.eventId,
      a.id,
      first.field,
      first.from,
      first.to,
      account.id,
      a.at,
    ]);
    await logTicket(tx, ticket.office_id, a.id, Number(ticket.version));
    await logTicketEvent(tx, ticket.office_id, a.eventId);
  },

  async 'ticket.delete'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.delete'>) {
    if (account.role === 'agent') throw new MutationRejected('FORBIDDEN', 'only a team lead deletes tickets');
    const [gone] = await tx.query('SELECT 1 FROM tickets WHERE id = $1', [a.id]);
    if (!gone) throw new AlreadyApplied();
    const ticket = await ticketInScope(tx, account, a.id);
    await deleteTicketRecords(tx, ticket.office_id, a.id, Number(ticket.version));
  },
};
