import { officeScope } from '../../shared/head-office/sync.js';
import { ticketNumber, uuidv7 } from '../../shared/domain/ids.js';
import { priorityAtLevel, type ComplaintLevel } from '../../shared/domain/ticket-sla.js';
import type { TicketPriority, TicketType } from '../../shared/domain/ticket-status.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { appendAudit } from '../audit/audit-log.js';
import { changeLogOf, withChanges } from '../sync/change-log.js';
import { slaColumns } from './sla-columns.js';
import { inComplaintTeam } from './sla-mutations.js';
import { insertTicket, levelAtCreation } from './ticket-writes.js';

export interface TicketToOpen {
  officeId: string;
  type: TicketType;
  category: string;
  title: string;
  description?: string;
  priority?: TicketPriority;
  /** Complaints only; a complaint without one is level 1. */
  complaintLevel?: ComplaintLevel | null;
  customerId?: string | null;
  conversationId?: string | null;
  /** Who works it; null (the default) leaves it for a lead to assign or an agent to take. */
  ownerId?: string | null;
  /** Who opened it, named in its history; null when head office opens it by itself. */
  actorId?: string | null;
  /** A field office's on-site support ticket: the online agent's ticket it serves. */
  supportForTicketId?: string | null;
}

/**
 * A ticket head office opens itself (an anti-fraud referral from a claim,
 * say): the ticket with its number and deadline, its "created" history
 * entry, and both logged for the office's desks, in the caller's
 * transaction. The change log is flushed here, so the caller only commits.
 */
export async function openTicket(tx: SqlExecutor, t: TicketToOpen): Promise<{ id: string; ticketNo: string; slaDueAt: number }> {
  const id = uuidv7();
  const eventId = uuidv7();
  const level = levelAtCreation(t.type, t.complaintLevel);
  const now = Date.now();
  const sla = await slaColumns(tx, t.officeId, t.type, level, now);
  // Head office names the owner itself here, as a lead assigns: at level 2 only one of the complaint team may hold it.
  const ownerId = t.ownerId && level === 2 && !(await inComplaintTeam(tx, t.ownerId)) ? null : (t.ownerId ?? null);
  let ticketNo = ticketNumber(new Date(now));
  // Random numbers: on the rare clash with an existing one, draw again.
  while ((await tx.query('SELECT 1 FROM tickets WHERE ticket_no = $1', [ticketNo])).length > 0) ticketNo = ticketNumber(new Date(now));
  await withChanges(tx, officeScope(t.officeId), 2, (versions) =>
    insertTicket(
      tx,
      { id, officeId: t.officeId, ticketNo, type: t.type, category: t.category, priority: priorityAtLevel(level, t.priority ?? 'normal'), title: t.title, description: t.description ?? '',
        customerId: t.customerId ?? null, conversationId: t.conversationId ?? null, ownerId, level, sla, supportForTicketId: t.supportForTicketId ?? null },
      versions,
      { id: eventId, ticketId: id, kind: 'created', to: 'new', accountId: t.actorId ?? null, at: now },
    ),
  );
  // A complaint's first grading is audited like any change of level (from none to its level), as the last write before the change log.
  if (level !== null) {
    const [actor] = t.actorId ? await tx.query<{ id: string; login: string }>('SELECT id, login FROM accounts WHERE id = $1', [t.actorId]) : [];
    await appendAudit(tx, { officeId: t.officeId, actor: actor ?? null, action: 'ticket.level', subjectType: 'ticket', subjectId: id, detail: { ticketNo, from: null, to: level } });
  }
  await changeLogOf(tx).flush();
  return { id, ticketNo, slaDueAt: Date.parse(sla.sla_due_at) };
}
