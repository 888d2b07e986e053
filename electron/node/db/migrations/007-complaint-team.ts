import type { Migration } from '../migration.js';

/**
 * Who of the office is in the complaint team (投诉组), as head office last
 * named them on a ticket (SyncedTicket owner, history author): the desk
 * applies the complaint team's rules (shared/domain/ticket-sla.ts) to its
 * own changes at once. A colleague not listed is not known here; head
 * office, which holds the skills, decides for them.
 */
export const complaintTeam: Migration = {
  version: 7,
  name: 'complaint team',
  up: `
    CREATE TABLE complaint_team (
      agent_id TEXT PRIMARY KEY,
      in_team INTEGER NOT NULL CHECK (in_team IN (0, 1))
    );
  `,
};
