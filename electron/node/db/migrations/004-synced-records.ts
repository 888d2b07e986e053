import type { Migration } from '../migration.js';

/**
 * Head-office sync. `sync_rows` holds head office's copy of every synced
 * record (the ticket as last pulled, before this desk's pending changes),
 * so a refused change can be rolled back and pending ones re-applied on
 * top after each pull; `sync_state` the cursor and scope checksums.
 * Tickets and their history are rebuilt without foreign keys to customers,
 * conversations and agents: a synced ticket may name a customer or a
 * colleague this desk has not received (yet, or ever). The outbox moves to
 * its own file (copied over on first open, see Outbox.adoptFromCache).
 */
export const syncedRecords: Migration = {
  version: 4,
  name: 'synced records',
  up: `
    CREATE TABLE sync_rows (
      entity TEXT NOT NULL,
      id TEXT NOT NULL,
      scope TEXT NOT NULL,
      version INTEGER NOT NULL,
      -- For a history entry, the ticket it belongs to.
      parent_id TEXT,
      data TEXT NOT NULL,
      PRIMARY KEY (entity, id)
    );
    CREATE INDEX sync_rows_by_scope ON sync_rows(scope);
    CREATE INDEX sync_rows_by_parent ON sync_rows(parent_id) WHERE parent_id IS NOT NULL;

    CREATE TABLE sync_state (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    -- Library items received from head office and not yet in the search
    -- index: a first sync stores thousands of articles at once and indexes
    -- them in the background, a few at a time.
    CREATE TABLE search_backlog (
      kind TEXT NOT NULL CHECK (kind IN ('article', 'script')),
      item_id TEXT NOT NULL,
      PRIMARY KEY (kind, item_id)
    );

    CREATE TABLE ticket_events_v4 (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'note', 'edit')),
      field TEXT,
      from_value TEXT,
      to_value TEXT,
      note TEXT,
      agent_id TEXT,
      at INTEGER NOT NULL
    );
    INSERT INTO ticket_events_v4 (id, ticket_id, kind, from_value, to_value, note, agent_id, at)
      SELECT id, ticket_id, kind, from_value, to_value, note, agent_id, at FROM ticket_events;
    DROP TABLE ticket_events;
    ALTER TABLE ticket_events_v4 RENAME TO ticket_events;
    CREATE INDEX ticket_events_by_ticket ON ticket_events(ticket_id, at);

    CREATE TABLE tickets_v4 (
      id TEXT PRIMARY KEY,
      ticket_no TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL CHECK (type IN ('consultation', 'claim_followup', 'complaint', 'onsite_support')),
      category TEXT NOT NULL,
      priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'pending_customer', 'resolved', 'closed')),
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      customer_id TEXT,
      conversation_id TEXT,
      owner_agent_id TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      -- Head office's version this row was based on (0: never synced).
      version INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO tickets_v4 SELECT id, ticket_no, type, category, priority, status, title, description, customer_id, conversation_id,
                                  owner_agent_id, created_at, updated_at, version FROM tickets;
    DROP TABLE tickets;
    ALTER TABLE tickets_v4 RENAME TO tickets;
    CREATE INDEX tickets_by_status ON tickets(status, updated_at DESC);
    CREATE INDEX tickets_by_updated ON tickets(updated_at DESC);
    CREATE INDEX tickets_by_customer ON tickets(customer_id);
  `,
};
