import type { ServerMigration } from '../migrate.js';

/**
 * Claim reports (报案) and their stages. A claim is reported from a
 * conversation with a linked customer and belongs to the reporting agent's
 * office. Each stage's notification to the customer is recorded once per
 * stage (UNIQUE): a retried request or two agents clicking together send it
 * once. Report numbers come from a per-day counter here at head office, so
 * they are unique across offices.
 */
export const claims: ServerMigration = {
  version: 7,
  name: 'claims',
  up: `
    CREATE TABLE claim_number_days (
      day DATE PRIMARY KEY,
      last_seq INTEGER NOT NULL
    );

    CREATE TABLE claims (
      id UUID PRIMARY KEY,
      claim_no TEXT NOT NULL UNIQUE,
      customer_id UUID NOT NULL REFERENCES customers(id),
      policy_id UUID NOT NULL REFERENCES policies(id),
      vehicle_id UUID REFERENCES vehicles(id),
      conversation_id UUID NOT NULL REFERENCES conversations(id),
      office_id UUID NOT NULL REFERENCES offices(id),
      type TEXT NOT NULL CHECK (type IN ('traffic', 'natural_disaster', 'theft')),
      stage TEXT NOT NULL CHECK (stage IN ('reported', 'surveying', 'materials', 'settled')),
      accident_at TIMESTAMPTZ NOT NULL,
      place TEXT NOT NULL,
      -- [{ role, name?, plate?, phone?, note? }]: the vehicles and people involved.
      parties JSONB NOT NULL DEFAULT '[]',
      account TEXT NOT NULL,
      damage TEXT NOT NULL,
      reported_at TIMESTAMPTZ NOT NULL,
      -- Reported more than 48 hours after the accident: the late-report handling applies.
      late BOOLEAN NOT NULL,
      expected_from DATE NOT NULL,
      expected_to DATE NOT NULL,
      -- The holiday calendar of a year in the expected range was not published when it was counted.
      expected_provisional BOOLEAN NOT NULL DEFAULT false,
      payout_yuan NUMERIC(12, 2),
      created_by UUID NOT NULL REFERENCES accounts(id),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CHECK (expected_to >= expected_from)
    );
    CREATE INDEX claims_by_customer ON claims (customer_id, reported_at DESC);
    CREATE INDEX claims_by_office ON claims (office_id);

    CREATE TABLE claim_events (
      id BIGSERIAL PRIMARY KEY,
      claim_id UUID NOT NULL REFERENCES claims(id),
      kind TEXT NOT NULL CHECK (kind IN ('reported', 'stage', 'material_request', 'materials_received', 'fraud_referral')),
      from_stage TEXT,
      to_stage TEXT,
      detail JSONB NOT NULL DEFAULT '{}',
      by_account_id UUID REFERENCES accounts(id),
      at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX claim_events_by_claim ON claim_events (claim_id, id);

    CREATE TABLE claim_notifications (
      claim_id UUID NOT NULL REFERENCES claims(id),
      stage TEXT NOT NULL,
      message_id UUID NOT NULL REFERENCES conversation_messages(id),
      -- 'conversation': shown in the claim's conversation; 'sms': the conversation had ended, so also sent by SMS.
      via TEXT NOT NULL CHECK (via IN ('conversation', 'sms')),
      sent_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      UNIQUE (claim_id, stage)
    );

    -- 资料不全: materials asked for, due 24 hours after the request is sent.
    CREATE TABLE claim_material_requests (
      id UUID PRIMARY KEY,
      claim_id UUID NOT NULL REFERENCES claims(id),
      materials JSONB NOT NULL,
      message_id UUID NOT NULL REFERENCES conversation_messages(id),
      sent_at TIMESTAMPTZ NOT NULL,
      due_at TIMESTAMPTZ NOT NULL,
      received_at TIMESTAMPTZ,
      received_by UUID REFERENCES accounts(id),
      created_by UUID NOT NULL REFERENCES accounts(id),
      CHECK (due_at > sent_at)
    );
    CREATE INDEX claim_material_requests_by_claim ON claim_material_requests (claim_id, sent_at);

    -- One referral to the anti-fraud team per claim.
    CREATE TABLE claim_fraud_referrals (
      claim_id UUID PRIMARY KEY REFERENCES claims(id),
      ticket_id UUID NOT NULL REFERENCES tickets(id),
      signals JSONB NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      by_account_id UUID NOT NULL REFERENCES accounts(id),
      at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
  `,
};
