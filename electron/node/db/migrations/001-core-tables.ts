import type { Migration } from '../migration.js';

/** The local cache: what an agent works on, plus the outbox of local writes. */
export const coreTables: Migration = {
  version: 1,
  name: 'core tables',
  up: `
    CREATE TABLE agents (
      id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('agent', 'lead')),
      created_at INTEGER NOT NULL
    );

    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      phone TEXT NOT NULL DEFAULT '',
      id_number TEXT NOT NULL DEFAULT '',
      city TEXT NOT NULL DEFAULT '',
      segment TEXT NOT NULL DEFAULT 'standard',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE vehicles (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      plate TEXT NOT NULL,
      model TEXT NOT NULL,
      first_registered_on TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX vehicles_by_customer ON vehicles(customer_id);

    CREATE TABLE policies (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers(id),
      vehicle_id TEXT REFERENCES vehicles(id),
      policy_no TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('compulsory', 'commercial')),
      coverages TEXT NOT NULL DEFAULT '[]',
      starts_on TEXT NOT NULL,
      expires_on TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('active', 'expired', 'cancelled')),
      version INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX policies_by_customer ON policies(customer_id);

    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      customer_id TEXT REFERENCES customers(id),
      customer_name TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('app', 'wechat', 'weibo', 'sms', 'webchat', 'phone')),
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      subject TEXT NOT NULL DEFAULT '',
      last_seq INTEGER NOT NULL DEFAULT 0,
      last_message_at INTEGER,
      last_message_preview TEXT NOT NULL DEFAULT '',
      unread_count INTEGER NOT NULL DEFAULT 0,
      awaiting_reply_since INTEGER,
      first_response_at INTEGER,
      draft TEXT NOT NULL DEFAULT '',
      -- Phone calls (channel 'phone') are logged by the agent after the call.
      call_outcome TEXT CHECK (call_outcome IN ('answered', 'callback', 'transferred', 'no_answer')),
      call_duration_seconds INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX conversations_by_activity ON conversations(status, last_message_at DESC);

    CREATE TABLE messages (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL REFERENCES conversations(id),
      seq INTEGER NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note')),
      body TEXT NOT NULL,
      author_agent_id TEXT REFERENCES agents(id),
      sent_at INTEGER NOT NULL,
      UNIQUE (conversation_id, seq)
    );

    CREATE TABLE tickets (
      id TEXT PRIMARY KEY,
      ticket_no TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL CHECK (type IN ('consultation', 'claim_followup', 'complaint', 'onsite_support')),
      category TEXT NOT NULL,
      priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'pending_customer', 'resolved', 'closed')),
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      customer_id TEXT REFERENCES customers(id),
      conversation_id TEXT REFERENCES conversations(id),
      owner_agent_id TEXT REFERENCES agents(id),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX tickets_by_status ON tickets(status, updated_at DESC);
    CREATE INDEX tickets_by_updated ON tickets(updated_at DESC);

    CREATE TABLE ticket_events (
      id TEXT PRIMARY KEY,
      ticket_id TEXT NOT NULL REFERENCES tickets(id),
      kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'note')),
      from_value TEXT,
      to_value TEXT,
      note TEXT,
      agent_id TEXT REFERENCES agents(id),
      at INTEGER NOT NULL
    );
    CREATE INDEX ticket_events_by_ticket ON ticket_events(ticket_id, at);

    CREATE TABLE scripts (
      id TEXT PRIMARY KEY,
      code TEXT UNIQUE,
      scope TEXT NOT NULL CHECK (scope IN ('team', 'personal')),
      owner_agent_id TEXT REFERENCES agents(id),
      stage TEXT NOT NULL,
      title_zh TEXT NOT NULL,
      title_en TEXT NOT NULL,
      body_zh TEXT NOT NULL,
      body_en TEXT NOT NULL,
      shortcut TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 0,
      CHECK ((scope = 'personal') = (owner_agent_id IS NOT NULL))
    );

    CREATE TABLE knowledge_articles (
      id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      topic TEXT NOT NULL,
      title_zh TEXT NOT NULL,
      title_en TEXT NOT NULL,
      body_zh TEXT NOT NULL,
      body_en TEXT NOT NULL,
      keywords TEXT NOT NULL DEFAULT '[]',
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 0
    );

    -- Every local write appends here in the same transaction; head-office
    -- sync drains it in order of mutation_id.
    CREATE TABLE outbox (
      mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      args TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
