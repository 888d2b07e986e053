import type { ServerMigration } from '../migrate.js';

/**
 * Refusals kept with their reason, tombstones of deleted ids, and the
 * approved library (knowledge articles and team scripts) head office
 * publishes to every desk, keyed by code, synced in the 'library' scope.
 */
export const library: ServerMigration = {
  version: 4,
  name: 'refusals, deleted ids and the library',
  up: `
    CREATE TABLE library_items (
      kind TEXT NOT NULL CHECK (kind IN ('knowledge_article', 'team_script')),
      code TEXT NOT NULL,
      id UUID NOT NULL UNIQUE,
      data JSONB NOT NULL,
      version BIGINT NOT NULL,
      updated_by UUID REFERENCES accounts(id),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (kind, code)
    );
    -- A refused mutation's reason as the desk reads it, answered again when the mutation is resent.
    ALTER TABLE sync_mutations ADD COLUMN refusal JSONB;
    -- Ids of records head office deleted: a resent mutation that would bring one back is taken as done.
    CREATE TABLE deleted_records (
      id UUID PRIMARY KEY,
      deleted_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    ALTER TABLE sync_changes DROP CONSTRAINT sync_changes_entity_check;
    ALTER TABLE sync_changes ADD CONSTRAINT sync_changes_entity_check CHECK (entity IN ('ticket', 'ticket_event', 'knowledge_article', 'team_script'));
  `,
};
