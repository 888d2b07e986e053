import type { ServerMigration } from '../migrate.js';

/**
 * The audit log (审计日志): append-only, each entry chained to the one
 * before by a hash (shared/domain/audit-chain.ts). The database itself
 * refuses to change or remove an entry, so only someone who can switch the
 * trigger off (the database owner) could, and the chain would then show it.
 * Entries are written only through server/audit/audit-log.ts appendAudit.
 */
export const auditLog: ServerMigration = {
  version: 10,
  name: 'audit log',
  up: `
    CREATE TABLE audit_log (
      seq BIGINT PRIMARY KEY CHECK (seq > 0),
      -- Whole milliseconds: the instant hashed is exactly the one stored.
      at TIMESTAMPTZ NOT NULL,
      -- The office whose data the entry is about (a lead sees their own office's entries); null for head office's own.
      office_id UUID,
      actor_id UUID,
      actor_login TEXT,
      action TEXT NOT NULL,
      subject_type TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      detail JSONB NOT NULL DEFAULT '{}',
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    );
    CREATE INDEX audit_log_by_office ON audit_log (office_id, seq DESC);
    CREATE INDEX audit_log_by_action ON audit_log (action, seq DESC);
    CREATE INDEX audit_log_by_actor ON audit_log (actor_login, seq DESC);
    CREATE INDEX audit_log_by_subject ON audit_log (subject_id, seq DESC);
    CREATE INDEX audit_log_by_time ON audit_log (at);

    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END;
    $$;
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  `,
};
