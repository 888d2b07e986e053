import { DeskError } from '../../../../shared/contract/errors.js';
import type { TicketDetail, TicketList } from '../../../../shared/contract/schemas.js';
import { ticketNumber, uuidv7 } from '../../../../shared/domain/ids.js';
import { canTransition, requiresReason, type TicketPriority, type TicketStatus, type TicketType } from '../../../../shared/domain/ticket-status.js';
import type { DeskContext } from '../../app/desk-context.js';
import { appendMutation } from '../../outbox/outbox.js';
import type { AgentService } from '../agents/agent-service.js';
import { findConversation } from '../conversations/conversation-store.js';
import { findTicket, insertTicketEvent, queryTickets, ticketEvents, toTicket, type TicketFilter } from './ticket-store.js';

export interface NewTicket {
  type: TicketType;
  category: string;
  priority: TicketPriority;
  title: string;
  description: string;
  conversationId: string | null;
}

/** Tickets (工单): every change is an event in the ticket's history. */
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

  const detail = (id: string): TicketDetail => {
    const row = findTicket(ctx.db, id);
    if (!row) throw new DeskError('NOT_FOUND', `ticket ${id} not found`);
    return { ...toTicket(row), events: ticketEvents(ctx.db, id) };
  };

  return {
    list(filter: TicketFilter): TicketList {
      const { rows, total } = queryTickets(ctx.db, filter);
      return { items: rows.map(toTicket), total };
    },

    get: detail,

    create(input: NewTicket): TicketDetail {
      const agent = agents.require();
      const id = uuidv7();
      const at = ctx.now();
      ctx.db.transaction(() => {
        let customerId: string | null = null;
        if (input.conversationId) {
          const conv = findConversation(ctx.db, input.conversationId);
          if (!conv) throw new DeskError('NOT_FOUND', `conversation ${input.conversationId} not found`);
          customerId = conv.customer_id;
        }
        const ticketNo = freeTicketNumber(new Date(at));
        ctx.db
          .prepare(
            `INSERT INTO tickets (id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_agent_id, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, ticketNo, input.type, input.category, input.priority, input.title, input.description, customerId, input.conversationId, agent.id, at, at);
        const eventId = uuidv7();
        insertTicketEvent(ctx.db, { id: eventId, ticketId: id, kind: 'created', from: null, to: 'new', note: null, agentId: agent.id, at });
        // Every id the write created travels with it, so head office stores the same rows, never copies.
        appendMutation(ctx.db, 'ticket.create', { id, eventId, ticketNo, ...input, customerId, at }, at);
      })();
      ctx.emit('ticketChanged', { ticketId: id });
      return detail(id);
    },

    transition(input: { ticketId: string; to: TicketStatus; note?: string | undefined }): TicketDetail {
      const agent = agents.require();
      const at = ctx.now();
      ctx.db.transaction(() => {
        const row = findTicket(ctx.db, input.ticketId);
        if (!row) throw new DeskError('NOT_FOUND', `ticket ${input.ticketId} not found`);
        if (!canTransition(row.status, input.to)) {
          throw new DeskError('INVALID_TRANSITION', `ticket cannot go from ${row.status} to ${input.to}`);
        }
        if (requiresReason(row.status, input.to) && !input.note) {
          throw new DeskError('INVALID_TRANSITION', 'closing a ticket nobody worked on needs a reason');
        }
        ctx.db.prepare('UPDATE tickets SET status = ?, updated_at = ? WHERE id = ?').run(input.to, at, row.id);
        const eventId = uuidv7();
        insertTicketEvent(ctx.db, { id: eventId, ticketId: row.id, kind: 'status', from: row.status, to: input.to, note: input.note ?? null, agentId: agent.id, at });
        appendMutation(ctx.db, 'ticket.setStatus', { id: row.id, eventId, from: row.status, to: input.to, note: input.note ?? null, at }, at);
      })();
      ctx.emit('ticketChanged', { ticketId: input.ticketId });
      return detail(input.ticketId);
    },

    addNote(input: { ticketId: string; note: string }): TicketDetail {
      const agent = agents.require();
      const at = ctx.now();
      ctx.db.transaction(() => {
        const row = findTicket(ctx.db, input.ticketId);
        if (!row) throw new DeskError('NOT_FOUND', `ticket ${input.ticketId} not found`);
        ctx.db.prepare('UPDATE tickets SET updated_at = ? WHERE id = ?').run(at, row.id);
        const eventId = uuidv7();
        insertTicketEvent(ctx.db, { id: eventId, ticketId: row.id, kind: 'note', from: null, to: null, note: input.note, agentId: agent.id, at });
        appendMutation(ctx.db, 'ticket.addNote', { id: row.id, eventId, note: input.note, at }, at);
      })();
      ctx.emit('ticketChanged', { ticketId: input.ticketId });
      return detail(input.ticketId);
    },
  };
}
