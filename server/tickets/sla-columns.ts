import { slaDueAt, type ComplaintLevel } from '../../shared/domain/ticket-sla.js';
import type { TicketType } from '../../shared/domain/ticket-status.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { officeHoursOf } from './office-hours.js';

/** When a ticket's clock starts (shared/domain/ticket-sla.ts): the desk's moment, capped at head office's clock and the ticket's creation. */
export { clockStart } from '../../shared/domain/ticket-sla.js';

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
