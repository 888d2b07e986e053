import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** Embedded PostgreSQL (PGlite) in a data folder: a working head office with no set-up. */
export async function openPglite(dataDir: string): Promise<SqlClient> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const releaseLock = lockDataDir(dataDir);
  const db = new PGlite(dataDir);
  await db.waitReady;
  const wrap = (x: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    query: async <T>(text: string, params: unknown[] = []) => (await x.query<T>(text, params)).rows,
    exec: async (text: string) => {
      await x.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    listen: async (channel, onNotify) => {
      const unlisten = await db.listen(channel, onNotify);
      return async () => unlisten();
    },
    close: async () => {
      await db.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is one process's database: a second process on the same folder
 * would corrupt it. Take an exclusive lock file, replacing one left by a
 * process that no longer runs.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'motordesk-head-office.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
        throw new Error(`the head-office data folder ${dataDir} is in use by process ${pid}; stop it first`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot lock ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
