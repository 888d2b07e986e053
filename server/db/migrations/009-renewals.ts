import type { ServerMigration } from '../migrate.js';

/**
 * Renewal reminder tasks (续保): one per policy and step (30, 15 and 7 days
 * before expiry, 3 days after), made ahead by head office and worked by the
 * agents of the customer's office. A call back moves the task's date and
 * keeps it open; renewed or declined finishes it and closes the policy's
 * other steps.
 */
export const renewals: ServerMigration = {
  version: 9,
  name: 'renewal tasks',
  up: `
    CREATE TABLE renewal_tasks (
      id UUID PRIMARY KEY,
      policy_id UUID NOT NULL REFERENCES policies(id),
      customer_id UUID NOT NULL REFERENCES customers(id),
      -- The customer's office when the task was made; NULL: head office's own customers (administrators work them).
      office_id UUID REFERENCES offices(id),
      step TEXT NOT NULL CHECK (step IN ('first_reminder', 'detailed_plan', 'renewal_link', 'lapsed_follow_up')),
      due_on DATE NOT NULL,
      assignee_id UUID REFERENCES accounts(id),
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'closed')),
      outcome TEXT CHECK (outcome IN ('renewed', 'declined', 'callback')),
      decline_reason TEXT,
      decline_detail TEXT,
      callback_on DATE,
      note TEXT,
      done_by UUID REFERENCES accounts(id),
      done_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      UNIQUE (policy_id, step),
      CHECK ((outcome = 'declined') = (decline_reason IS NOT NULL)),
      CHECK (status <> 'done' OR (done_by IS NOT NULL AND done_at IS NOT NULL))
    );
    CREATE INDEX renewal_tasks_by_office ON renewal_tasks (office_id, status, due_on);
  `,
};
