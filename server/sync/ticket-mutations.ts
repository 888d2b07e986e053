import type { z } from 'zod';
import type { AccountView } from '../../shared/head-office/auth.js';
import { MutationArgs, officeScope } from '../../shared/head-office/sync.js';
import { canTransition, requiresReason, type TicketStatus } from '../../shared/domain/ticket-status.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { insertChange, nextVersion } from './change-log.js';

/** A business rule said no: recorded with the mutation, the queue moves on. */
export class MutationRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface TicketRow {
  id: string;
  office_id: string;
  status: TicketStatus;
  [key: string]: unknown;
}

async function ticketInScope(tx: SqlExecutor, account: AccountView, id: string): Promise<TicketRow> {
  const [row] = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1 FOR UPDATE', [id]);
  // Another office's ticket is answered exactly like a missing one.
  if (!row || (account.role !== 'admin' && row.office_id !== account.officeId)) throw new MutationRejected('NOT_FOUND', 'ticket not found');
  return row;
}

/** The ticket as it now stands, stamped with the version it gets in its office's scope. */
async function logTicket(tx: SqlExecutor, officeId: string, ticketId: string): Promise<void> {
  const scope = officeScope(officeId);
  const version = await nextVersion(tx, scope);
  const [row] = await tx.query<TicketRow>('UPDATE tickets SET version = $2 WHERE id = $1 RETURNING *', [ticketId, version]);
  await insertChange(tx, scope, version, { entity: 'ticket', id: ticketId, data: row! });
}

async function logEvent(tx: SqlExecutor, officeId: string, eventId: string): Promise<void> {
  const scope = officeScope(officeId);
  const [event] = await tx.query<Record<string, unknown>>('SELECT * FROM ticket_events WHERE id = $1', [eventId]);
  await insertChange(tx, scope, await nextVersion(tx, scope), { entity: 'ticket_event', id: eventId, data: event! });
}

type Args<N extends keyof typeof MutationArgs> = z.output<(typeof MutationArgs)[N]>;

/**
 * The server's side of each named mutation. Order comes from the server
 * (its versions and clock), never from the desk's clock, which is kept
 * only as information.
 */
export const applyTicketMutation = {
  async 'ticket.create'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.create'>) {
    if (!account.officeId) throw new MutationRejected('FORBIDDEN', 'only office staff open tickets');
    const clash = await tx.query('SELECT 1 FROM tickets WHERE id = $1 OR ticket_no = $2', [a.id, a.ticketNo]);
    if (clash.length > 0) throw new MutationRejected('CONFLICT', 'a ticket with this id or number exists');
    await tx.query(
      `INSERT INTO tickets (id, office_id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_account_id, version)
       VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, 0)`,
      [a.id, account.officeId, a.ticketNo, a.type, a.category, a.priority, a.title, a.description, a.customerId, a.conversationId, account.id],
    );
    await tx.query(`INSERT INTO ticket_events (id, ticket_id, kind, to_value, account_id, client_at) VALUES ($1, $2, 'created', 'new', $3, $4)`, [a.eventId, a.id, account.id, a.at]);
    await logTicket(tx, account.officeId, a.id);
    await logEvent(tx, account.officeId, a.eventId);
  },

  async 'ticket.setStatus'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.setStatus'>) {
    const ticket = await ticketInScope(tx, account, a.id);
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
    await logTicket(tx, ticket.office_id, a.id);
    await logEvent(tx, ticket.office_id, a.eventId);
  },

  async 'ticket.addNote'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.addNote'>) {
    const ticket = await ticketInScope(tx, account, a.id);
    await tx.query('UPDATE tickets SET updated_at = now() WHERE id = $1', [a.id]);
    // Notes only append: two agents' notes both stay, in the server's order.
    await tx.query(`INSERT INTO ticket_events (id, ticket_id, kind, note, account_id, client_at) VALUES ($1, $2, 'note', $3, $4, $5)`, [a.eventId, a.id, a.note, account.id, a.at]);
    await logTicket(tx, ticket.office_id, a.id);
    await logEvent(tx, ticket.office_id, a.eventId);
  },
};
