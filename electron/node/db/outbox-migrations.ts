import type { Migration } from './migration.js';

/**
 * The outbox file: the desk's own journal of local changes, kept apart
 * from the cache so that a damaged or deleted cache cannot take it down
 * (the cache can be rebuilt from head office; these changes cannot).
 */
export const OUTBOX_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'outbox journal',
    up: `
      -- Every local write, in the order it was made. 'pending' waits for
      -- head office, 'held' for a head office that knows the mutation,
      -- 'confirmed' and 'rejected' are kept a while: confirmed ones are
      -- resent if head office turns out to be restored from a backup.
      CREATE TABLE mutations (
        mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        args TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'held', 'confirmed', 'rejected')),
        -- Head office's id for it under the current desk id (pending and confirmed ones).
        push_id INTEGER,
        -- The ticket it changes: what to rebuild when it is confirmed or refused.
        record_id TEXT,
        -- Confirmed or refused, and the cache already rebuilt from head office's copy.
        settled INTEGER NOT NULL DEFAULT 0,
        confirmed_epoch TEXT,
        done_at INTEGER
      );
      CREATE INDEX mutations_by_state ON mutations(state, push_id);
      CREATE INDEX mutations_by_record ON mutations(record_id, state);

      CREATE TABLE journal_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- What the agent must read: changes head office refused, with why.
      CREATE TABLE notices (
        id TEXT PRIMARY KEY,
        mutation_id INTEGER NOT NULL,
        mutation_name TEXT NOT NULL,
        ticket_id TEXT,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        conflict TEXT,
        at INTEGER NOT NULL,
        dismissed_at INTEGER
      );
    `,
  },
];
