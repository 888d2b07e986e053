import { nextChecksum } from '../../shared/head-office/checksum.js';
import type { SyncedEntity } from '../../shared/head-office/sync.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { SYNC_CHANNEL } from '../live/live-pokes.js';

/**
 * Record that a record changed in a scope, in the caller's transaction:
 * the scope's next version, its checksum moved from the record's old
 * version to the new one, the change itself for every desk that pulls the
 * scope, and a notification for live pokes. Incrementing the scope's row
 * locks it, so two writers in one office take turns while other offices
 * never wait on them. Returns the record's new version.
 */
export async function logChange(
  tx: SqlExecutor,
  scope: string,
  change: { entity: SyncedEntity; id: string; before: number | null; data: ((version: number) => Promise<Record<string, unknown>>) | null },
): Promise<number> {
  const [row] = await tx.query<{ version: string; checksum: string }>(
    `INSERT INTO sync_scopes (scope, version) VALUES ($1, 1)
     ON CONFLICT (scope) DO UPDATE SET version = sync_scopes.version + 1
     RETURNING version, checksum`,
    [scope],
  );
  const version = Number(row!.version);
  const deleted = change.data === null;
  const checksum = nextChecksum(Number(row!.checksum), change.entity, change.id, change.before, deleted ? null : version);
  await tx.query('UPDATE sync_scopes SET checksum = $2 WHERE scope = $1', [scope, checksum]);
  const data = change.data === null ? null : await change.data(version);
  await tx.query('INSERT INTO sync_changes (scope, version, entity, entity_id, deleted, data) VALUES ($1, $2, $3, $4, $5, $6)', [
    scope,
    version,
    change.entity,
    change.id,
    deleted,
    data === null ? null : JSON.stringify(data),
  ]);
  // Delivered when the transaction commits, to every instance listening.
  await tx.query(`SELECT pg_notify('${SYNC_CHANNEL}', $1)`, [scope]);
  return version;
}
