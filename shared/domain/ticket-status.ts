/**
 * Ticket (工单) lifecycle. Head office will check the same table when it
 * accepts a synced status change, so it lives here and nowhere else.
 */
export const TICKET_STATUSES = ['new', 'in_progress', 'pending_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['in_progress', 'closed'],
  in_progress: ['pending_customer', 'resolved'],
  pending_customer: ['in_progress', 'resolved'],
  // A resolved ticket can be reopened when the customer comes back; 事不过夜
  // means nothing waits in "resolved" for ever, so a lead closes it.
  resolved: ['in_progress', 'closed'],
  closed: [],
};

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const TICKET_TYPES = ['consultation', 'claim_followup', 'complaint', 'onsite_support'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
