import type { SqlClient } from '../db/sql-client.js';
import { publish } from './conversation-events.js';

/** A desk holds its live socket this long past its last renewal before routing stops offering it conversations. */
const LIVE_FOR_SECONDS = 90;
const RENEW_MS = 30_000;

/**
 * The lease that tells routing an agent has a desk connected: taken when a
 * desk's socket opens, renewed while this instance holds one, ended when
 * the last one here closes. A lease an instance stopped renewing (it died)
 * runs out on its own.
 */
export function createPresenceLease(db: SqlClient, held: () => string[], log: (message: string, err?: unknown) => void) {
  const renew = async (accountIds: string[]) => {
    if (accountIds.length === 0) return;
    // A desk's first connection ever puts an agent online (a lead away: they take conversations only when they choose to);
    // after that the person's own choice stands.
    await db.query(
      `INSERT INTO agent_presence (account_id, status, live_until)
       SELECT id, CASE WHEN role = 'agent' THEN 'online' ELSE 'away' END, now() + make_interval(secs => $2) FROM accounts WHERE id = ANY($1::uuid[])
       ON CONFLICT (account_id) DO UPDATE SET live_until = excluded.live_until`,
      [accountIds, LIVE_FOR_SECONDS],
    );
  };
  const timer = setInterval(() => {
    renew(held()).catch((err: unknown) => log("renewing desks' live status failed", err));
  }, RENEW_MS);
  timer.unref();

  return {
    taken(accountId: string): void {
      renew([accountId])
        .then(() => publish(db, { k: 'p' }))
        .catch((err: unknown) => log('marking a desk live failed', err));
    },
    ended(accountId: string): void {
      db.query(`UPDATE agent_presence SET live_until = now() WHERE account_id = $1`, [accountId])
        .then(() => publish(db, { k: 'p' }))
        .catch((err: unknown) => log('marking a desk gone failed', err));
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}
