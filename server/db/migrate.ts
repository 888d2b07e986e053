import type { SqlClient } from './sql-client.js';

export interface ServerMigration {
  version: number;
  name: string;
  up: string;
}

/**
 * Numbered migrations, each in its own transaction with its version row.
 * An advisory lock keeps two instances starting at once from racing.
 */
export async function migrateServer(db: SqlClient, migrations: readonly ServerMigration[]): Promise<number[]> {
  const applied: number[] = [];
  // Under the same advisory lock as the migrations: two instances starting
  // together would otherwise race on creating this table.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7311)');
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
  });
  const latest = migrations.at(-1)?.version ?? 0;
  for (const m of migrations) {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7311)');
      const [newest] = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
      if ((newest?.v ?? 0) > latest) throw new Error(`database schema ${newest?.v} is newer than this head office (${latest})`);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length > 0) return;
      await tx.exec(m.up);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    });
  }
  return applied;
}
