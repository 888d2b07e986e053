import type { ServerMigration } from '../migrate.js';

/**
 * Each scope keeps a checksum of its live records next to its version, so
 * a desk can tell it has drifted; ticket history gains field edits and
 * keeps its own version. Scopes that already exist get their checksum
 * computed on the next start (see repairChecksums): SQL cannot compute the
 * hash desks use.
 */
export const syncChecksums: ServerMigration = {
  version: 3,
  name: 'sync checksums and field edits',
  up: `
    ALTER TABLE sync_scopes ADD COLUMN checksum BIGINT DEFAULT 0;
    UPDATE sync_scopes SET checksum = NULL;
    ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
    ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check CHECK (kind IN ('created', 'status', 'note', 'edit'));
    ALTER TABLE ticket_events ADD COLUMN field TEXT;
    ALTER TABLE ticket_events ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
    UPDATE ticket_events e SET version = c.version FROM sync_changes c WHERE c.entity = 'ticket_event' AND c.entity_id = e.id;
  `,
};
