import type { Migration } from '../migration.js';

/**
 * Ticket service levels (shared/domain/ticket-sla.ts), as head office sends
 * them in SyncedTicket: a complaint's level and where it was escalated to,
 * the deadline with the moment its clock started and the office hours it
 * was counted in (JSON), the next step (事不过夜) and the customer's
 * satisfaction from the call back (回访). The agent's own changes fill them
 * at once from the same rules until head office's copy arrives. History
 * gains the kinds level, owner, next_step and satisfaction (rebuilt: SQLite
 * cannot change a CHECK in place).
 */
export const ticketSla: Migration = {
  version: 6,
  name: 'ticket SLA',
  up: `
    ALTER TABLE tickets ADD COLUMN complaint_level INTEGER CHECK (complaint_level BETWEEN 1 AND 3);
    ALTER TABLE tickets ADD COLUMN escalated_to TEXT;
    ALTER TABLE tickets ADD COLUMN sla_started_at INTEGER;
    ALTER TABLE tickets ADD COLUMN sla_due_at INTEGER;
    ALTER TABLE tickets ADD COLUMN sla_hours TEXT;
    ALTER TABLE tickets ADD COLUMN next_step TEXT;
    ALTER TABLE tickets ADD COLUMN next_step_due_at INTEGER;
    ALTER TABLE tickets ADD COLUMN next_step_set_at INTEGER;
    ALTER TABLE tickets ADD COLUMN satisfaction TEXT;
    ALTER TABLE tickets ADD COLUMN satisfaction_note TEXT;
    CREATE INDEX tickets_by_sla_due ON tickets(sla_due_at) WHERE status NOT IN ('resolved', 'closed');

    CREATE TABLE ticket_events_v6 (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'note', 'edit', 'level', 'owner', 'next_step', 'satisfaction')),
      field TEXT,
      from_value TEXT,
      to_value TEXT,
      note TEXT,
      agent_id TEXT,
      at INTEGER NOT NULL
    );
    INSERT INTO ticket_events_v6 SELECT id, ticket_id, kind, field, from_value, to_value, note, agent_id, at FROM ticket_events;
    DROP TABLE ticket_events;
    ALTER TABLE ticket_events_v6 RENAME TO ticket_events;
    CREATE INDEX ticket_events_by_ticket ON ticket_events(ticket_id, at);
  `,
};
