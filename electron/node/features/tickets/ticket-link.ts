import type { SyncedTicket } from '../../../../shared/head-office/sync.js';
import type { CacheDb } from '../../db/open-cache.js';
import { statement } from '../../db/statements.js';

/** The other ticket of an on-site support pair, as head office named it (cleared when it names none). */
export function writeTicketLink(db: CacheDb, t: SyncedTicket): void {
  const l = t.linkedTicket;
  statement(db, 'UPDATE tickets SET linked_ticket_no = ?, linked_office_name = ?, linked_direction = ? WHERE id = ?').run(l?.ticketNo ?? null, l?.officeName ?? null, l?.direction ?? null, t.id);
}
