import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';
import { migrate, type MigrationReport } from './migration.js';

export type CacheDb = Database.Database;

/** Open (or create) the local cache and bring its schema up to date. */
export function openCache(file: string): { db: CacheDb; migration: MigrationReport } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable across app crashes; only an OS crash may lose
  // the last commits, which head-office sync makes good again.
  db.pragma('synchronous = NORMAL');
  try {
    const migration = migrate(db, MIGRATIONS);
    return { db, migration };
  } catch (err) {
    db.close();
    throw err;
  }
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
