import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../db/sql-client.js';

/**
 * The sync epoch names one history of versions. It is made once per
 * database and replaced by the operator after restoring a backup
 * (`server/cli.ts restored`): every desk then starts over from an empty
 * cursor and resends what head office may have lost. (Desks also notice a
 * restore on their own, one by one; see pull and push.) Read from the
 * database on each request, so every instance on one database agrees.
 */
export interface SyncEpoch {
  current(): Promise<string>;
  /** Start a new history, unless another request already did (`seen` is no longer current). */
  rotate(seen: string): Promise<string>;
}

export async function openSyncEpoch(db: SqlClient): Promise<SyncEpoch> {
  await db.query(`INSERT INTO server_settings (key, value) VALUES ('sync_epoch', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
  const current = async () => (await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'sync_epoch'`))[0]!.value;
  return {
    current,
    async rotate(seen) {
      await db.query(`UPDATE server_settings SET value = $1 WHERE key = 'sync_epoch' AND value = $2`, [randomUUID(), seen]);
      return current();
    },
  };
}
