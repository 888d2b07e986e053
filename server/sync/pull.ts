import type { AccountView } from '../../shared/head-office/auth.js';
import { officeScope, type Change, type Cursor, type PullResponse } from '../../shared/head-office/sync.js';
import type { SqlClient } from '../db/sql-client.js';
import { LIBRARY_SCOPE } from '../../shared/head-office/library.js';
import type { SyncEpoch } from './epoch.js';

/** What a caller may see, decided here from their account, never by the desk. */
export async function scopesOf(db: SqlClient, account: AccountView): Promise<string[]> {
  // The library goes to everyone; an office's records to its staff, every office's to administrators.
  if (account.role === 'admin') return [LIBRARY_SCOPE, ...(await db.query<{ id: string }>('SELECT id FROM offices ORDER BY id')).map((o) => officeScope(o.id))];
  return account.officeId ? [LIBRARY_SCOPE, officeScope(account.officeId)] : [LIBRARY_SCOPE];
}

 /** About what a page may weigh, in characters of JSON. */
const PAGE_BYTES = 8_000_000;

type ChangeRow = { version: string; entity: Change['entity']; entity_id: string; deleted: boolean; data: Record<string, unknown> | null };

/**
 * Everything in the caller's scopes after their cursor, oldest first, up to
 * `limit` changes: a page is a complete checkpoint the desk applies in one
 * transaction. A cursor from another epoch starts over from nothing; scopes
 * the caller lost (moved office, changed role) are named for the desk to
 * drop. A cursor ahead of head office means the database was restored from
 * a backup: that desk starts over and resends what head office confirmed
 * to it. (A desk whose cursor is not ahead yet, because new changes took
 * the same version numbers, is caught by its scope checksum.) After a
 * restore the operator also runs `server/cli.ts restored`, which starts a
 * new epoch for every desk at once.
 */
export async function pull(db: SqlClient, account: AccountView, syncEpoch: SyncEpoch, cursor: Cursor, limit: number): Promise<PullResponse> {
  const epoch = await syncEpoch.current();
  const allowed = await scopesOf(db, account);
  const heads = new Map(
    (await db.query<{ scope: string; version: string; checksum: string | null }>('SELECT scope, version, checksum FROM sync_scopes WHERE scope = ANY($1)', [allowed])).map((r) => [
      r.scope,
      { version: Number(r.version), checksum: r.checksum === null ? null : String(r.checksum) },
    ]),
  );
  // A desk ahead of head office saw versions head office no longer has (restored from a backup): it starts over.
  const behind = cursor.epoch === epoch && allowed.some((s) => (cursor.scopes[s] ?? 0) > (heads.get(s)?.version ?? 0));
  const reset = behind || (cursor.epoch !== null && cursor.epoch !== epoch);
  const from = reset ? {} : cursor.scopes;
  const droppedScopes = Object.keys(from).filter((s) => !allowed.includes(s));
  const changes: Change[] = [];
  const next: Record<string, number> = {};
  const checksums: Record<string, string> = {};
  let more = false;
  let bytes = 0;
  for (const scope of allowed) {
    const after = from[scope] ?? 0;
    next[scope] = after;
    const room = limit - changes.length;
    const rows =
      room <= 0
        ? await db.query<ChangeRow>('SELECT version FROM sync_changes WHERE scope = $1 AND version > $2 LIMIT 1', [scope, after])
        : await db.query<ChangeRow>(
            'SELECT version, entity, entity_id, deleted, data FROM sync_changes WHERE scope = $1 AND version > $2 ORDER BY version LIMIT $3',
            [scope, after, room + 1],
          );
    if (rows.length > Math.max(room, 0)) more = true;
    for (const r of rows.slice(0, Math.max(room, 0))) {
      // A page also stops at a size (library articles can be long), so no page outlasts a desk's patience.
      if (bytes > PAGE_BYTES && changes.length > 0) {
        more = true;
        break;
      }
      bytes += r.entity === 'ticket' || r.entity === 'ticket_event' ? 600 : JSON.stringify(r.data).length;
      changes.push({ scope, version: Number(r.version), entity: r.entity, id: r.entity_id, deleted: r.deleted, data: r.data });
      next[scope] = Number(r.version);
    }
    if (bytes > PAGE_BYTES) {
      more = true;
      const head = heads.get(scope);
      if (head?.checksum != null && next[scope] === head.version) checksums[scope] = head.checksum;
      for (const rest of allowed.slice(allowed.indexOf(scope) + 1)) next[rest] = from[rest] ?? 0;
      break;
    }
    // The head read before the changes: when the page reaches it, the checksum is exactly this scope's state there.
    const head = heads.get(scope);
    if (head?.checksum != null && next[scope] === head.version) checksums[scope] = head.checksum;
  }
  return { cursor: { epoch, scopes: next }, changes, more, reset, behind, droppedScopes, checksums };
}
