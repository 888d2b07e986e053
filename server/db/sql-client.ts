/**
 * The head office speaks one SQL dialect (PostgreSQL) to either an
 * embedded PGlite in a data folder or a PostgreSQL server. Services see
 * only this interface.
 */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
}

export interface SqlClient extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to an unlisten function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function openSqlClient(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<SqlClient> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres-client.js');
    return openPostgres(options.databaseUrl);
  }
  const { openPglite } = await import('./pglite-client.js');
  return openPglite(options.dataDir);
}
