import type { z } from 'zod';
import type { AccountView } from '../../shared/head-office/auth.js';
import { officeScope, type MutationArgs } from '../../shared/head-office/sync.js';
import { redactPersonalData } from '../../shared/domain/masking.js';
import {
  assignAllowed,
  COMPLAINT_TEAM_SKILL,
  escalationTarget,
  levelChangeAllowed,
  nextStepProblem,
  ownerAllowedAtLevel,
  ownerAtLevel as sharedOwnerAtLevel,
  priorityAtLevel,
  slaRunning,
  type ComplaintLevel,
} from '../../shared/domain/ticket-sla.js';
import type { TicketPriority } from '../../shared/domain/ticket-status.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { queueAudit } from '../sync/audit-queue.js';
import { withChanges } from '../sync/change-log.js';
import { MutationRejected } from '../sync/mutation-errors.js';
import { clockStart, slaColumns } from './sla-columns.js';
import { createdMs, lastChangedBy, levelOf, REASONS, ticketFor, updateWithEvent } from './ticket-writes.js';

type Args<N extends keyof typeof MutationArgs> = z.output<(typeof MutationArgs)[N]>;

/**
 * Who owns a complaint once it goes from level `from` to `to`
 * (shared/domain/ticket-sla.ts ownerAtLevel, which desks apply too): a
 * rise to level 2 hands it to the complaint team (转投诉处理团队), so it
 * leaves its owner and waits, unowned, for one of the team (every account
 * has the complaints skill by default, so a rule keyed on the owner's
 * skill would never hand anything over). A lead lowering level 3 to 2
 * keeps the owner if they are in the team. Levels 1 and 3 keep their owner.
 */
export async function ownerAtLevel(tx: SqlExecutor, ownerId: string | null, from: ComplaintLevel | null, to: ComplaintLevel | null): Promise<string | null> {
  const inTeam = ownerId !== null && to === 2 && from !== null && from > 2 ? await inComplaintTeam(tx, ownerId) : null;
  return sharedOwnerAtLevel(ownerId, from, to, inTeam);
}

/** Whether the account is in its office's complaint team (holds the complaints skill). */
export async function inComplaintTeam(tx: SqlExecutor, accountId: string): Promise<boolean> {
  const [row] = await tx.query<{ in_team: boolean }>('SELECT $2 = ANY(skills) AS in_team FROM accounts WHERE id = $1', [accountId, COMPLAINT_TEAM_SKILL]);
  return row?.in_team ?? false;
}

/**
 * The service-level mutations (grading, owner, next step, call back); each
 * checks all its rules before its first write. Changes of level and owner
 * go to the audit log, queued until the transaction's end (audit-queue.ts).
 */
export const applySlaMutation = {
  async 'ticket.setLevel'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.setLevel'>) {
    const ticket = await ticketFor(tx, account, a.id, a.eventId);
    if (ticket.type !== 'complaint') throw new MutationRejected('INVALID_INPUT', 'only a complaint has a level');
    if (!slaRunning(ticket.status)) throw new MutationRejected('INVALID_TRANSITION', 'the complaint is solved; reopen it to grade it again');
    const current = levelOf(ticket);
    if (current !== a.from) {
      throw new MutationRejected('CONFLICT', `the level changed to ${current} before your change to ${a.to} arrived`, {
        field: 'complaintLevel',
        yours: String(a.to),
        theirs: String(current),
        by: await lastChangedBy(tx, a.id, 'level', null),
      });
    }
    if (current === a.to) return;
    if (!levelChangeAllowed(account.role, current ?? 1, a.to)) throw new MutationRejected('FORBIDDEN', 'only a team lead lowers a complaint\'s level');
    // The new handler gets the whole time of the new level from now (level 3: management's first action).
    const sla = await slaColumns(tx, ticket.office_id, 'complaint', a.to, clockStart(a.at, createdMs(ticket)));
    const owner = await ownerAtLevel(tx, ticket.owner_account_id, current, a.to);
    const priority = priorityAtLevel(a.to, ticket.priority as TicketPriority);
    // The audit log is append-only: an ID number or phone typed into the reason could never be removed from it.
    const reason = redactPersonalData(a.reason);
    await withChanges(tx, officeScope(ticket.office_id), 2, (versions) =>
      updateWithEvent(tx, ticket, { complaint_level: a.to, escalated_to: escalationTarget(a.to), owner_account_id: owner, priority, ...sla }, versions, {
        id: a.eventId,
        ticketId: a.id,
        kind: 'level',
        from: current === null ? null : String(current),
        to: String(a.to),
        note: a.reason,
        accountId: account.id,
        at: a.at,
      }),
    );
    const actor = { id: account.id, login: account.login };
    queueAudit(tx, { officeId: ticket.office_id, actor, action: 'ticket.level', subjectType: 'ticket', subjectId: ticket.id, detail: { ticketNo: ticket.ticket_no, from: current, to: a.to, reason } });
    if (owner !== ticket.owner_account_id) {
      queueAudit(tx, {
        officeId: ticket.office_id,
        actor,
        action: 'ticket.owner',
        subjectType: 'ticket',
        subjectId: ticket.id,
        detail: { ticketNo: ticket.ticket_no, from: ticket.owner_account_id, to: owner, because: 'escalated_to_complaint_team' },
      });
    }
  },

  async 'ticket.assign'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.assign'>) {
    const ticket = await ticketFor(tx, account, a.id, a.eventId);
    if (ticket.status === 'closed') throw new MutationRejected('INVALID_TRANSITION', REASONS.closed);
    if (ticket.owner_account_id !== a.from) {
      // Named as people read them: the notice shows both owners.
      const nameOf = async (id: string | null) => (id ? ((await tx.query<{ display_name: string }>('SELECT display_name FROM accounts WHERE id = $1', [id]))[0]?.display_name ?? id) : '');
      throw new MutationRejected('CONFLICT', 'the ticket changed hands before your change arrived', {
        field: 'owner',
        yours: await nameOf(a.to),
        theirs: await nameOf(ticket.owner_account_id),
        by: await lastChangedBy(tx, a.id, 'owner', null),
      });
    }
    if (ticket.owner_account_id === a.to) return;
    if (!assignAllowed(account.role, account.id, ticket.owner_account_id, a.to)) {
      throw new MutationRejected('FORBIDDEN', 'only a team lead assigns tickets; an agent may take a ticket nobody owns');
    }
    const [target] = await tx.query<{ id: string }>(
      `SELECT id FROM accounts WHERE id = $1 AND office_id = $2 AND NOT disabled AND role IN ('agent', 'lead')`,
      [a.to, ticket.office_id],
    );
    if (!target) throw new MutationRejected('NOT_FOUND', 'no such colleague in this ticket\'s office');
    if (!ownerAllowedAtLevel(levelOf(ticket), levelOf(ticket) === 2 ? await inComplaintTeam(tx, a.to) : null)) {
      throw new MutationRejected('FORBIDDEN', 'a level-2 complaint is the complaint team\'s: its owner needs the complaints skill');
    }
    await withChanges(tx, officeScope(ticket.office_id), 2, (versions) =>
      updateWithEvent(tx, ticket, { owner_account_id: a.to }, versions, {
        id: a.eventId,
        ticketId: a.id,
        kind: 'owner',
        from: ticket.owner_account_id,
        to: a.to,
        accountId: account.id,
        at: a.at,
      }),
    );
    queueAudit(tx, {
      officeId: ticket.office_id,
      actor: { id: account.id, login: account.login },
      action: 'ticket.owner',
      subjectType: 'ticket',
      subjectId: ticket.id,
      detail: { ticketNo: ticket.ticket_no, from: ticket.owner_account_id, to: a.to },
    });
  },

  async 'ticket.setNextStep'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.setNextStep'>) {
    const ticket = await ticketFor(tx, account, a.id, a.eventId);
    if (!slaRunning(ticket.status)) throw new MutationRejected('INVALID_TRANSITION', 'the ticket is solved; it needs no next step');
    const at = clockStart(a.at, createdMs(ticket));
    if (nextStepProblem({ action: a.action, dueAt: a.dueAt }, at)) throw new MutationRejected('INVALID_INPUT', 'a next step\'s time must lie ahead');
    await withChanges(tx, officeScope(ticket.office_id), 2, (versions) =>
      updateWithEvent(
        tx,
        ticket,
        { next_step: a.action, next_step_due_at: new Date(a.dueAt).toISOString(), next_step_set_at: new Date(at).toISOString() },
        versions,
        { id: a.eventId, ticketId: a.id, kind: 'next_step', to: String(a.dueAt), note: a.action, accountId: account.id, at: a.at },
      ),
    );
  },

  async 'ticket.recordSatisfaction'(tx: SqlExecutor, account: AccountView, a: Args<'ticket.recordSatisfaction'>) {
    const ticket = await ticketFor(tx, account, a.id, a.eventId);
    if (ticket.type !== 'complaint') throw new MutationRejected('INVALID_INPUT', 'only a complaint is called back for satisfaction');
    if (ticket.status !== 'resolved') throw new MutationRejected('INVALID_TRANSITION', 'the customer is called back once the complaint is solved');
    await withChanges(tx, officeScope(ticket.office_id), 2, (versions) =>
      updateWithEvent(tx, ticket, { satisfaction: a.rating, satisfaction_note: a.note ?? null }, versions, {
        id: a.eventId,
        ticketId: a.id,
        kind: 'satisfaction',
        to: a.rating,
        note: a.note ?? null,
        accountId: account.id,
        at: a.at,
      }),
    );
  },
};
