import type { SyncedTicket, SyncedTicketEvent } from '../../shared/head-office/sync.js';
import { COMPLAINT_TEAM_SKILL, isComplaintLevel, type ComplaintLevel } from '../../shared/domain/ticket-sla.js';

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
const msOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : ms(v));
// JSONB arrives parsed from node-postgres and PGlite alike (text if a driver did not).
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : (v ?? null));
const complaintLevelOf = (v: unknown): ComplaintLevel | null => {
  const level = v === null || v === undefined ? null : Number(v);
  return isComplaintLevel(level) ? level : null;
};
const person = (id: unknown, login: unknown, name: unknown, complaintTeam: unknown) =>
  id ? { id: String(id), login: String(login), displayName: String(name), ...(typeof complaintTeam === 'boolean' ? { complaintTeam } : {}) } : null;
/** Whether an account holds the complaint team's skill (ticket-sla.ts COMPLAINT_TEAM_SKILL), for the desks' own checks. */
const inTeam = (column: string) => `(SELECT '${COMPLAINT_TEAM_SKILL}' = ANY(skills) FROM accounts WHERE id = ${column})`;

/**
 * The other ticket of an on-site support pair (onsite-support.ts), with its
 * office's name: the one this ticket serves, or the one serving it. For a
 * RETURNING list of a statement on `tickets`.
 */
// Two lookups, each by an index: an OR of the two would read every ticket for every ticket written.
const LINKED_TICKET = `COALESCE(
    (SELECT jsonb_build_object('ticketNo', l.ticket_no, 'officeName', o.name, 'direction', 'requested_by')
       FROM tickets l JOIN offices o ON o.id = l.office_id WHERE l.id = tickets.support_for_ticket_id),
    (SELECT jsonb_build_object('ticketNo', l.ticket_no, 'officeName', o.name, 'direction', 'sent_to')
       FROM tickets l JOIN offices o ON o.id = l.office_id WHERE l.support_for_ticket_id = tickets.id LIMIT 1))`;

/** Add to a RETURNING list of `tickets`: who owns it and the customer's name, for the desks. */
export const TICKET_OWNER = `(SELECT login FROM accounts WHERE id = owner_account_id) AS owner_login,
  (SELECT display_name FROM accounts WHERE id = owner_account_id) AS owner_name,
  ${inTeam('owner_account_id')} AS owner_complaint_team,
  (SELECT name FROM customers WHERE id = customer_id) AS customer_name,
  ${LINKED_TICKET} AS linked_ticket`;
/** Add to a RETURNING list of `ticket_events`: who wrote it. */
export const EVENT_AUTHOR = `(SELECT login FROM accounts WHERE id = account_id) AS author_login,
  (SELECT display_name FROM accounts WHERE id = account_id) AS author_name,
  ${inTeam('account_id')} AS author_complaint_team`;

/** A ticket row (with TICKET_OWNER) in the shape every desk stores; head office's own columns, such as the office, stay here. */
export function syncedTicket(r: Record<string, unknown>): SyncedTicket {
  return {
    id: String(r.id),
    ticketNo: String(r.ticket_no),
    type: r.type as SyncedTicket['type'],
    category: String(r.category),
    priority: r.priority as SyncedTicket['priority'],
    status: r.status as SyncedTicket['status'],
    title: String(r.title),
    description: String(r.description),
    customerId: (r.customer_id as string | null) ?? null,
    customerName: (r.customer_name as string | null | undefined) ?? null,
    conversationId: (r.conversation_id as string | null) ?? null,
    owner: person(r.owner_account_id, r.owner_login, r.owner_name, r.owner_complaint_team),
    createdAt: ms(r.created_at),
    updatedAt: ms(r.updated_at),
    complaintLevel: complaintLevelOf(r.complaint_level),
    escalatedTo: (r.escalated_to as SyncedTicket['escalatedTo'] | undefined) ?? null,
    slaStartedAt: msOrNull(r.sla_started_at),
    slaDueAt: msOrNull(r.sla_due_at),
    slaHours: json(r.sla_hours) as SyncedTicket['slaHours'],
    nextStep: r.next_step ? { action: String(r.next_step), dueAt: ms(r.next_step_due_at) } : null,
    nextStepSetAt: msOrNull(r.next_step_set_at),
    satisfaction: (r.satisfaction as SyncedTicket['satisfaction'] | undefined) ?? null,
    satisfactionNote: (r.satisfaction_note as string | null | undefined) ?? null,
    linkedTicket: (json(r.linked_ticket) as SyncedTicket['linkedTicket'] | undefined) ?? null,
  };
}

/** A history row (with EVENT_AUTHOR) in the shape every desk stores. */
export function syncedEvent(r: Record<string, unknown>): SyncedTicketEvent {
  return {
    id: String(r.id),
    ticketId: String(r.ticket_id),
    kind: r.kind as SyncedTicketEvent['kind'],
    field: (r.field as string | null) ?? null,
    fromValue: (r.from_value as string | null) ?? null,
    toValue: (r.to_value as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    author: person(r.account_id, r.author_login, r.author_name, r.author_complaint_team),
    at: ms(r.at),
  };
}
