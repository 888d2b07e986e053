import type { AccountView } from '../../shared/head-office/auth.js';
import { officeScope } from '../../shared/head-office/sync.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import { fieldOfficeProblem, fieldResultNote, fieldTicketOpenedNote, fieldTicketTitle, reportsFieldResult } from '../../shared/domain/onsite-support.js';
import type { TicketPriority, TicketStatus, TicketType } from '../../shared/domain/ticket-status.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { withChanges } from '../sync/change-log.js';
import { MutationRejected } from '../sync/mutation-errors.js';
import { openTicket } from './open-ticket.js';
import { updateWithEvent, type TicketRow } from './ticket-writes.js';

const PROBLEM_TEXT = {
  not_onsite_support: 'only an on-site support ticket is sent to a field office',
  own_office: 'the field office must be another office than your own',
  unknown_office: 'no such office',
} as const;

/** The field office asked for, checked before the request writes anything; its name for the notes. */
export async function checkFieldOffice(tx: SqlExecutor, account: AccountView, type: TicketType, fieldOfficeId: string): Promise<{ id: string; name: string }> {
  const [office] = await tx.query<{ id: string; name: string }>('SELECT id, name FROM offices WHERE id = $1', [fieldOfficeId]);
  const problem = fieldOfficeProblem(type, fieldOfficeId, account.officeId, office !== undefined);
  if (problem) throw new MutationRejected('INVALID_INPUT', `fieldOfficeId: ${PROBLEM_TEXT[problem]}`);
  return office!;
}

async function lockedTicket(tx: SqlExecutor, id: string): Promise<TicketRow | undefined> {
  const [row] = await tx.query<TicketRow>('SELECT t.*, false AS applied FROM tickets t WHERE t.id = $1 FOR UPDATE', [id]);
  return row;
}

/**
 * The online agent's request reaches the field office (资源协调分配): head
 * office opens the collaboration ticket in that office's scope, naming the
 * request's ticket, and notes on the request which office and ticket took
 * it, so both tickets show each other's number. In the caller's transaction,
 * right after the request's ticket was written.
 */
export async function openFieldTicket(
  tx: SqlExecutor,
  account: AccountView,
  origin: { id: string; title: string; description: string; category: string; priority: TicketPriority; customerId: string | null },
  office: { id: string; name: string },
  at: number,
): Promise<void> {
  const field = await openTicket(tx, {
    officeId: office.id,
    type: 'onsite_support',
    category: origin.category,
    priority: origin.priority,
    title: fieldTicketTitle(origin.title),
    description: origin.description,
    customerId: origin.customerId,
    actorId: account.id,
    supportForTicketId: origin.id,
  });
  const row = (await lockedTicket(tx, origin.id))!;
  await withChanges(tx, officeScope(row.office_id), 2, (versions) =>
    updateWithEvent(tx, row, {}, versions, { id: uuidv7(), ticketId: row.id, kind: 'note', note: fieldTicketOpenedNote(office.name, field.ticketNo), accountId: null, at }),
  );
}

/**
 * The field office finished (信息反馈同步): its result, with the note given
 * on resolving or closing, goes on the online agent's ticket as a history
 * entry in that office's scope, for the agent to follow up and close.
 */
export async function reportFieldResult(
  tx: SqlExecutor,
  account: AccountView,
  ticket: TicketRow & { support_for_ticket_id?: string | null },
  change: { from: TicketStatus; to: TicketStatus; note: string | null; at: number },
): Promise<void> {
  if (!ticket.support_for_ticket_id || !reportsFieldResult(change.from, change.to)) return;
  const origin = await lockedTicket(tx, ticket.support_for_ticket_id);
  if (!origin) return;
  const [office] = await tx.query<{ name: string }>('SELECT name FROM offices WHERE id = $1', [ticket.office_id]);
  await withChanges(tx, officeScope(origin.office_id), 2, (versions) =>
    updateWithEvent(tx, origin, {}, versions, {
      id: uuidv7(),
      ticketId: origin.id,
      kind: 'note',
      note: fieldResultNote(office?.name ?? '', change.note),
      accountId: account.id,
      at: change.at,
    }),
  );
}
