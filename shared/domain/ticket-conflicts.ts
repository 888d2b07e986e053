/**
 * How head office settles two agents changing one ticket, as rules a
 * person can read. Order is head office's (the order changes reach it),
 * never the desks' clocks.
 *
 * - Status follows the state machine (ticket-status.ts), checked against
 *   the status head office holds when the change arrives.
 * - Each change names the value its agent saw. If head office holds another
 *   value for that field, a colleague changed it first: the change is
 *   refused, and the agent is shown both values to decide again, rather
 *   than silently undoing the colleague's decision.
 * - Changes to different fields of one ticket never conflict: both stand.
 * - Notes only append; two notes both stay.
 * - A closed ticket takes notes but no more edits.
 */
import type { EditableTicketField, TicketPriority, TicketStatus } from './ticket-status.js';
import { canTransition, requiresReason } from './ticket-status.js';
import { allowedPriorities, type ComplaintLevel } from './ticket-sla.js';

export type TicketRuling =
  | { ok: true }
  | { ok: false; code: 'CONFLICT'; field: string; yours: string; theirs: string }
  | { ok: false; code: 'INVALID_TRANSITION'; reason: 'not_allowed' | 'needs_reason' | 'closed' }
  | { ok: false; code: 'INVALID_INPUT'; field: 'priority'; reason: 'priority_below_level' };

export function ruleOnStatusChange(current: TicketStatus, change: { from: TicketStatus; to: TicketStatus; note: string | null }): TicketRuling {
  if (current !== change.from) return { ok: false, code: 'CONFLICT', field: 'status', yours: change.to, theirs: current };
  if (!canTransition(current, change.to)) return { ok: false, code: 'INVALID_TRANSITION', reason: 'not_allowed' };
  if (requiresReason(current, change.to) && !change.note) return { ok: false, code: 'INVALID_TRANSITION', reason: 'needs_reason' };
  return { ok: true };
}

/** Field edits: the fields that really change, or why the edit cannot stand. */
export function ruleOnEdit(
  current: { status: TicketStatus; complaintLevel: ComplaintLevel | null } & Record<EditableTicketField, string>,
  changes: Partial<Record<EditableTicketField, { from: string; to: string }>>,
): { ok: true; changed: { field: EditableTicketField; from: string; to: string }[] } | Exclude<TicketRuling, { ok: true }> {
  const changed = (Object.entries(changes) as [EditableTicketField, { from: string; to: string } | undefined][]).flatMap(([field, c]) =>
    c && current[field] !== c.to ? [{ field, ...c }] : [],
  );
  if (changed.length > 0 && current.status === 'closed') return { ok: false, code: 'INVALID_TRANSITION', reason: 'closed' };
  for (const c of changed) if (current[c.field] !== c.from) return { ok: false, code: 'CONFLICT', field: c.field, yours: c.to, theirs: current[c.field] };
  // A complaint's level sets its lowest priority (level 3 urgent, level 2 high): an edit cannot undo the escalation.
  const priority = changed.find((c) => c.field === 'priority');
  if (priority && !allowedPriorities(current.complaintLevel).includes(priority.to as TicketPriority)) {
    return { ok: false, code: 'INVALID_INPUT', field: 'priority', reason: 'priority_below_level' };
  }
  return { ok: true, changed };
}
