import { nextChecksum } from '../../shared/head-office/checksum.js';
import type { SqlClient } from '../db/sql-client.js';

/**
 * Compute the checksum of every scope that has none (scopes from before
 * checksums existed), from the records live in it. Runs at start, before
 * head office serves anyone.
 */
export async function repairChecksums(db: SqlClient): Promise<string[]> {
  const missing = await db.query<{ scope: string }>('SELECT scope FROM sync_scopes WHERE checksum IS NULL');
  for (const { scope } of missing) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM sync_scopes WHERE scope = $1 FOR UPDATE', [scope]);
      const officeId = scope.startsWith('office:') ? scope.slice('office:'.length) : null;
      let checksum = 0;
      if (officeId) {
        const records = await tx.query<{ entity: string; id: string; version: string }>(
          `SELECT 'ticket' AS entity, id, version FROM tickets WHERE office_id = $1
           UNION ALL
           SELECT 'ticket_event', e.id, e.version FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.office_id = $1`,
          [officeId],
        );
        for (const r of records) checksum = nextChecksum(checksum, r.entity, r.id, null, Number(r.version));
      }
      await tx.query('UPDATE sync_scopes SET checksum = $2 WHERE scope = $1', [scope, checksum]);
    });
  }
  return missing.map((m) => m.scope);
}
