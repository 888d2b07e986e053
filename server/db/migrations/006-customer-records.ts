import type { ServerMigration } from '../migrate.js';

/**
 * The company's customer records behind the insurance workflows: who the
 * customer is (ID number, city, segment, the office that keeps the record),
 * their vehicles, their policies with coverages, each policy's changes
 * (批改, read as a fraud signal), and the identity check (身份核实) an agent
 * runs per conversation before anything unmasked is shown: the steps
 * passed, wrong answers counted per customer (three lock the check for a
 * while), and the one-time SMS code, kept only as a salted hash.
 */
export const customerRecords: ServerMigration = {
  version: 6,
  name: 'customer records and identity check',
  up: `
    ALTER TABLE customers ADD COLUMN id_number TEXT;
    ALTER TABLE customers ADD COLUMN city TEXT;
    ALTER TABLE customers ADD COLUMN segment TEXT NOT NULL DEFAULT 'standard' CHECK (segment IN ('standard', 'high_value'));
    ALTER TABLE customers ADD COLUMN office_id UUID REFERENCES offices(id);
    ALTER TABLE customers ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
    CREATE INDEX customers_by_office ON customers (office_id);

    CREATE TABLE vehicles (
      id UUID PRIMARY KEY,
      customer_id UUID NOT NULL REFERENCES customers(id),
      plate TEXT NOT NULL,
      model TEXT NOT NULL,
      first_registered_on DATE,
      -- The new-car price, read by the cross-sell rules (a luxury car is offered the VIP roadside service).
      price_yuan INTEGER CHECK (price_yuan IS NULL OR price_yuan >= 0),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX vehicles_by_customer ON vehicles (customer_id);

    CREATE TABLE policies (
      id UUID PRIMARY KEY,
      customer_id UUID NOT NULL REFERENCES customers(id),
      vehicle_id UUID REFERENCES vehicles(id),
      policy_no TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('compulsory', 'commercial')),
      -- [{ "code": "third_party", "limitYuan": 1000000 }, …]; codes in shared/domain/coverages.ts.
      coverages JSONB NOT NULL DEFAULT '[]',
      starts_on DATE NOT NULL,
      expires_on DATE NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'expired', 'cancelled')),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CHECK (expires_on > starts_on)
    );
    CREATE INDEX policies_by_customer ON policies (customer_id);
    CREATE INDEX policies_by_expiry ON policies (expires_on);

    -- 批改: each change to a policy after it was issued.
    CREATE TABLE policy_changes (
      id UUID PRIMARY KEY,
      policy_id UUID NOT NULL REFERENCES policies(id),
      changed_at TIMESTAMPTZ NOT NULL,
      what TEXT NOT NULL
    );
    CREATE INDEX policy_changes_by_policy ON policy_changes (policy_id, changed_at);

    -- One identity check per conversation and customer: which steps passed, and until when the customer counts as verified.
    -- agent_id is the agent working this round: a verification is theirs alone (after a transfer the new agent checks again).
    CREATE TABLE identity_verifications (
      conversation_id UUID NOT NULL REFERENCES conversations(id),
      customer_id UUID NOT NULL REFERENCES customers(id),
      agent_id UUID REFERENCES accounts(id),
      policy_passed_at TIMESTAMPTZ,
      id_last4_passed_at TIMESTAMPTZ,
      sms_code_passed_at TIMESTAMPTZ,
      verified_at TIMESTAMPTZ,
      expires_at TIMESTAMPTZ,
      verified_by UUID REFERENCES accounts(id),
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, customer_id),
      CHECK ((verified_at IS NULL) = (expires_at IS NULL))
    );

    -- Wrong answers per customer, whatever the conversation or the step: the third locks the check until locked_until.
    CREATE TABLE verification_failures (
      customer_id UUID PRIMARY KEY REFERENCES customers(id),
      failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
      last_failed_at TIMESTAMPTZ,
      locked_until TIMESTAMPTZ
    );

    -- The one code in force per conversation and customer (a new one replaces it). Only a salted hash is kept.
    CREATE TABLE verification_codes (
      conversation_id UUID NOT NULL REFERENCES conversations(id),
      customer_id UUID NOT NULL REFERENCES customers(id),
      code_hash TEXT NOT NULL,
      sent_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      expires_at TIMESTAMPTZ NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      -- Codes sent in this round of the check (resending is limited; a new round after expiry or a transfer starts at 0).
      sends INTEGER NOT NULL DEFAULT 1,
      used_at TIMESTAMPTZ,
      PRIMARY KEY (conversation_id, customer_id)
    );

    -- Every code that reached the SMS gateway, per customer: a customer receives only so many an hour, whatever the conversation.
    CREATE TABLE verification_code_sends (
      id UUID PRIMARY KEY,
      customer_id UUID NOT NULL REFERENCES customers(id),
      conversation_id UUID NOT NULL REFERENCES conversations(id),
      sent_at TIMESTAMPTZ NOT NULL
    );
    CREATE INDEX verification_code_sends_by_customer ON verification_code_sends (customer_id, sent_at);
  `,
};
