import { DeskError } from '../../../../shared/contract/errors.js';
import type { Ticket, TicketDetail, TicketList } from '../../../../shared/contract/schemas.js';
import { ticketNumber, uuidv7 } from '../../../../shared/domain/ids.js';
import { canTransition, requiresReason, type TicketPriority, type TicketStatus, type TicketType } from '../../../../shared/domain/ticket-status.js';
import type { EditableTicketField } from '../../../../shared/domain/ticket-status.js';
import { ruleOnEdit } from '../../../../shared/domain/ticket-conflicts.js';
import type { DeskContext } from '../../app/desk-context.js';
import type { AgentService } from '../agents/agent-service.js';
import { findConversation } from '../conversations/conversation-store.js';
import { inComplaintTeam, ticketMutators } from './ticket-mutators.js';
import { findTicket, queryTickets, runningTickets, ticketEvents, toTicket, type TicketFilter } from './ticket-store.js';
import {
  assignAllowed,
  closeNeedsSatisfaction,
  levelChangeAllowed,
  nextStepProblem,
  offeredTransitions,
  ownerAllowedAtLevel,
  slaRunning,
  statusChangeAllowed,
  type ComplaintLevel,
  type SatisfactionRating,
} from '../../../../shared/domain/ticket-sla.js';

export interface NewTicket {
  type: TicketType;
  category: string;
  priority: TicketPriority;
  title: string;
  description: string;
  conversationId: string | null;
  complaintLevel?: ComplaintLevel | undefined;
  /** On-site support: the field office asked to visit; head office checks it is another office that exists. */
  fieldOfficeId?: string | undefined;
}

/**
 * Tickets (工单): every change is an event in the ticket's history and a
 * named mutation in the outbox; the cache shows it at once (the same
 * mutator re-applies it after each pull until head office confirms it).
 */
export function createTicketService(ctx: DeskContext, agents: AgentService) {
  // Ticket numbers are random (offices cannot share a counter); on the rare
  // clash with a number already in this cache, draw again.
  const taken = ctx.db.prepare('SELECT 1 FROM tickets WHERE ticket_no = ?').pluck();
  const freeTicketNumber = (at: Date): string => {
    for (;;) {
      const no = ticketNumber(at);
      if (!taken.get(no)) return no;
    }
  };

  // The steps offered are those this agent's role may take (a level-3 complaint is resolved and closed by a lead).
  const offered = (ticket: Ticket): Ticket => ({ ...ticket, allowedNext: offeredTransitions(agents.current()?.role ?? 'agent', ticket) });

  const detail = (id: string): TicketDetail => {
    const row = findTicket(ctx.db, id);
    if (!row) throw new DeskError('NOT_FOUND', `ticket ${id} not found`);
    return { ...offered(toTicket(row)), events: ticketEvents(ctx.db, id) };
  };

  const mustFind = (id: string) => {
    const row = findTicket(ctx.db, id);
    if (!row) throw new DeskError('NOT_FOUND', `ticket ${id} not found`);
    return row;
  };

  return {
    list(filter: TicketFilter): TicketList {
      const { rows, total } = queryTickets(ctx.db, filter);
      return { items: rows.map((r) => offered(toTicket(r))), total };
    },

    get: detail,

    create(input: NewTicket): TicketDetail {
      const agent = agents.require();
      const id = uuidv7();
      const at = ctx.now();
      ctx.write(() => {
        let customerId: string | null = null;
        if (input.conversationId) {
          const conv = findConversation(ctx.db, input.conversationId);
          if (!conv) throw new DeskError('NOT_FOUND', `conversation ${input.conversationId} not found`);
          customerId = conv.customer_id;
        }
        if (input.complaintLevel !== undefined && input.type !== 'complaint') throw new DeskError('INVALID_INPUT', 'only a complaint has a level');
        if (input.fieldOfficeId !== undefined && input.type !== 'onsite_support') {
          throw new DeskError('INVALID_INPUT', 'only an on-site support ticket is sent to a field office', [
            { path: 'fieldOfficeId', message: 'not on-site support' },
          ]);
        }
        const { complaintLevel, fieldOfficeId, ...fields } = input;
        // Every id the write creates travels with it, so head office stores the same rows, never copies.
        const args = {
          id,
          eventId: uuidv7(),
          ticketNo: freeTicketNumber(new Date(at)),
          ...fields,
          customerId,
          ...(complaintLevel !== undefined ? { complaintLevel } : {}),
          ...(fieldOfficeId !== undefined ? { fieldOfficeId } : {}),
          at,
        };
        ticketMutators['ticket.create'](ctx.db, args, agent.id);
        ctx.outbox.append('ticket.create', args, at, id);
      });
      ctx.emit('ticketChanged', { ticketId: id });
      return detail(id);
    },

    transition(input: { ticketId: string; to: TicketStatus; note?: string | undefined; satisfaction?: { rating: SatisfactionRating; note?: string | undefined } | undefined }): TicketDetail {
      const agent = agents.require();
      const at = ctx.now();
      ctx.write(() => {
        const row = mustFind(input.ticketId);
        if (!canTransition(row.status, input.to)) {
          throw new DeskError('INVALID_TRANSITION', `ticket cannot go from ${row.status} to ${input.to}`);
        }
        if (!statusChangeAllowed(agent.role, { type: row.type, complaintLevel: row.complaint_level }, input.to)) {
          throw new DeskError('FORBIDDEN', 'a level-3 complaint is management\'s: only a team lead resolves or closes it', [{ path: 'to', message: 'lead only', reason: 'lead_only' }]);
        }
        // The step is allowed; what it lacks is its reason, so the agent is asked for it (not told the step is impossible).
        if (requiresReason(row.status, input.to) && !input.note?.trim()) {
          throw new DeskError('INVALID_INPUT', 'closing a ticket nobody worked on needs a reason', [{ path: 'note', message: 'required', reason: 'required' }]);
        }
        // A solved complaint closes only after the call back (回访): its satisfaction goes first, in the same write.
        if (closeNeedsSatisfaction(row.type, row.status, input.to) && !row.satisfaction) {
          if (!input.satisfaction) throw new DeskError('SATISFACTION_REQUIRED', 'record the customer\'s satisfaction from the call back before closing the complaint');
          const rated = { id: row.id, eventId: uuidv7(), rating: input.satisfaction.rating, note: input.satisfaction.note ?? null, baseVersion: row.version, at };
          ticketMutators['ticket.recordSatisfaction'](ctx.db, rated, agent.id);
          ctx.outbox.append('ticket.recordSatisfaction', rated, at, row.id);
        }
        const args = { id: row.id, eventId: uuidv7(), from: row.status, to: input.to, note: input.note ?? null, baseVersion: row.version, at };
        ticketMutators['ticket.setStatus'](ctx.db, args, agent.id);
        ctx.outbox.append('ticket.setStatus', args, at, row.id);
      });
      ctx.emit('ticketChanged', { ticketId: input.ticketId });
      return detail(input.ticketId);
    },

    addNote(input: { ticketId: string; note: string }): TicketDetail {
      const agent = agents.require();
      const at = ctx.now();
      ctx.write(() => {
        const row = mustFind(input.ticketId);
        const args = { id: row.id, eventId: uuidv7(), note: input.note, baseVersion: row.version, at };
        ticketMutators['ticket.addNote'](ctx.db, args, agent.id);
        ctx.outbox.append('ticket.addNote', args, at, row.id);
      });
      ctx.emit('ticketChanged', { ticketId: input.ticketId });
      return detail(input.ticketId);
    },

    running(): Ticket[] {
      return runningTickets(ctx.db).map((r) => offered(toTicket(r)));
    },

    /** Grade a complaint again; the new handler gets the whole time of the new level from now. */
    setLevel(input: { ticketId: string; level: ComplaintLevel; reason: string }): TicketDetail {
      const agent = agents.require();
      const at = ctx.now();
      ctx.write(() => {
        const row = mustFind(input.ticketId);
        if (row.type !== 'complaint') throw new DeskError('INVALID_INPUT', 'only a complaint has a level');
        if (!slaRunning(row.status)) throw new DeskError('INVALID_TRANSITION', 'the complaint is solved; reopen it to grade it again');
        const from = row.complaint_level;
        if (from === input.level) return;
        if (!levelChangeAllowed(agent.role, from ?? 1, input.level)) throw new DeskError('FORBIDDEN', 'only a team lead lowers a complaint\'s level');
        const args = { id: row.id, eventId: uuidv7(), from, to: input.level, reason: input.reason, baseVersion: row.version, at };
        ticketMutators['ticket.setLevel'](ctx.db, args, agent.id);
        ctx.outbox.append('ticket.setLevel', args, at, row.id);
      });
      ctx.emit('ticketChanged', { ticketId: input.ticketId });
      return detail(input.ticketId);
    },

    /** A lead assigns; an agent may only take a ticket nobody owns. Head office checks the same. */
    assign(input: { ticketId: string; ownerId: string }): TicketDetail {
      const agent = agents.require();
      const at = ctx.now();
      ctx.write(() => {
        const row = mustFind(input.ticketId);
        if (row.status === 'closed') throw new DeskError('INVALID_TRANSITION', 'a closed ticket takes notes but no more edits');
        if (row.owner_agent_id === input.ownerId) return;
        if (!assignAllowed(agent.role, agent.id, row.owner_agent_id, input.ownerId)) {
          throw new DeskError('FORBIDDEN', 'only a team lead assigns tickets; an agent may take a ticket nobody owns');
        }
        // As head office: a level-2 complaint is the complaint team's (a colleague this desk knows nothing of is left to head office).
        if (!ownerAllowedAtLevel(row.complaint_level, inComplaintTeam(ctx.db, input.ownerId))) {
          throw new DeskError('FORBIDDEN', 'a level-2 complaint is the complaint team\'s: its owner needs the complaints skill', [
            { path: 'ownerId', message: 'not in the complaint team', reason: 'not_complaint_team' },
          ]);
        }
        const args = { id: row.id, eventId: uuidv7(), from: row.owner_agent_id, to: input.ownerId, baseVersion: row.version, at };
        ticketMutators['ticket.assign'](ctx.db, args, agent.id);
        ctx.outbox.append('ticket.assign', args, at, row.id);
      });
      ctx.emit('ticketChanged', { ticketId: input.ticketId });
      return detail(input.ticketId);
    },

    /** 事不过夜: what happens next and by when. */
    setNextStep(input: { ticketId: string; action: string; dueAt: number }): TicketDetail {
      const agent = agents.require();
      const at = ctx.now();
      ctx.write(() => {
        const row = mustFind(input.ticketId);
        if (!slaRunning(row.status)) throw new DeskError('INVALID_TRANSITION', 'the ticket is solved; it needs no next step');
        if (nextStepProblem({ action: input.action, dueAt: input.dueAt }, at)) {
          throw new DeskError('INVALID_INPUT', 'a next step\'s time must lie ahead', [{ path: 'dueAt', message: 'must lie ahead', reason: 'in_the_past' }]);
        }
        const args = { id: row.id, eventId: uuidv7(), action: input.action, dueAt: input.dueAt, baseVersion: row.version, at };
        ticketMutators['ticket.setNextStep'](ctx.db, args, agent.id);
        ctx.outbox.append('ticket.setNextStep', args, at, row.id);
      });
      ctx.emit('ticketChanged', { ticketId: input.ticketId });
      return detail(input.ticketId);
    },

    /** One field at a time, naming the value the agent saw, so head office can tell a colleague's edit from a stale one. */
    edit(input: { ticketId: string; field: EditableTicketField; value: string }): TicketDetail {
      const agent = agents.require();
      const at = ctx.now();
      ctx.write(() => {
        const row = mustFind(input.ticketId);
        const from = row[input.field];
        const ruling = ruleOnEdit({ ...row, complaintLevel: row.complaint_level }, { [input.field]: { from, to: input.value } });
        // The same rule head office applies: a complaint's priority stays at or above its level's, said at the field.
        if (!ruling.ok && ruling.code === 'INVALID_INPUT') {
          throw new DeskError('INVALID_INPUT', 'a complaint\'s priority stays at or above its level\'s', [{ path: 'value', message: 'below the level', reason: ruling.reason }]);
        }
        if (!ruling.ok) throw new DeskError('INVALID_TRANSITION', 'a closed ticket takes notes but no more edits');
        if (ruling.changed.length === 0) return;
        const args = { id: row.id, eventId: uuidv7(), changes: { [input.field]: { from, to: input.value } }, baseVersion: row.version, at };
        ticketMutators['ticket.edit'](ctx.db, args, agent.id);
        ctx.outbox.append('ticket.edit', args, at, row.id);
      });
      ctx.emit('ticketChanged', { ticketId: input.ticketId });
      return detail(input.ticketId);
    },
  };
}
