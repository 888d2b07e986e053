import type { ServerMigration } from '../migrate.js';

/**
 * Each scope keeps a checksum of its live records next to its version, so
 * a desk can tell it has drifted; ticket history gains field edits.
 */
export const syncChecksums: ServerMigration = {
  version: 3,
  name: 'sync checksums and field edits',
  up: `
    ALTER TABLE sync_scopes ADD COLUMN checksum BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
    ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check CHECK (kind IN ('created', 'status', 'note', 'edit'));
    ALTER TABLE ticket_events ADD COLUMN field TEXT;
    ALTER TABLE ticket_events ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
  `,
};
