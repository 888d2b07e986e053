import type { Ticket, TicketEvent } from '../../../../shared/contract/schemas.js';
import { allowedTransitions, type TicketPriority, type TicketStatus, type TicketType } from '../../../../shared/domain/ticket-status.js';
import type { ComplaintHandler, ComplaintLevel, SatisfactionRating } from '../../../../shared/domain/ticket-sla.js';
import { OfficeHours } from '../../../../shared/domain/working-calendar.js';
import type { CacheDb } from '../../db/open-cache.js';

export interface TicketRow {
  id: string;
  ticket_no: string;
  type: TicketType;
  category: string;
  priority: TicketPriority;
  status: TicketStatus;
  title: string;
  description: string;
  customer_id: string | null;
  customer_name: string | null;
  conversation_id: string | null;
  owner_name: string | null;
  owner_agent_id: string | null;
  complaint_level: ComplaintLevel | null;
  escalated_to: ComplaintHandler | null;
  sla_started_at: number | null;
  sla_due_at: number | null;
  /** JSON of the OfficeHours the deadline was counted in. */
  sla_hours: string | null;
  next_step: string | null;
  next_step_due_at: number | null;
  next_step_set_at: number | null;
  satisfaction: SatisfactionRating | null;
  satisfaction_note: string | null;
  created_at: number;
  updated_at: number;
  /** Head office's version this row is based on (0: never synced). */
  version: number;
  /** On-site support: the other ticket of the pair (ticket-link.ts). */
  linked_ticket_no: string | null;
  linked_office_name: string | null;
  linked_direction: 'sent_to' | 'requested_by' | null;
}

const SELECT_TICKET = `
  SELECT t.*, c.name AS customer_name, a.display_name AS owner_name
    FROM tickets t
    LEFT JOIN customers c ON c.id = t.customer_id
    LEFT JOIN agents a ON a.id = t.owner_agent_id`;

export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  ticketNo: r.ticket_no,
  type: r.type,
  category: r.category,
  priority: r.priority,
  status: r.status,
  title: r.title,
  description: r.description,
  customerId: r.customer_id,
  customerName: r.customer_name,
  conversationId: r.conversation_id,
  ownerName: r.owner_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  allowedNext: [...allowedTransitions(r.status)],
  complaintLevel: r.complaint_level,
  escalatedTo: r.escalated_to === 'receiving_agent' ? null : r.escalated_to,
  ownerId: r.owner_agent_id,
  slaStartedAt: r.sla_started_at,
  slaDueAt: r.sla_due_at,
  slaHours: parseHours(r.sla_hours),
  nextStep: r.next_step !== null && r.next_step_due_at !== null ? { action: r.next_step, dueAt: r.next_step_due_at } : null,
  nextStepSetAt: r.next_step_set_at,
  satisfaction: r.satisfaction,
  satisfactionNote: r.satisfaction_note,
  linkedTicket:
    r.linked_ticket_no !== null && r.linked_office_name !== null && r.linked_direction !== null
      ? { ticketNo: r.linked_ticket_no, officeName: r.linked_office_name, direction: r.linked_direction }
      : null,
});

/** Stored office hours, or null when there are none (or they no longer read as hours). */
export function parseHours(text: string | null): OfficeHours | null {
  if (!text) return null;
  try {
    const parsed = OfficeHours.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Open tickets with a deadline, for the timers list. */
export function runningTickets(db: CacheDb): TicketRow[] {
  return db.prepare(`${SELECT_TICKET} WHERE t.status NOT IN ('resolved', 'closed') AND t.sla_due_at IS NOT NULL ORDER BY t.sla_due_at LIMIT 500`).all() as TicketRow[];
}

export function findTicket(db: CacheDb, id: string): TicketRow | undefined {
  return db.prepare(`${SELECT_TICKET} WHERE t.id = ?`).get(id) as TicketRow | undefined;
}

export interface TicketFilter {
  statuses?: TicketStatus[] | undefined;
  type?: TicketType | undefined;
  priority?: TicketPriority | undefined;
  customerId?: string | undefined;
  text?: string | undefined;
  limit: number;
  offset: number;
}

export function queryTickets(db: CacheDb, f: TicketFilter): { rows: TicketRow[]; total: number } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: f.limit, offset: f.offset };
  if (f.statuses && f.statuses.length > 0) {
    // One bound parameter per status (never their text), so the planner can use tickets_by_status.
    where.push(`t.status IN (${f.statuses.map((_, i) => `@status${i}`).join(', ')})`);
    f.statuses.forEach((st, i) => (params[`status${i}`] = st));
  }
  if (f.type) {
    where.push('t.type = @type');
    params.type = f.type;
  }
  if (f.priority) {
    where.push('t.priority = @priority');
    params.priority = f.priority;
  }
  if (f.customerId) {
    where.push('t.customer_id = @customerId');
    params.customerId = f.customerId;
  }
  if (f.text) {
    where.push(`(t.title LIKE @text ESCAPE '\\' OR t.ticket_no LIKE @text ESCAPE '\\' OR c.name LIKE @text ESCAPE '\\')`);
    params.text = `%${f.text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare(`${SELECT_TICKET} ${clause} ORDER BY t.updated_at DESC LIMIT @limit OFFSET @offset`).all(params) as TicketRow[];
  const { limit: _l, offset: _o, ...countParams } = params;
  const total = db
    .prepare(`SELECT count(*) FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id ${clause}`)
    .pluck()
    .get(countParams) as number;
  return { rows, total };
}

export function ticketEvents(db: CacheDb, ticketId: string): TicketEvent[] {
  const rows = db
    .prepare(
      // An owner change holds account ids: shown by name where this desk knows the colleague.
      `SELECT e.id, e.kind, e.field,
              CASE WHEN e.kind = 'owner' THEN coalesce((SELECT display_name FROM agents WHERE id = e.from_value), e.from_value) ELSE e.from_value END AS from_value,
              CASE WHEN e.kind = 'owner' THEN coalesce((SELECT display_name FROM agents WHERE id = e.to_value), e.to_value) ELSE e.to_value END AS to_value,
              e.note, a.display_name AS agent_name, e.at
         FROM ticket_events e LEFT JOIN agents a ON a.id = e.agent_id
        WHERE e.ticket_id = ? ORDER BY e.at, e.rowid`,
    )
    .all(ticketId) as {
    id: string;
    kind: TicketEvent['kind'];
    field: TicketEvent['field'];
    from_value: string | null;
    to_value: string | null;
    note: string | null;
    agent_name: string | null;
    at: number;
  }[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, field: r.field, fromValue: r.from_value, toValue: r.to_value, note: r.note, agentName: r.agent_name, at: r.at }));
}
