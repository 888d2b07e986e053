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
  // A resolved ticket can be reopened when the customer comes back, or closed.
  resolved: ['in_progress', 'closed'],
  closed: [],
};

export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Closing a ticket nobody worked on (a duplicate, a mistake) must say why. */
export function requiresReason(from: TicketStatus, to: TicketStatus): boolean {
  return from === 'new' && to === 'closed';
}

export const TICKET_TYPES = ['consultation', 'claim_followup', 'complaint', 'onsite_support'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** The ticket fields an agent edits one by one (status has its own mutation and state machine). */
export const EDITABLE_TICKET_FIELDS = ['priority', 'category', 'title'] as const;
export type EditableTicketField = (typeof EDITABLE_TICKET_FIELDS)[number];
