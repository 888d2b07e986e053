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
    -- Changes logged before this version hold head office's raw rows; desks read one shape.
    UPDATE sync_changes c SET data = jsonb_build_object(
        'id', c.data->>'id', 'ticketNo', c.data->>'ticket_no', 'type', c.data->>'type', 'category', c.data->>'category',
        'priority', c.data->>'priority', 'status', c.data->>'status', 'title', c.data->>'title', 'description', coalesce(c.data->>'description', ''),
        'customerId', c.data->'customer_id', 'conversationId', c.data->'conversation_id',
        'owner', (SELECT jsonb_build_object('id', a.id, 'login', a.login, 'displayName', a.display_name) FROM accounts a WHERE a.id::text = c.data->>'owner_account_id'),
        'createdAt', (extract(epoch FROM (c.data->>'created_at')::timestamptz) * 1000)::bigint,
        'updatedAt', (extract(epoch FROM (c.data->>'updated_at')::timestamptz) * 1000)::bigint)
      WHERE c.entity = 'ticket' AND NOT c.deleted AND c.data ? 'ticket_no';
    UPDATE sync_changes c SET data = jsonb_build_object(
        'id', c.data->>'id', 'ticketId', c.data->>'ticket_id', 'kind', c.data->>'kind', 'field', NULL,
        'fromValue', c.data->'from_value', 'toValue', c.data->'to_value', 'note', c.data->'note',
        'author', (SELECT jsonb_build_object('id', a.id, 'login', a.login, 'displayName', a.display_name) FROM accounts a WHERE a.id::text = c.data->>'account_id'),
        'at', (extract(epoch FROM (c.data->>'at')::timestamptz) * 1000)::bigint)
      WHERE c.entity = 'ticket_event' AND NOT c.deleted AND c.data ? 'ticket_id';
  `,
};
