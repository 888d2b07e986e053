import type { AccountView } from '../../shared/head-office/auth.js';
import { escalationTarget, isComplaintLevel, type ComplaintLevel } from '../../shared/domain/ticket-sla.js';
import type { TicketPriority, TicketStatus, TicketType } from '../../shared/domain/ticket-status.js';
import type { SqlExecutor } from '../db/sql-client.js';
import type { LoggedChange } from '../sync/change-log.js';
import { AlreadyApplied, MutationRejected } from '../sync/mutation-errors.js';
import { EVENT_AUTHOR, syncedEvent, syncedTicket, TICKET_OWNER } from '../sync/ticket-records.js';
import type { slaColumns } from './sla-columns.js';

/** A ticket as the mutations read it (locked), with whether the mutation's own history entry is there already. */
export interface TicketRow {
  id: string;
  office_id: string;
  ticket_no: string;
  type: TicketType;
  status: TicketStatus;
  version: string;
  priority: string;
  category: string;
  title: string;
  owner_account_id: string | null;
  complaint_level: number | null;
  satisfaction: string | null;
  created_at: Date | string;
  applied: boolean;
}

export const levelOf = (t: TicketRow): ComplaintLevel | null => {
  const level = t.complaint_level === null ? null : Number(t.complaint_level);
  return isComplaintLevel(level) ? level : null;
};
export const createdMs = (t: TicketRow): number => (t.created_at instanceof Date ? t.created_at.getTime() : Date.parse(String(t.created_at)));

export const REASONS = {
  not_allowed: 'the ticket is in another status now, which cannot make this step',
  needs_reason: 'closing a ticket nobody worked on needs a reason',
  closed: 'the ticket is closed; it takes notes but no more edits',
  priority_below_level: 'a complaint\'s priority stays at or above its level\'s (level 3 urgent, level 2 high)',
} as const;

/**
 * The ticket a mutation changes, locked, and whether the mutation's own
 * history entry is already there. Another office's ticket is answered
 * exactly like a missing one.
 */
export async function ticketFor(tx: SqlExecutor, account: AccountView, id: string, eventId: string): Promise<TicketRow> {
  const [row] = await tx.query<TicketRow>('SELECT t.*, EXISTS (SELECT 1 FROM ticket_events WHERE id = $2) AS applied FROM tickets t WHERE t.id = $1 FOR UPDATE', [id, eventId]);
  if (row?.applied) throw new AlreadyApplied();
  if (!row || (account.role !== 'admin' && row.office_id !== account.officeId)) throw new MutationRejected('NOT_FOUND', 'the ticket no longer exists or is not yours to see');
  return row;
}

/** Who made the ticket's latest change to a field, for a conflict notice. */
export async function lastChangedBy(tx: SqlExecutor, ticketId: string, kind: string, field: string | null): Promise<string | null> {
  const [row] = await tx.query<{ display_name: string }>(
    `SELECT a.display_name FROM ticket_events e JOIN accounts a ON a.id = e.account_id
      WHERE e.ticket_id = $1 AND e.kind = $2 AND ($3::text IS NULL OR e.field = $3) ORDER BY e.version DESC LIMIT 1`,
    [ticketId, kind, field],
  );
  return row?.display_name ?? null;
}

export interface NewEvent {
  id: string;
  ticketId: string;
  kind: string;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  /** Null when head office acts by itself. */
  accountId: string | null;
  at: number;
}

const EVENT_COLUMNS = 'id, ticket_id, kind, field, from_value, to_value, note, account_id, client_at, version';
const eventParams = (e: NewEvent, version: number) => [e.id, e.ticketId, e.kind, e.field ?? null, e.from ?? null, e.to ?? null, e.note ?? null, e.accountId, e.at, version];
const placeholders = (from: number, count: number) => Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/**
 * Write a ticket (`ticketSql`, a data-modifying statement RETURNING the
 * row) and its new history entry in one statement; both logged changes
 * for desks. `ticketSql` uses parameters from $1; the entry's follow.
 */
export async function writeWithEvent(
  tx: SqlExecutor,
  ticketSql: string,
  ticketParams: unknown[],
  ticketBefore: number | null,
  ticketVersion: number,
  event: NewEvent,
  eventVersion: number,
): Promise<LoggedChange[]> {
  const n = ticketParams.length;
  const [row] = await tx.query<{ ticket: Record<string, unknown>; event: Record<string, unknown> }>(
    `WITH t AS (${ticketSql} RETURNING *, ${TICKET_OWNER}),
          e AS (INSERT INTO ticket_events (${EVENT_COLUMNS}) VALUES (${placeholders(n + 1, 10)}) RETURNING *, ${EVENT_AUTHOR})
     SELECT (SELECT to_jsonb(t) FROM t) AS ticket, (SELECT to_jsonb(e) FROM e) AS event`,
    [...ticketParams, ...eventParams(event, eventVersion)],
  );
  return [
    { entity: 'ticket', id: String(row!.ticket.id), before: ticketBefore, version: ticketVersion, data: syncedTicket(row!.ticket) },
    { entity: 'ticket_event', id: event.id, before: null, version: eventVersion, data: syncedEvent(row!.event) },
  ];
}

/** Update a ticket (the columns in `set`, plus updated_at and its new version) and add its history entry. */
export function updateWithEvent(tx: SqlExecutor, ticket: TicketRow, set: Record<string, unknown>, [ticketVersion, eventVersion]: number[], event: NewEvent): Promise<LoggedChange[]> {
  const columns = Object.keys(set);
  const assignments = [...columns.map((c, i) => `${c} = $${i + 3}`), 'updated_at = now()', 'version = $2'].join(', ');
  return writeWithEvent(tx, `UPDATE tickets SET ${assignments} WHERE id = $1`, [ticket.id, ticketVersion, ...Object.values(set)], Number(ticket.version), ticketVersion!, event, eventVersion!);
}

export interface NewTicket {
  id: string;
  officeId: string;
  ticketNo: string;
  type: TicketType;
  category: string;
  priority: TicketPriority;
  title: string;
  description: string;
  customerId: string | null;
  conversationId: string | null;
  ownerId: string | null;
  /** The complaint's level (null for other types), and the deadline columns counted for it. */
  level: ComplaintLevel | null;
  sla: Awaited<ReturnType<typeof slaColumns>>;
  /** A field office's on-site support ticket: the online agent's ticket it serves (onsite-support.ts). */
  supportForTicketId?: string | null;
}

/**
 * A complaint's level when it is created: the one given, or level 1 (the
 * agent who took it keeps it) until someone grades it; other types have none.
 */
export function levelAtCreation(type: TicketType, given: ComplaintLevel | null | undefined): ComplaintLevel | null {
  return type === 'complaint' ? (given ?? 1) : null;
}

/** Insert a new ticket, with its deadline and where its level sends it, and its "created" history entry: the one way a ticket is born. */
export function insertTicket(tx: SqlExecutor, t: NewTicket, [ticketVersion, eventVersion]: number[], event: NewEvent): Promise<LoggedChange[]> {
  return writeWithEvent(
    tx,
    `INSERT INTO tickets (id, office_id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_account_id, version,
                          complaint_level, escalated_to, sla_started_at, sla_due_at, sla_hours, support_for_ticket_id)
     VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb, $18)`,
    [t.id, t.officeId, t.ticketNo, t.type, t.category, t.priority, t.title, t.description, t.customerId, t.conversationId, t.ownerId, ticketVersion,
      t.level, t.level ? escalationTarget(t.level) : null, t.sla.sla_started_at, t.sla.sla_due_at, t.sla.sla_hours, t.supportForTicketId ?? null],
    null,
    ticketVersion!,
    event,
    eventVersion!,
  );
}
