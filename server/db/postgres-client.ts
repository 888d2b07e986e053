import pg from 'pg';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** A PostgreSQL server (DATABASE_URL): several head-office instances can share it. */
export async function openPostgres(databaseUrl: string): Promise<SqlClient> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle connection dropped by a database restart must not end the process.
  pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
  await pool.query('SELECT 1');
  const wrap = (x: pg.Pool | pg.PoolClient): SqlExecutor => ({
    query: async <T>(text: string, params: unknown[] = []) => (await x.query(text, params)).rows as T[],
    exec: async (text: string) => {
      await x.query(text);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // A connection whose ROLLBACK failed is not given back to the pool.
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async listen(channel, onNotify) {
      // LISTEN needs a connection of its own for as long as it listens.
      const client = await pool.connect();
      client.on('error', (err) => console.error(`PostgreSQL LISTEN ${channel} connection lost: ${err.message}`));
      const handler = (msg: pg.Notification) => {
        if (msg.channel === channel) onNotify(msg.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        client.off('notification', handler);
        await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        client.release();
      };
    },
    close: () => pool.end(),
  };
}
