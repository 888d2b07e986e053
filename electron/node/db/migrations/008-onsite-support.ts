import type { Migration } from '../migration.js';

/**
 * On-site support (shared/domain/onsite-support.ts): the other ticket of
 * the pair as head office sends it in SyncedTicket (its number, its
 * office's name, and whether this ticket was sent to it or requested by
 * it), so the agent sees the link; the other ticket itself lives in the
 * other office's scope and never reaches this cache.
 */
export const onsiteSupport: Migration = {
  version: 8,
  name: 'on-site support',
  up: `
    ALTER TABLE tickets ADD COLUMN linked_ticket_no TEXT;
    ALTER TABLE tickets ADD COLUMN linked_office_name TEXT;
    ALTER TABLE tickets ADD COLUMN linked_direction TEXT CHECK (linked_direction IN ('sent_to', 'requested_by'));
  `,
};
