import type { SqlExecutor } from '../db/sql-client.js';
import { SYNC_CHANNEL } from '../live/live-pokes.js';

/**
 * The next version of a scope, in the caller's transaction. The increment
 * locks the scope's row, so two writers in one office take turns while
 * other offices never wait on them.
 */
export async function nextVersion(tx: SqlExecutor, scope: string): Promise<number> {
  const [row] = await tx.query<{ version: string }>(
    `INSERT INTO sync_scopes (scope, version) VALUES ($1, 1)
     ON CONFLICT (scope) DO UPDATE SET version = sync_scopes.version + 1
     RETURNING version`,
    [scope],
  );
  return Number(row!.version);
}

/** Record an accepted change under its scope's version, for every desk that pulls the scope. */
export async function insertChange(
  tx: SqlExecutor,
  scope: string,
  version: number,
  change: { entity: 'ticket' | 'ticket_event'; id: string; deleted?: boolean; data: Record<string, unknown> | null },
): Promise<void> {
  await tx.query('INSERT INTO sync_changes (scope, version, entity, entity_id, deleted, data) VALUES ($1, $2, $3, $4, $5, $6)', [
    scope,
    version,
    change.entity,
    change.id,
    change.deleted ?? false,
    change.data === null ? null : JSON.stringify(change.data),
  ]);
  // Delivered when the transaction commits, to every instance listening.
  await tx.query(`SELECT pg_notify('${SYNC_CHANNEL}', $1)`, [scope]);
}
