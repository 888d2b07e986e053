import type { Migration } from '../migration.js';

/**
 * Conversations routed by head office. Conversations and messages are
 * rebuilt without foreign keys (a routed conversation names customers and
 * colleagues this desk may never have received). A conversation keeps its
 * cursor into head office's numbering (`remote_seq`: every message up to it
 * is here), so a desk catches up per conversation after any reconnect.
 * Messages keep the order this desk saw them in (`seq`), head office's
 * number (`remote_seq`), and for the agent's replies their way to the
 * customer (`state`: sending, sent, read, failed).
 */
export const liveConversations: Migration = {
  version: 5,
  name: 'live conversations',
  up: `
    CREATE TABLE messages_v5 (
      id TEXT PRIMARY KEY,
      conversation_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      -- 'system': head office's notices to the customer (a transfer, the end of the service).
      direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note', 'system')),
      kind TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'image', 'location')),
      body TEXT NOT NULL,
      author_agent_id TEXT,
      -- A colleague's name as head office gave it (colleagues are not all in this desk's directory).
      author_name TEXT,
      sent_at INTEGER NOT NULL,
      remote_seq INTEGER,
      state TEXT CHECK (state IN ('sending', 'sent', 'read', 'failed')),
      failure TEXT,
      image_id TEXT,
      location TEXT,
      -- Which notice of head office's a 'system' message is (shown in the agent's language), and the name in it.
      notice TEXT,
      notice_arg TEXT,
      UNIQUE (conversation_id, seq)
    );
    INSERT INTO messages_v5 (id, conversation_id, seq, direction, body, author_agent_id, sent_at)
      SELECT id, conversation_id, seq, direction, body, author_agent_id, sent_at FROM messages;
    DROP TABLE messages;
    ALTER TABLE messages_v5 RENAME TO messages;
    CREATE UNIQUE INDEX messages_by_remote_seq ON messages(conversation_id, remote_seq) WHERE remote_seq IS NOT NULL;

    CREATE TABLE conversations_v5 (
      id TEXT PRIMARY KEY,
      customer_id TEXT,
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
      call_outcome TEXT CHECK (call_outcome IN ('answered', 'callback', 'transferred', 'no_answer')),
      call_duration_seconds INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 0,
      -- Routed by head office (1), or only on this desk (0).
      remote INTEGER NOT NULL DEFAULT 0,
      remote_seq INTEGER NOT NULL DEFAULT 0,
      customer_read_seq INTEGER NOT NULL DEFAULT 0,
      skill_group TEXT,
      priority INTEGER NOT NULL DEFAULT 0,
      is_lead INTEGER NOT NULL DEFAULT 0,
      -- Why it left this desk's list: 'closed' (ended) or 'transferred' (now with a colleague or a queue).
      ended_reason TEXT,
      -- How the customer's latest message sounds ('angry', 'anxious'): the session is marked and soothing scripts offered.
      mood TEXT
    );
    INSERT INTO conversations_v5 (id, customer_id, customer_name, channel, status, subject, last_seq, last_message_at, last_message_preview, unread_count,
                                  awaiting_reply_since, first_response_at, draft, call_outcome, call_duration_seconds, created_at, updated_at, version)
      SELECT id, customer_id, customer_name, channel, status, subject, last_seq, last_message_at, last_message_preview, unread_count,
             awaiting_reply_since, first_response_at, draft, call_outcome, call_duration_seconds, created_at, updated_at, version FROM conversations;
    DROP TABLE conversations;
    ALTER TABLE conversations_v5 RENAME TO conversations;
    CREATE INDEX conversations_by_activity ON conversations(status, last_message_at DESC);
    CREATE INDEX conversations_open ON conversations(status, created_at);
  `,
};
