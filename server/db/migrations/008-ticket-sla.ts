import type { ServerMigration } from '../migrate.js';

/**
 * Ticket service levels (shared/domain/ticket-sla.ts): a complaint's level
 * and where it was escalated to, the deadline stored whenever it is set
 * again (created, level changed, reopened) with the moment its clock
 * started and the office hours it was counted in, the next step (事不过夜),
 * and the customer's satisfaction from the call back (回访). Offices get
 * their working hours (null: the default day, see DEFAULT_OFFICE_HOURS).
 * The overnight flag is not stored: every reader computes it from the next
 * step and the office's hours (overnightFlaggedAt), so no job has to run
 * at each office's closing time for desks to see it.
 */
export const ticketSla: ServerMigration = {
  version: 8,
  name: 'ticket SLA',
  up: `
    ALTER TABLE offices ADD COLUMN working_hours JSONB;

    ALTER TABLE tickets ADD COLUMN complaint_level SMALLINT CHECK (complaint_level BETWEEN 1 AND 3);
    ALTER TABLE tickets ADD COLUMN escalated_to TEXT CHECK (escalated_to IN ('complaint_team', 'management'));
    ALTER TABLE tickets ADD COLUMN sla_started_at TIMESTAMPTZ;
    ALTER TABLE tickets ADD COLUMN sla_due_at TIMESTAMPTZ;
    ALTER TABLE tickets ADD COLUMN sla_hours JSONB;
    ALTER TABLE tickets ADD COLUMN next_step TEXT;
    ALTER TABLE tickets ADD COLUMN next_step_due_at TIMESTAMPTZ;
    ALTER TABLE tickets ADD COLUMN next_step_set_at TIMESTAMPTZ;
    ALTER TABLE tickets ADD COLUMN satisfaction TEXT CHECK (satisfaction IN ('satisfied', 'neutral', 'dissatisfied'));
    ALTER TABLE tickets ADD COLUMN satisfaction_note TEXT;
    CREATE INDEX tickets_running_sla ON tickets (office_id, sla_due_at) WHERE status NOT IN ('resolved', 'closed');

    ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
    ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check
      CHECK (kind IN ('created', 'status', 'note', 'edit', 'level', 'owner', 'next_step', 'satisfaction'));
  `,
};
