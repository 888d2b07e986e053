import type { z } from 'zod';
import type { AccountView } from '../../shared/head-office/auth.js';
import { MutationArgs, officeScope, type FieldConflict } from '../../shared/head-office/sync.js';
import type { TicketStatus } from '../../shared/domain/ticket-status.js';
import { ruleOnEdit, ruleOnStatusChange, type TicketRuling } from '../../shared/domain/ticket-conflicts.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { withChanges, type LoggedChange } from './change-log.js';
import { AlreadyApplied, MutationRejected } from './mutation-errors.js';
import { EVENT_AUTHOR, syncedEvent, syncedTicket, TICKET_OWNER } from './ticket-records.js';

interface TicketRow {
  id: string;
  office_id: string;
  status: TicketStatus;
  version: string;
  priority: string;
  category: string;
  title: string;
  applied: boolean;
}

/**
 * The ticket a mutation changes, locked, and whether the mutation's own
 * history entry is already there. Another office's ticket is answered
 * exactly like a missing one.
 */
async function ticketFor(tx: SqlExecutor, account: AccountView, id: string, eventId: string): Promise<TicketRow> {
  const [row] = await tx.query<TicketRow>('SELECT t.*, EXISTS (SELECT 1 FROM ticket_events WHERE id = $2) AS applied FROM tickets t WHERE t.id = $1 FOR UPDATE', [id, eventId]);
  if (row?.applied) throw new AlreadyApplied();
  if (!row || (account.role !== 'admin' && row.office_id !== account.officeId)) throw new MutationRejected('NOT_FOUND', 'the ticket no longer exists or is not yours to see');
  return row;
}

const REASONS = {
  not_allowed: 'the ticket is in another status now, which cannot make this step',
  needs_reason: 'closing a ticket nobody worked on needs a reason',
  closed: 'the ticket is closed; it takes notes but no more edits',
} as const;

/** Turn a ruling against a change into its refusal, naming who made the change that stands. */
async function refuse(tx: SqlExecutor, ticketId: string, kind: 'status' | 'edit', ruling: Exclude<TicketRuling, { ok: true }>): Promise<never> {
  if (ruling.code === 'INVALID_TRANSITION') throw new MutationRejected('INVALID_TRANSITION', REASONS[ruling.reason]);
  const by = await lastChangedBy(tx, ticketId, kind, kind === 'edit' ? ruling.field : null);
  throw new MutationRejected('CONFLICT', `${ruling.field} changed to ${ruling.theirs} before your change to ${ruling.yours} arrived`, {
    field: ruling.field,
    yours: ruling.yours,
    theirs: ruling.theirs,
    by,
  });
}

/** Who made the ticket's latest change to a field, for a conflict notice. */
async function lastChangedBy(tx: SqlExecutor, ticketId: string, kind: 'status' | 'edit', field: string | null): Promise<string | null> {
  const [row] = await tx.query<{ display_name: string }>(
    `SELECT a.display_name FROM ticket_events e JOIN accounts a ON a.id = e.account_id
      WHERE e.ticket_id = $1 AND e.kind = $2 AND ($3::text IS NULL OR e.field = $3) ORDER BY e.version DESC LIMIT 1`,
    [ticketId, kind, field],
  );
  return row?.display_name ?? null;
}

interface NewEvent {
  id: string;
  ticketId: string;
  kind: string;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  accountId: string;
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
async function writeWithEvent(
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
function updateWithEvent(tx: SqlExecutor, ticket: TicketRow, set: Record<string, unknown>, [ticketVersion, eventVersion]: number[], event: NewEvent): Promise<LoggedChange[]> {
  const columns = Object.keys(set);
  const assignments = [...columns.map((c, i) => `${c} = $${i + 3}`), 'updated_at = now()', 'version = $2'].join(', ');
  return writeWithEvent(tx, `UPDATE tickets SET ${assignments} WHERE id = $1`, [ticket.id, ticketVersion, ...Object.values(set)], Number(ticket.version), ticketVersion!, event, eventVersion!);
}

type Args<N extends keyof typeof MutationArgs> = z.output<(typeof MutationArgs)[N]>;

/**
 * The server's side of each named mutation. Order comes from the server
 * (the order mutations reach it, its versions and clock), never from the
 * desk's clock, which is kept only as information. A change based on a
 * value head office no longer holds is refused as a conflict, naming both
 * values, so the agent decides again instead of silently undoing a
 * colleague's change. Every mutation checks all its rules before its first
 * write, so a refused one has written nothing.
 */
export const applyTicketMutation = {
  async 'ticket.create'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.create'>) {
    const officeId = account.officeId;
    if (!officeId) throw new MutationRejected('FORBIDDEN', 'only office staff open tickets');
    // Already here, or here once and deleted since: a resent creation brings nothing back.
    const [seen] = await tx.query<{ applied: boolean; clash: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ticket_events WHERE id = $3) OR EXISTS (SELECT 1 FROM deleted_records WHERE id IN ($1, $3)) AS applied,
              EXISTS (SELECT 1 FROM tickets WHERE id = $1 OR ticket_no = $2) AS clash`,
      [a.id, a.ticketNo, a.eventId],
    );
    if (seen!.applied) throw new AlreadyApplied();
    if (seen!.clash) throw new MutationRejected('CONFLICT', 'a ticket with this id or number exists');
    await withChanges(tx, officeScope(officeId), 2, ([ticketVersion, eventVersion]) =>
      writeWithEvent(
        tx,
        `INSERT INTO tickets (id, office_id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_account_id, version)
         VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8, $9, $10, $11, $12)`,
        [a.id, officeId, a.ticketNo, a.type, a.category, a.priority, a.title, a.description, a.customerId, a.conversationId, account.id, ticketVersion],
        null,
        ticketVersion!,
        { id: a.eventId, ticketId: a.id, kind: 'created', to: 'new', accountId: account.id, at: a.at },
        eventVersion!,
      ),
    );
  },

  async 'ticket.setStatus'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.setStatus'>) {
    const ticket = await ticketFor(tx, account, a.id, a.eventId);
    const ruling = ruleOnStatusChange(ticket.status, { from: a.from, to: a.to, note: a.note ?? null });
    if (!ruling.ok) await refuse(tx, a.id, 'status', ruling);
    await withChanges(tx, officeScope(ticket.office_id), 2, (versions) =>
      updateWithEvent(tx, ticket, { status: a.to }, versions, { id: a.eventId, ticketId: a.id, kind: 'status', from: ticket.status, to: a.to, note: a.note ?? null, accountId: account.id, at: a.at }),
    );
  },

  async 'ticket.addNote'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.addNote'>) {
    const ticket = await ticketFor(tx, account, a.id, a.eventId);
    // Notes only append: two agents' notes both stay, in the server's order.
    await withChanges(tx, officeScope(ticket.office_id), 2, (versions) =>
      updateWithEvent(tx, ticket, {}, versions, { id: a.eventId, ticketId: a.id, kind: 'note', note: a.note, accountId: account.id, at: a.at }),
    );
  },

  async 'ticket.edit'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.edit'>) {
    const ticket = await ticketFor(tx, account, a.id, a.eventId);
    const ruling = ruleOnEdit(ticket, a.changes);
    if (!ruling.ok) return refuse(tx, a.id, 'edit', ruling);
    const { changed } = ruling;
    if (changed.length === 0) return;
    // One history entry per mutation; the desk sends one field per edit.
    const first = changed[0]!;
    await withChanges(tx, officeScope(ticket.office_id), 2, (versions) =>
      updateWithEvent(tx, ticket, Object.fromEntries(changed.map((c) => [c.field, c.to])), versions, {
        id: a.eventId,
        ticketId: a.id,
        kind: 'edit',
        field: first.field,
        from: first.from,
        to: first.to,
        accountId: account.id,
        at: a.at,
      }),
    );
  },

  async 'ticket.delete'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.delete'>) {
    if (account.role === 'agent') throw new MutationRejected('FORBIDDEN', 'only a team lead deletes tickets');
    const [found] = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1 FOR UPDATE', [a.id]);
    if (!found) throw new AlreadyApplied();
    if (account.role !== 'admin' && found.office_id !== account.officeId) throw new MutationRejected('NOT_FOUND', 'the ticket no longer exists or is not yours to see');
    const events = await tx.query<{ id: string; version: string }>('SELECT id, version FROM ticket_events WHERE ticket_id = $1', [a.id]);
    // Tombstones for the ticket and its history, so every desk removes them too.
    await withChanges(tx, officeScope(found.office_id), events.length + 1, async (versions) => {
      await tx.query('INSERT INTO deleted_records (id) SELECT id FROM ticket_events WHERE ticket_id = $1 UNION ALL SELECT $1::uuid ON CONFLICT (id) DO NOTHING', [a.id]);
      await tx.query('DELETE FROM ticket_events WHERE ticket_id = $1', [a.id]);
      await tx.query('DELETE FROM tickets WHERE id = $1', [a.id]);
      return [
        ...events.map((e, i): LoggedChange => ({ entity: 'ticket_event', id: e.id, before: Number(e.version), version: versions[i]!, data: null })),
        { entity: 'ticket', id: a.id, before: Number(found.version), version: versions.at(-1)!, data: null },
      ];
    });
  },
};
