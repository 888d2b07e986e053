import { allowedPriorities, type ComplaintLevel } from '../../../../shared/domain/ticket-sla';
import type { TicketPriority } from '../../../../shared/domain/ticket-status';

/**
 * The priorities offered for a ticket: none below its complaint level's
 * floor (desk and head office refuse them, ticket-conflicts.ts). The
 * current one stays listed even if it lies below (a copy from before the
 * rule), so the dropdown always shows what the ticket holds.
 */
export function priorityChoices(ticket: { complaintLevel: ComplaintLevel | null; priority: TicketPriority }): TicketPriority[] {
  const allowed = allowedPriorities(ticket.complaintLevel);
  return allowed.includes(ticket.priority) ? allowed : [ticket.priority, ...allowed];
}
