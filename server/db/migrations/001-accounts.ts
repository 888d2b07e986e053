import type { ServerMigration } from '../migrate.js';

/** Offices (网点/班组), accounts with roles, sessions, sign-in attempts. */
export const accounts: ServerMigration = {
  version: 1,
  name: 'accounts',
  up: `
    CREATE TABLE offices (
      id UUID PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );

    CREATE TABLE accounts (
      id UUID PRIMARY KEY,
      -- Stored lower-case, so ROOT and root can never be two accounts.
      login TEXT NOT NULL UNIQUE CHECK (login = lower(login)),
      display_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
      office_id UUID REFERENCES offices(id),
      password_hash TEXT NOT NULL,
      disabled BOOLEAN NOT NULL DEFAULT false,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      CHECK (role = 'admin' OR office_id IS NOT NULL)
    );

    -- Refresh tokens are stored only as hashes; a rotated token used again
    -- revokes its whole family (someone copied it).
    CREATE TABLE refresh_tokens (
      id UUID PRIMARY KEY,
      family_id UUID NOT NULL,
      account_id UUID NOT NULL REFERENCES accounts(id),
      token_hash TEXT NOT NULL UNIQUE,
      expires_at TIMESTAMPTZ NOT NULL,
      used_at TIMESTAMPTZ,
      revoked_at TIMESTAMPTZ,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);

    -- Sign-in attempts not (yet) known to have succeeded, per login and address.
    CREATE TABLE login_failures (
      id BIGSERIAL PRIMARY KEY,
      login TEXT NOT NULL,
      remote TEXT NOT NULL,
      at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX login_failures_by_pair ON login_failures(login, remote, at);
    CREATE INDEX login_failures_by_remote ON login_failures(remote, at);
    CREATE INDEX login_failures_by_age ON login_failures(at);

    -- Settings every instance must share (the token signing key).
    CREATE TABLE server_settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
