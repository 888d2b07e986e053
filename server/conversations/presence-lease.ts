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
  const started = Date.now();
  let lastRenewed = 0;
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
    renew(held())
      .then(() => (lastRenewed = Date.now()))
      .catch((err: unknown) => log("renewing desks' live status failed", err));
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
    /**
     * Whether a stale lease means a desk went away: only once this instance
     * has been up longer than a lease can run out and be called gone, and has
     * been renewing (a head office or database that was down made every lease stale).
     */
    trusted(goneAfterSeconds: number): boolean {
      const now = Date.now();
      return now - started > (LIVE_FOR_SECONDS + goneAfterSeconds) * 1000 && now - lastRenewed < RENEW_MS * 2;
    },
    stop(): void {
      clearInterval(timer);
    },
  };
}
