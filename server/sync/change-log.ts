import { nextChecksum } from '../../shared/head-office/checksum.js';
import type { SyncedEntity } from '../../shared/head-office/sync.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { SYNC_CHANNEL } from '../live/live-pokes.js';

export interface LoggedChange {
  entity: SyncedEntity;
  id: string;
  /** The record's version after this change: one of those handed out by `withChanges`. */
  version: number;
  /** Its version before (null: it is new). */
  before: number | null;
  /** The record in the shape desks store; null for a deletion (a tombstone). */
  data: Record<string, unknown> | null;
}

interface ScopeHead {
  version: number;
  /** Null until checksum-repair has computed it (a scope from before checksums): left alone, never guessed. */
  checksum: number | null;
  changes: LoggedChange[];
}

/**
 * The changes one transaction makes, per scope. The first change in a
 * scope locks the scope's row and reads its head, so two writers in one
 * office take turns while other offices never wait on them; versions are
 * then handed out here, and `flush` writes the changes, the scope's new
 * version and checksum, and the notification for live pokes, before the
 * transaction commits.
 */
class ChangeLog {
  private readonly scopes = new Map<string, ScopeHead>();

  constructor(private readonly tx: SqlExecutor) {}

  async versions(scope: string, count: number): Promise<{ head: ScopeHead; versions: number[] }> {
    let head = this.scopes.get(scope);
    if (!head) {
      await this.tx.query('INSERT INTO sync_scopes (scope, version) VALUES ($1, 0) ON CONFLICT (scope) DO NOTHING', [scope]);
      const [row] = await this.tx.query<{ version: string; checksum: string | null }>('SELECT version, checksum FROM sync_scopes WHERE scope = $1 FOR UPDATE', [scope]);
      head = { version: Number(row!.version), checksum: row!.checksum === null ? null : Number(row!.checksum), changes: [] };
      this.scopes.set(scope, head);
    }
    const first = head.version + 1;
    head.version += count;
    return { head, versions: Array.from({ length: count }, (_, i) => first + i) };
  }

  async flush(): Promise<void> {
    for (const [scope, head] of this.scopes) {
      if (head.changes.length === 0) continue;
      for (const c of head.changes) if (head.checksum !== null) head.checksum = nextChecksum(head.checksum, c.entity, c.id, c.before, c.data === null ? null : c.version);
      for (let i = 0; i < head.changes.length; i += 1000) {
        const params: unknown[] = [scope];
        const rows = head.changes.slice(i, i + 1000).map((c) => {
          params.push(c.version, c.entity, c.id, c.data === null, c.data === null ? null : JSON.stringify(c.data));
          const n = params.length;
          return `($1, $${n - 4}::bigint, $${n - 3}, $${n - 2}::uuid, $${n - 1}::boolean, $${n}::jsonb)`;
        });
        await this.tx.query(`INSERT INTO sync_changes (scope, version, entity, entity_id, deleted, data) VALUES ${rows.join(', ')}`, params);
      }
      // Delivered when the transaction commits, to every instance listening.
      await this.tx.query(`WITH moved AS (UPDATE sync_scopes SET version = $2, checksum = $3 WHERE scope = $1) SELECT pg_notify('${SYNC_CHANNEL}', $1)`, [
        scope,
        head.version,
        head.checksum,
      ]);
      head.changes = [];
    }
  }
}

const logs = new WeakMap<SqlExecutor, ChangeLog>();

/** The change log of a transaction (one per transaction handle). */
export function changeLogOf(tx: SqlExecutor): ChangeLog {
  let log = logs.get(tx);
  if (!log) {
    log = new ChangeLog(tx);
    logs.set(tx, log);
  }
  return log;
}

/**
 * Change records in a scope, in the caller's transaction: take `count`
 * versions from the scope's counter, let `write` change the records with
 * those versions, and log what it returns. The transaction's owner calls
 * `changeLogOf(tx).flush()` before it commits.
 */
export async function withChanges(tx: SqlExecutor, scope: string, count: number, write: (versions: number[]) => Promise<LoggedChange[]>): Promise<void> {
  const { head, versions } = await changeLogOf(tx).versions(scope, count);
  head.changes.push(...(await write(versions)));
}
