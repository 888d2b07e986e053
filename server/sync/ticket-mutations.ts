import type { z } from 'zod';
import type { AccountView } from '../../shared/head-office/auth.js';
import { MutationArgs, officeScope } from '../../shared/head-office/sync.js';
import { ruleOnEdit, ruleOnStatusChange, type TicketRuling } from '../../shared/domain/ticket-conflicts.js';
import { closeNeedsSatisfaction, priorityAtLevel, restartsSla, statusChangeAllowed } from '../../shared/domain/ticket-sla.js';
import { clockStart, slaColumns } from '../tickets/sla-columns.js';
import { applySlaMutation, ownerAtLevel } from '../tickets/sla-mutations.js';
import { checkFieldOffice, openFieldTicket, reportFieldResult } from '../tickets/onsite-support.js';
import { createdMs, insertTicket, lastChangedBy, levelAtCreation, levelOf, REASONS, ticketFor, updateWithEvent, type TicketRow } from '../tickets/ticket-writes.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { queueAudit } from './audit-queue.js';
import { withChanges, type LoggedChange } from './change-log.js';
import { AlreadyApplied, MutationRejected } from './mutation-errors.js';

/** Turn a ruling against a change into its refusal, naming who made the change that stands. */
async function refuse(tx: SqlExecutor, ticketId: string, kind: 'status' | 'edit', ruling: Exclude<TicketRuling, { ok: true }>): Promise<never> {
  if (ruling.code === 'INVALID_TRANSITION') throw new MutationRejected('INVALID_TRANSITION', REASONS[ruling.reason]);
  if (ruling.code === 'INVALID_INPUT') throw new MutationRejected('INVALID_INPUT', `${ruling.field}: ${REASONS[ruling.reason]}`);
  const by = await lastChangedBy(tx, ticketId, kind, kind === 'edit' ? ruling.field : null);
  throw new MutationRejected('CONFLICT', `${ruling.field} changed to ${ruling.theirs} before your change to ${ruling.yours} arrived`, {
    field: ruling.field,
    yours: ruling.yours,
    theirs: ruling.theirs,
    by,
  });
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
    if (a.complaintLevel !== undefined && a.type !== 'complaint') throw new MutationRejected('INVALID_INPUT', 'only a complaint has a level');
    const fieldOffice = a.fieldOfficeId === undefined ? null : await checkFieldOffice(tx, account, a.type, a.fieldOfficeId);
    const level = levelAtCreation(a.type, a.complaintLevel);
    const sla = await slaColumns(tx, officeId, a.type, level, clockStart(a.at));
    const ownerId = await ownerAtLevel(tx, account.id, null, level);
    const priority = priorityAtLevel(level, a.priority);
    await withChanges(tx, officeScope(officeId), 2, (versions) =>
      insertTicket(
        tx,
        { id: a.id, officeId, ticketNo: a.ticketNo, type: a.type, category: a.category, priority, title: a.title, description: a.description,
          customerId: a.customerId, conversationId: a.conversationId, ownerId, level, sla },
        versions,
        { id: a.eventId, ticketId: a.id, kind: 'created', to: 'new', accountId: account.id, at: a.at },
      ),
    );
    if (fieldOffice) await openFieldTicket(tx, account, { ...a, priority }, fieldOffice, a.at);
    // A complaint's first grading is a change of level like any other (from none to its level).
    if (level !== null) {
      queueAudit(tx, { officeId, actor: { id: account.id, login: account.login }, action: 'ticket.level', subjectType: 'ticket', subjectId: a.id, detail: { ticketNo: a.ticketNo, from: null, to: level } });
    }
  },

  async 'ticket.setStatus'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.setStatus'>) {
    const ticket = await ticketFor(tx, account, a.id, a.eventId);
    const ruling = ruleOnStatusChange(ticket.status, { from: a.from, to: a.to, note: a.note ?? null });
    if (!ruling.ok) await refuse(tx, a.id, 'status', ruling);
    if (!statusChangeAllowed(account.role, { type: ticket.type, complaintLevel: levelOf(ticket) }, a.to)) {
      throw new MutationRejected('FORBIDDEN', 'a level-3 complaint is management\'s: only a team lead resolves or closes it');
    }
    if (closeNeedsSatisfaction(ticket.type, ticket.status, a.to) && !ticket.satisfaction) {
      throw new MutationRejected('SATISFACTION_REQUIRED', 'a solved complaint is closed only with the customer\'s satisfaction from the call back (回访)');
    }
    // Reopened: the customer came back, so the clock starts again and the earlier call back no longer stands.
    const reopened = restartsSla(ticket.status, a.to)
      ? { ...(await slaColumns(tx, ticket.office_id, ticket.type, levelOf(ticket), clockStart(a.at, createdMs(ticket)))), satisfaction: null, satisfaction_note: null }
      : {};
    await withChanges(tx, officeScope(ticket.office_id), 2, (versions) =>
      updateWithEvent(tx, ticket, { status: a.to, ...reopened }, versions, { id: a.eventId, ticketId: a.id, kind: 'status', from: ticket.status, to: a.to, note: a.note ?? null, accountId: account.id, at: a.at }),
    );
    await reportFieldResult(tx, account, ticket, { from: ticket.status, to: a.to, note: a.note ?? null, at: a.at });
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
    const ruling = ruleOnEdit({ ...ticket, complaintLevel: levelOf(ticket) }, a.changes);
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

  ...applySlaMutation,

  async 'ticket.delete'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.delete'>) {
    if (account.role === 'agent') throw new MutationRejected('FORBIDDEN', 'only a team lead deletes tickets');
    const [found] = await tx.query<TicketRow>('SELECT * FROM tickets WHERE id = $1 FOR UPDATE', [a.id]);
    if (!found) throw new AlreadyApplied();
    if (account.role !== 'admin' && found.office_id !== account.officeId) throw new MutationRejected('NOT_FOUND', 'the ticket no longer exists or is not yours to see');
    const events = await tx.query<{ id: string; version: string }>('SELECT id, version FROM ticket_events WHERE ticket_id = $1', [a.id]);
    // The ticket and its history are gone for good: the audit log keeps who removed which one (no free text, only what identifies it).
    queueAudit(tx, {
      officeId: found.office_id,
      actor: { id: account.id, login: account.login },
      action: 'ticket.delete',
      subjectType: 'ticket',
      subjectId: found.id,
      detail: { ticketNo: found.ticket_no, type: found.type, level: levelOf(found) },
    });
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
