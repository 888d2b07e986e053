import type { z } from 'zod';
import type { MutationArgs, SyncedTicket, SyncedTicketEvent } from '../../../../shared/head-office/sync.js';
import type { CacheDb } from '../../db/open-cache.js';
import { statement } from '../../db/statements.js';
import { upsertAgent } from '../agents/agent-store.js';
import { clockStart, escalationTarget, ownerAtLevel, priorityAtLevel, restartsSla, slaDueAt, type ComplaintLevel } from '../../../../shared/domain/ticket-sla.js';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../../../shared/domain/working-calendar.js';
import type { TicketPriority, TicketStatus, TicketType } from '../../../../shared/domain/ticket-status.js';
import { parseHours } from './ticket-store.js';
import { writeTicketLink } from './ticket-link.js';

type Args<N extends keyof typeof MutationArgs> = z.output<(typeof MutationArgs)[N]>;

/**
 * What each ticket mutation does to the cache. The same functions make the
 * agent's change visible at once and re-apply still-pending changes on top
 * of head office's copy after a pull or a refusal, so they must be
 * idempotent: applying one twice leaves the cache as applying it once.
 */
export const ticketMutators = {
  'ticket.create'(db: CacheDb, a: Args<'ticket.create'>, agentId: string | null) {
    const level = a.type === 'complaint' ? (a.complaintLevel ?? 1) : null;
    const sla = localSla(db, a.type, level, a.at);
    // As head office does (sla-mutations.ts ownerAtLevel): a complaint opened at level 2 waits for the complaint team.
    const owner = level === 2 ? null : agentId;
    statement(db, 
      `INSERT INTO tickets (id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_agent_id, created_at, updated_at,
                            complaint_level, escalated_to, sla_started_at, sla_due_at, sla_hours)
       VALUES (?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ).run(a.id, a.ticketNo, a.type, a.category, priorityAtLevel(level, a.priority), a.title, a.description, a.customerId, a.conversationId, owner, a.at, a.at,
      level, level ? escalationTarget(level) : null, sla.startedAt, sla.dueAt, sla.hours);
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'created', field: null, from: null, to: 'new', note: null, agentId, at: a.at });
  },

  'ticket.setStatus'(db: CacheDb, a: Args<'ticket.setStatus'>, agentId: string | null) {
    const before = statement(db, 'SELECT type, status, complaint_level, created_at FROM tickets WHERE id = ?').get(a.id) as
      | { type: TicketType; status: string; complaint_level: ComplaintLevel | null; created_at: number }
      | undefined;
    if (statement(db, 'UPDATE tickets SET status = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(a.to, a.at, a.id).changes === 0) return;
    // Reopened: a fresh deadline from now, and the earlier call back no longer stands (as head office does).
    if (before && restartsSla(before.status as TicketStatus, a.to)) {
      const sla = localSla(db, before.type, before.complaint_level, a.at, before.created_at);
      statement(db, 'UPDATE tickets SET sla_started_at = ?, sla_due_at = ?, sla_hours = ?, satisfaction = NULL, satisfaction_note = NULL WHERE id = ?').run(sla.startedAt, sla.dueAt, sla.hours, a.id);
    }
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'status', field: null, from: a.from, to: a.to, note: a.note ?? null, agentId, at: a.at });
  },

  'ticket.addNote'(db: CacheDb, a: Args<'ticket.addNote'>, agentId: string | null) {
    if (statement(db, 'UPDATE tickets SET updated_at = max(updated_at, ?) WHERE id = ?').run(a.at, a.id).changes === 0) return;
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'note', field: null, from: null, to: null, note: a.note, agentId, at: a.at });
  },

  'ticket.edit'(db: CacheDb, a: Args<'ticket.edit'>, agentId: string | null) {
    for (const [field, change] of Object.entries(a.changes)) {
      // The field names come from the mutation's schema (priority, category, title), never from input text.
      if (statement(db, `UPDATE tickets SET ${field} = ?, updated_at = max(updated_at, ?) WHERE id = ?`).run(change.to, a.at, a.id).changes === 0) return;
      insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'edit', field, from: change.from, to: change.to, note: null, agentId, at: a.at });
    }
  },

  'ticket.setLevel'(db: CacheDb, a: Args<'ticket.setLevel'>, agentId: string | null) {
    const before = statement(db, 'SELECT priority, owner_agent_id, complaint_level, created_at FROM tickets WHERE id = ?').get(a.id) as
      | { priority: TicketPriority; owner_agent_id: string | null; complaint_level: ComplaintLevel | null; created_at: number }
      | undefined;
    // Already at another level than the one the change was made from (head office's copy holds it, or a colleague's): re-applied
    // after a pull it would take the owner again and restart the clock; head office rules on it when it arrives.
    if (!before || before.complaint_level !== a.from) return;
    const sla = localSla(db, 'complaint', a.to, a.at, before.created_at);
    // As head office does (ticket-sla.ts ownerAtLevel): level 3 is urgent, level 2 at least high; a rise to level 2 leaves the
    // owner for the complaint team, and a lowering from 3 keeps them only if they are in it.
    const owner = ownerAtLevel(before.owner_agent_id, a.from, a.to, before.owner_agent_id ? inComplaintTeam(db, before.owner_agent_id) : null);
    const moved = statement(
      db,
      'UPDATE tickets SET complaint_level = ?, escalated_to = ?, priority = ?, owner_agent_id = ?, sla_started_at = ?, sla_due_at = ?, sla_hours = ?, updated_at = max(updated_at, ?) WHERE id = ?',
    ).run(a.to, escalationTarget(a.to), priorityAtLevel(a.to, before.priority), owner, sla.startedAt, sla.dueAt, sla.hours, a.at, a.id);
    if (moved.changes === 0) return;
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'level', field: null, from: a.from === null ? null : String(a.from), to: String(a.to), note: a.reason, agentId, at: a.at });
  },

  'ticket.assign'(db: CacheDb, a: Args<'ticket.assign'>, agentId: string | null) {
    if (statement(db, 'UPDATE tickets SET owner_agent_id = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(a.to, a.at, a.id).changes === 0) return;
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'owner', field: null, from: a.from, to: a.to, note: null, agentId, at: a.at });
  },

  'ticket.setNextStep'(db: CacheDb, a: Args<'ticket.setNextStep'>, agentId: string | null) {
    const set = statement(db, 'UPDATE tickets SET next_step = ?, next_step_due_at = ?, next_step_set_at = ?, updated_at = max(updated_at, ?) WHERE id = ?');
    if (set.run(a.action, a.dueAt, a.at, a.at, a.id).changes === 0) return;
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'next_step', field: null, from: null, to: String(a.dueAt), note: a.action, agentId, at: a.at });
  },

  'ticket.recordSatisfaction'(db: CacheDb, a: Args<'ticket.recordSatisfaction'>, agentId: string | null) {
    const set = statement(db, 'UPDATE tickets SET satisfaction = ?, satisfaction_note = ?, updated_at = max(updated_at, ?) WHERE id = ?');
    if (set.run(a.rating, a.note ?? null, a.at, a.id).changes === 0) return;
    insertEvent(db, { id: a.eventId, ticketId: a.id, kind: 'satisfaction', field: null, from: null, to: a.rating, note: a.note ?? null, agentId, at: a.at });
  },

  'ticket.delete'(db: CacheDb, a: Args<'ticket.delete'>) {
    deleteTicket(db, a.id);
  },
};

export type TicketMutationName = keyof typeof ticketMutators;

/**
 * The office hours this desk last received with a ticket from head office
 * (the default day until then): the agent's own changes get their deadline
 * at once, and head office's, counted the same way, replaces it on the next pull.
 */
export function deskOfficeHours(db: CacheDb): OfficeHours {
  const text = statement(db, 'SELECT sla_hours FROM tickets WHERE sla_hours IS NOT NULL AND version > 0 ORDER BY updated_at DESC LIMIT 1').pluck().get() as string | undefined;
  return parseHours(text ?? null) ?? DEFAULT_OFFICE_HOURS;
}

/**
 * The deadline the desk shows for its own change until head office's
 * arrives, started as head office starts it (ticket-sla.ts clockStart):
 * at the agent's moment, capped at this desk's clock and the ticket's creation.
 */
function localSla(db: CacheDb, type: TicketType, level: ComplaintLevel | null, at: number, createdAt = 0) {
  const hours = deskOfficeHours(db);
  const startedAt = clockStart(at, createdAt, Date.now());
  return { startedAt, dueAt: slaDueAt(type, level, startedAt, hours), hours: JSON.stringify(hours) };
}

/** Whether a colleague is in the complaint team, as head office last named them; null when this desk does not know. */
export function inComplaintTeam(db: CacheDb, agentId: string): boolean | null {
  const v = statement(db, 'SELECT in_team FROM complaint_team WHERE agent_id = ?').pluck().get(agentId) as number | undefined;
  return v === undefined ? null : v === 1;
}

function rememberComplaintTeam(db: CacheDb, person: { id: string; complaintTeam?: boolean | undefined } | null): void {
  if (!person || person.complaintTeam === undefined) return;
  statement(db, 'INSERT INTO complaint_team (agent_id, in_team) VALUES (?, ?) ON CONFLICT (agent_id) DO UPDATE SET in_team = excluded.in_team').run(person.id, person.complaintTeam ? 1 : 0);
}

export function insertEvent(
  db: CacheDb,
  e: { id: string; ticketId: string; kind: SyncedTicketEvent['kind']; field: string | null; from: string | null; to: string | null; note: string | null; agentId: string | null; at: number },
): void {
  statement(db, 'INSERT INTO ticket_events (id, ticket_id, kind, field, from_value, to_value, note, agent_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
    e.id,
    e.ticketId,
    e.kind,
    e.field,
    e.from,
    e.to,
    e.note,
    e.agentId,
    e.at,
  );
}

export function deleteTicket(db: CacheDb, id: string): void {
  statement(db, 'DELETE FROM ticket_events WHERE ticket_id = ?').run(id);
  statement(db, 'DELETE FROM tickets WHERE id = ?').run(id);
}

/** Head office's copy of a ticket into the cache (pending local changes are re-applied after). */
export function writeSyncedTicket(db: CacheDb, t: SyncedTicket, version: number): void {
  if (t.owner) upsertAgent(db, t.owner);
  rememberComplaintTeam(db, t.owner);
  // A lead's desk may never have met the customer in a conversation: keep at least their name, as live conversations do.
  if (t.customerId && t.customerName) {
    statement(db, 'INSERT OR IGNORE INTO customers (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(t.customerId, t.customerName, t.createdAt, t.updatedAt);
  }
  statement(db, 
    `INSERT INTO tickets (id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id, owner_agent_id, created_at, updated_at, version,
                          complaint_level, escalated_to, sla_started_at, sla_due_at, sla_hours, next_step, next_step_due_at, next_step_set_at, satisfaction, satisfaction_note)
     VALUES (@id, @ticketNo, @type, @category, @priority, @status, @title, @description, @customerId, @conversationId, @ownerId, @createdAt, @updatedAt, @version,
             @complaintLevel, @escalatedTo, @slaStartedAt, @slaDueAt, @slaHoursJson, @nextStepAction, @nextStepDueAt, @nextStepSetAt, @satisfaction, @satisfactionNote)
     ON CONFLICT (id) DO UPDATE SET ticket_no = excluded.ticket_no, type = excluded.type, category = excluded.category, priority = excluded.priority,
       status = excluded.status, title = excluded.title, description = excluded.description, customer_id = excluded.customer_id,
       conversation_id = excluded.conversation_id, owner_agent_id = excluded.owner_agent_id, created_at = excluded.created_at,
       updated_at = excluded.updated_at, version = excluded.version, complaint_level = excluded.complaint_level, escalated_to = excluded.escalated_to,
       sla_started_at = excluded.sla_started_at, sla_due_at = excluded.sla_due_at, sla_hours = excluded.sla_hours, next_step = excluded.next_step,
       next_step_due_at = excluded.next_step_due_at, next_step_set_at = excluded.next_step_set_at, satisfaction = excluded.satisfaction,
       satisfaction_note = excluded.satisfaction_note`,
  ).run({
    id: t.id,
    ticketNo: t.ticketNo,
    type: t.type,
    category: t.category,
    priority: t.priority,
    status: t.status,
    title: t.title,
    description: t.description,
    customerId: t.customerId,
    conversationId: t.conversationId,
    ownerId: t.owner?.id ?? null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    version,
    complaintLevel: t.complaintLevel ?? null,
    escalatedTo: t.escalatedTo ?? null,
    slaStartedAt: t.slaStartedAt ?? null,
    slaDueAt: t.slaDueAt ?? null,
    slaHoursJson: t.slaHours ? JSON.stringify(t.slaHours) : null,
    nextStepAction: t.nextStep?.action ?? null,
    nextStepDueAt: t.nextStep?.dueAt ?? null,
    nextStepSetAt: t.nextStepSetAt ?? null,
    satisfaction: t.satisfaction ?? null,
    satisfactionNote: t.satisfactionNote ?? null,
  });
  writeTicketLink(db, t);
}

export function writeSyncedTicketEvent(db: CacheDb, e: SyncedTicketEvent): void {
  if (e.author) upsertAgent(db, e.author);
  rememberComplaintTeam(db, e.author);
  statement(db, 
    `INSERT INTO ticket_events (id, ticket_id, kind, field, from_value, to_value, note, agent_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, field = excluded.field, from_value = excluded.from_value, to_value = excluded.to_value,
       note = excluded.note, agent_id = excluded.agent_id, at = excluded.at`,
  ).run(e.id, e.ticketId, e.kind, e.field, e.fromValue, e.toValue, e.note, e.author?.id ?? null, e.at);
}
