import type { Ticket } from '../../../../shared/contract/schemas';
import { TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../../../../shared/domain/ticket-status';

/** Work still to do: every status but closed. The tickets view opens on these. */
export const OPEN_STATUSES: TicketStatus[] = TICKET_STATUSES.filter((s) => s !== 'closed');

const URGENCY: Record<TicketPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** Most urgent first (urgent > high > normal > low), then the most recently updated. */
export function byUrgency(a: Pick<Ticket, 'priority' | 'updatedAt'>, b: Pick<Ticket, 'priority' | 'updatedAt'>): number {
  return URGENCY[a.priority] - URGENCY[b.priority] || b.updatedAt - a.updatedAt;
}

export function isOpenTicket(t: Pick<Ticket, 'status'>): boolean {
  return t.status !== 'closed';
}
