import type { ServerMigration } from '../migrate.js';

/**
 * Live conversations: channel identities (who wrote from where, linked to a
 * customer record or still a lead), conversations routed to agents by
 * skill group, their messages numbered per conversation, receipts that make
 * a channel's retried delivery a no-op, replies waiting for a channel's
 * gateway, pictures, and agents' routing status and limits.
 */
export const conversations: ServerMigration = {
  version: 5,
  name: 'live conversations',
  up: `
    ALTER TABLE accounts ADD COLUMN skills TEXT[] NOT NULL DEFAULT '{new_business,renewal,claims,complaints}';
    ALTER TABLE accounts ADD COLUMN max_conversations INTEGER NOT NULL DEFAULT 5 CHECK (max_conversations BETWEEN 0 AND 50);

    CREATE TABLE agent_presence (
      account_id UUID PRIMARY KEY REFERENCES accounts(id),
      status TEXT NOT NULL CHECK (status IN ('online', 'busy', 'away', 'offline')),
      -- A desk of the agent holds a live socket until then (renewed while it stays open).
      live_until TIMESTAMPTZ,
      last_assigned_at TIMESTAMPTZ,
      changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );

    -- The company's customer records (issue-5 workflows add vehicles and policies).
    CREATE TABLE customers (
      id UUID PRIMARY KEY,
      name TEXT NOT NULL,
      phone TEXT NOT NULL UNIQUE,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );

    -- Someone writing from a channel: a web chat visitor, a WeChat openid, a mobile number.
    CREATE TABLE channel_identities (
      id UUID PRIMARY KEY,
      channel TEXT NOT NULL,
      external_id TEXT NOT NULL,
      display_name TEXT NOT NULL,
      -- Null while the person is a lead (潜在客户) nobody has linked to a customer record.
      customer_id UUID REFERENCES customers(id),
      last_agent_id UUID REFERENCES accounts(id),
      -- A web chat visitor's proof (SHA-256 of the secret their page keeps): the visitor id alone opens nothing.
      secret_hash TEXT,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      UNIQUE (channel, external_id)
    );

    CREATE TABLE conversations (
      id UUID PRIMARY KEY,
      channel TEXT NOT NULL,
      identity_id UUID REFERENCES channel_identities(id),
      customer_id UUID REFERENCES customers(id),
      customer_name TEXT NOT NULL,
      skill_group TEXT NOT NULL,
      priority INTEGER NOT NULL DEFAULT 0,
      state TEXT NOT NULL CHECK (state IN ('waiting', 'assigned', 'closed')),
      assignee_id UUID REFERENCES accounts(id),
      last_seq INTEGER NOT NULL DEFAULT 0,
      customer_read_seq INTEGER NOT NULL DEFAULT 0,
      agent_read_seq INTEGER NOT NULL DEFAULT 0,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      queued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      assigned_at TIMESTAMPTZ,
      first_response_at TIMESTAMPTZ,
      awaiting_reply_since TIMESTAMPTZ,
      last_message_at TIMESTAMPTZ,
      last_message_preview TEXT NOT NULL DEFAULT '',
      closed_at TIMESTAMPTZ,
      call_outcome TEXT,
      call_duration_seconds INTEGER,
      rating SMALLINT CHECK (rating BETWEEN 1 AND 5),
      rating_comment TEXT,
      rated_at TIMESTAMPTZ,
      CHECK ((state = 'assigned') = (assignee_id IS NOT NULL) OR state = 'closed')
    );
    CREATE INDEX conversations_waiting ON conversations (priority DESC, queued_at) WHERE state = 'waiting';
    CREATE INDEX conversations_by_assignee ON conversations (assignee_id) WHERE state = 'assigned';
    CREATE INDEX conversations_by_identity ON conversations (identity_id, created_at DESC);
    -- One conversation at a time per person and channel: the next message joins it.
    CREATE UNIQUE INDEX conversations_one_open ON conversations (identity_id) WHERE state <> 'closed';

    CREATE TABLE conversation_messages (
      id UUID PRIMARY KEY,
      conversation_id UUID NOT NULL REFERENCES conversations(id),
      seq INTEGER NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note', 'system')),
      kind TEXT NOT NULL CHECK (kind IN ('text', 'image', 'location')),
      body TEXT NOT NULL,
      image_id UUID,
      location JSONB,
      -- For head office's notices to the customer: which one (the page says it in the customer's language) and its name.
      notice TEXT CHECK (notice IN ('closed', 'transferred')),
      notice_arg TEXT,
      author_id UUID REFERENCES accounts(id),
      at TIMESTAMPTZ NOT NULL DEFAULT now(),
      UNIQUE (conversation_id, seq)
    );

    -- A channel's message id, once: a retried delivery finds its receipt and writes nothing.
    CREATE TABLE channel_receipts (
      channel TEXT NOT NULL,
      external_message_id TEXT NOT NULL,
      message_id UUID NOT NULL REFERENCES conversation_messages(id),
      PRIMARY KEY (channel, external_message_id)
    );

    CREATE TABLE conversation_events (
      id BIGSERIAL PRIMARY KEY,
      conversation_id UUID NOT NULL REFERENCES conversations(id),
      kind TEXT NOT NULL CHECK (kind IN ('queued', 'assigned', 'transferred', 'closed', 'rated', 'linked', 'wording_confirmed')),
      from_account_id UUID REFERENCES accounts(id),
      to_account_id UUID REFERENCES accounts(id),
      to_group TEXT,
      note TEXT,
      by_account_id UUID REFERENCES accounts(id),
      -- Routing decisions keep how long they took (the lead's queue and the benchmark read it).
      decision_ms REAL,
      at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX conversation_events_by_conversation ON conversation_events (conversation_id, id);

    CREATE TABLE conversation_images (
      id UUID PRIMARY KEY,
      conversation_id UUID NOT NULL REFERENCES conversations(id),
      mime TEXT NOT NULL,
      bytes BYTEA NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );

    -- Replies (and notices) for channels reached through a gateway (SMS, APP, WeChat, Weibo), sent by an adapter.
    CREATE TABLE channel_outbound (
      id BIGSERIAL PRIMARY KEY,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      message_id UUID NOT NULL UNIQUE REFERENCES conversation_messages(id),
      body TEXT NOT NULL,
      -- 'sending' while an adapter has it (claimed_at); one claimed long ago was lost with its instance and is tried again.
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      claimed_at TIMESTAMPTZ,
      -- Who holds the claim: a sender whose claim was taken over (it took too long) records nothing.
      claim_id UUID,
      last_error TEXT,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      sent_at TIMESTAMPTZ
    );
    CREATE INDEX channel_outbound_due ON channel_outbound (next_attempt_at) WHERE state IN ('pending', 'sending');

    -- Each webhook channel's signing secret (set by an administrator; shown once).
    CREATE TABLE channel_secrets (
      channel TEXT PRIMARY KEY,
      secret TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
  `,
};
