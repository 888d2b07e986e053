import type { ServerMigration } from '../migrate.js';

/**
 * On-site support (shared/domain/onsite-support.ts): the field office's
 * ticket names the online agent's ticket it serves. The two live in their
 * own offices' scopes; the link is how each shows the other's number and
 * how the field office's result finds its way back. At most one field
 * ticket per request, so a resent request cannot open a second.
 */
export const onsiteSupport: ServerMigration = {
  version: 11,
  name: 'on-site support',
  up: `
    ALTER TABLE tickets ADD COLUMN support_for_ticket_id UUID REFERENCES tickets(id) ON DELETE SET NULL;
    CREATE UNIQUE INDEX tickets_one_field_ticket ON tickets (support_for_ticket_id) WHERE support_for_ticket_id IS NOT NULL;
  `,
};
