import type { Ticket, TicketEvent } from '../../../../shared/contract/schemas.js';
import { allowedTransitions, type TicketPriority, type TicketStatus, type TicketType } from '../../../../shared/domain/ticket-status.js';
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
  created_at: number;
  updated_at: number;
  /** Head office's version this row is based on (0: never synced). */
  version: number;
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
});

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
      `SELECT e.id, e.kind, e.field, e.from_value, e.to_value, e.note, a.display_name AS agent_name, e.at
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
