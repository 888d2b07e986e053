import type { AccountView } from '../../shared/head-office/auth.js';
import { officeScope, type Change, type Cursor, type PullResponse } from '../../shared/head-office/sync.js';
import type { SqlClient } from '../db/sql-client.js';

/** What a caller may see, decided here from their account, never by the desk. */
export async function scopesOf(db: SqlClient, account: AccountView): Promise<string[]> {
  if (account.role === 'admin') return (await db.query<{ id: string }>('SELECT id FROM offices ORDER BY id')).map((o) => officeScope(o.id));
  return account.officeId ? [officeScope(account.officeId)] : [];
}

/**
 * Everything in the caller's scopes after their cursor, oldest first, up to
 * `limit` changes: a page is a complete checkpoint the desk applies in one
 * transaction. A cursor from another epoch starts over from nothing; scopes
 * the caller lost (moved office, changed role) are named for the desk to drop.
 */
export async function pull(db: SqlClient, account: AccountView, epoch: string, cursor: Cursor, limit: number): Promise<PullResponse> {
  const reset = cursor.epoch !== null && cursor.epoch !== epoch;
  const from = reset ? {} : cursor.scopes;
  const allowed = await scopesOf(db, account);
  const droppedScopes = Object.keys(from).filter((s) => !allowed.includes(s));
  const changes: Change[] = [];
  const next: Record<string, number> = {};
  let more = false;
  for (const scope of allowed) {
    const after = from[scope] ?? 0;
    next[scope] = after;
    const room = limit - changes.length;
    if (room <= 0) {
      more ||= (await db.query('SELECT 1 FROM sync_changes WHERE scope = $1 AND version > $2 LIMIT 1', [scope, after])).length > 0;
      continue;
    }
    const rows = await db.query<{ version: string; entity: Change['entity']; entity_id: string; deleted: boolean; data: Record<string, unknown> | null }>(
      'SELECT version, entity, entity_id, deleted, data FROM sync_changes WHERE scope = $1 AND version > $2 ORDER BY version LIMIT $3',
      [scope, after, room + 1],
    );
    if (rows.length > room) more = true;
    for (const r of rows.slice(0, room)) {
      changes.push({ scope, version: Number(r.version), entity: r.entity, id: r.entity_id, deleted: r.deleted, data: r.data });
      next[scope] = Number(r.version);
    }
  }
  return { cursor: { epoch, scopes: next }, changes, more, reset, droppedScopes };
}
