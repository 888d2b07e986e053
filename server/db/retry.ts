import type { SqlClient, SqlExecutor } from './sql-client.js';

/** PostgreSQL's "try again": a deadlock broken by aborting this side, or a serialization failure. */
const TRANSIENT = new Set(['40P01', '40001']);

/**
 * A transaction that is run again (up to three more times) when the
 * database aborts it for a reason that passes: two writers that took the
 * same rows in opposite orders, say. `alsoRetry` names other errors worth
 * another run (a unique key a concurrent writer took first).
 */
export async function transactionWithRetry<T>(db: SqlClient, fn: (tx: SqlExecutor) => Promise<T>, alsoRetry: (err: unknown) => boolean = () => false): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(fn);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (attempt < 3 && (TRANSIENT.has(code) || alsoRetry(err))) continue;
      throw err;
    }
  }
}

export const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';
