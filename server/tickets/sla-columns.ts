import { slaDueAt, type ComplaintLevel } from '../../shared/domain/ticket-sla.js';
import type { TicketType } from '../../shared/domain/ticket-status.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { officeHoursOf } from './office-hours.js';

/**
 * When a ticket's clock starts: the moment the agent acted, as the desk
 * recorded it (a desk that was offline does not lend the ticket the hours
 * it spent offline), but never later than head office's clock nor before
 * `floor` (the ticket's creation), so a desk with a wrong clock cannot
 * move a deadline into the future or the past.
 */
export function clockStart(deskAt: number, floor = 0, now = Date.now()): number {
  return Math.max(floor, Math.min(deskAt, now));
}

/**
 * The columns that store a ticket's deadline: when its clock started, when
 * it is due (counted in the office's working hours), and those hours, so
 * every reader counts the time left on the same calendar.
 */
export async function slaColumns(tx: SqlExecutor, officeId: string, type: TicketType, level: ComplaintLevel | null, startedAt: number) {
  const hours = await officeHoursOf(tx, officeId);
  return {
    sla_started_at: new Date(startedAt).toISOString(),
    sla_due_at: new Date(slaDueAt(type, level, startedAt, hours)).toISOString(),
    sla_hours: JSON.stringify(hours),
  };
}
