import type { ServerMigration } from '../migrate.js';

/**
 * Sync: a version counter per scope (office), every accepted change logged
 * under its scope's next version, and per-client mutation bookkeeping.
 * Tickets and their history are the first synced records.
 */
export const sync: ServerMigration = {
  version: 2,
  name: 'sync',
  up: `
    CREATE TABLE sync_scopes (
      scope TEXT PRIMARY KEY,
      version BIGINT NOT NULL DEFAULT 0
    );

    CREATE TABLE sync_changes (
      scope TEXT NOT NULL,
      version BIGINT NOT NULL,
      entity TEXT NOT NULL CHECK (entity IN ('ticket', 'ticket_event')),
      entity_id UUID NOT NULL,
      deleted BOOLEAN NOT NULL DEFAULT false,
      data JSONB,
      PRIMARY KEY (scope, version)
    );

    CREATE TABLE sync_clients (
      client_id UUID PRIMARY KEY,
      account_id UUID NOT NULL REFERENCES accounts(id),
      last_mutation_id BIGINT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );

    -- Every processed mutation, applied or refused, with the reason.
    CREATE TABLE sync_mutations (
      client_id UUID NOT NULL REFERENCES sync_clients(client_id),
      mutation_id BIGINT NOT NULL,
      name TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('applied', 'rejected')),
      reason TEXT,
      processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (client_id, mutation_id)
    );

    CREATE TABLE tickets (
      id UUID PRIMARY KEY,
      office_id UUID NOT NULL REFERENCES offices(id),
      ticket_no TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      category TEXT NOT NULL,
      priority TEXT NOT NULL,
      status TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      customer_id UUID,
      conversation_id UUID,
      owner_account_id UUID REFERENCES accounts(id),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      version BIGINT NOT NULL
    );

    CREATE TABLE ticket_events (
      id UUID PRIMARY KEY,
      ticket_id UUID NOT NULL REFERENCES tickets(id),
      kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'note')),
      from_value TEXT,
      to_value TEXT,
      note TEXT,
      account_id UUID REFERENCES accounts(id),
      client_at BIGINT,
      at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX ticket_events_by_ticket ON ticket_events(ticket_id, at);
  `,
};
