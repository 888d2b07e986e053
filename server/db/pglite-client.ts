import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** Embedded PostgreSQL (PGlite) in a data folder: a working head office with no set-up. */
export async function openPglite(dataDir: string): Promise<SqlClient> {
  // The folder holds password hashes and the token key: this user only,
  // even when it existed before (mkdir's mode does not touch an old folder).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  process.umask(0o077);
  const releaseLock = lockDataDir(dataDir);
  const db = new PGlite(dataDir);
  await db.waitReady;
  keepPrivate(dataDir);
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
 * PGlite writes some of its files world-readable whatever the umask
 * (PG_VERSION, the configuration files): close them to this user too, so
 * the folder stays private even if its own mode is loosened later.
 */
function keepPrivate(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const mode = statSync(path).mode & 0o777;
    const wanted = entry.isDirectory() ? 0o700 : 0o600;
    if ((mode & 0o077) !== 0) chmodSync(path, mode & wanted);
  }
}

/**
 * PGlite is one process's database: a second process on the same folder
 * would corrupt it. The lock file is created exclusively; a lock whose
 * process is gone is moved aside atomically (rename) before a new one is
 * taken, so two starters can never both win. A lock still being written
 * (empty, and young) counts as held.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'motordesk-head-office.lock');
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let pid: number;
    let age: number;
    try {
      pid = Number(readFileSync(file, 'utf8'));
      age = Date.now() - statSync(file).mtimeMs;
    } catch {
      continue; // moved aside meanwhile: try again
    }
    const held = Number.isInteger(pid) && pid > 0 ? isRunning(pid) : age < 10_000;
    if (held) throw new Error(`the head-office data folder ${dataDir} is in use by process ${pid || 'starting up'}; stop it first`);
    const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(file, aside);
      rmSync(aside, { force: true });
    } catch {
      // Another starter moved it first; the next round sees their lock.
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
