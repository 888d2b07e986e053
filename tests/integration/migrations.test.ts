import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../electron/node/db/migrations/index.js';
import { migrate } from '../../electron/node/db/migration.js';
import { LATEST_SCHEMA_VERSION, openCache } from '../../electron/node/db/open-cache.js';
import { tempCacheFile } from '../support/temp-desk.js';

const tablesOf = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]).join(',');

describe('cache schema migrations', () => {
  it('builds the newest schema from an empty file, in WAL mode', () => {
    const file = tempCacheFile();
    const { db, migration } = openCache(file);
    expect(migration).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION, applied: MIGRATIONS.map((m) => m.version) });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    for (const t of ['agents', 'customers', 'vehicles', 'policies', 'conversations', 'messages', 'tickets', 'ticket_events', 'scripts', 'knowledge_articles', 'outbox', 'article_search', 'script_search', 'search_rowids', 'usage_log']) {
      expect(tablesOf(db).split(',')).toContain(t);
    }
    db.close();
  });

  it('is idempotent: a second start applies nothing', () => {
    const file = tempCacheFile();
    openCache(file).db.close();
    const again = openCache(file);
    expect(again.migration.applied).toEqual([]);
    again.db.close();
  });

  for (const earlier of MIGRATIONS.slice(0, -1)) {
    it(`upgrades a cache left at version ${earlier.version} with data in it`, () => {
      const file = tempCacheFile();
      const old = new Database(file);
      migrate(old, MIGRATIONS, earlier.version);
      expect(old.pragma('user_version', { simple: true })).toBe(earlier.version);
      old.prepare(`INSERT INTO agents (id, code, display_name, role, created_at) VALUES ('0190b4c8-0000-7000-8000-000000000001', 'A1', '老坐席', 'agent', 1)`).run();
      old.prepare(`INSERT INTO outbox (name, args, created_at) VALUES ('ticket.addNote', '{}', 1)`).run();
      old.close();

      const { db, migration } = openCache(file);
      expect(migration.from).toBe(earlier.version);
      expect(migration.to).toBe(LATEST_SCHEMA_VERSION);
      expect(db.prepare('SELECT display_name FROM agents').pluck().get()).toBe('老坐席');
      expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);

      const fresh = openCache(tempCacheFile()).db;
      expect(tablesOf(db)).toBe(tablesOf(fresh));
      fresh.close();
      db.close();
    });
  }

  it('refuses a cache written by a newer app and leaves it alone', () => {
    const file = tempCacheFile();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openCache(file)).toThrow(/newer than this app/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(tablesOf(after)).toBe('');
    after.close();
  });

  it('rolls a failing migration back whole', () => {
    const db = new Database(tempCacheFile());
    const broken = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', up: 'CREATE TABLE half_done (x); CREATE TABLE agents (y);' }];
    migrate(db, MIGRATIONS);
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(tablesOf(db)).not.toContain('half_done');
    db.close();
  });
});
