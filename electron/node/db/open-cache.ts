import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';
import { DeskError } from '../../../shared/contract/errors.js';
import { migrate, type MigrationReport } from './migration.js';

export type CacheDb = Database.Database;

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Open (or create) the local cache and bring its schema up to date. */
export function openCache(file: string): { db: CacheDb; migration: MigrationReport } {
  const db = new Database(file);
  // A cache from a newer app is refused before anything here touches it.
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > LATEST_SCHEMA_VERSION) {
    db.close();
    throw new DeskError('INTERNAL', `cache schema ${version} is newer than this app (${LATEST_SCHEMA_VERSION}); update MotorDesk`);
  }
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


