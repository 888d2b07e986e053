import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AccountView, Role, SessionTokens } from '../../shared/head-office/auth.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { checkAccessToken, issueAccessToken } from './access-token.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password.js';

export interface AuthSettings {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Failed sign-ins allowed per login, and per remote address, in the window. */
  maxFailuresPerLogin: number;
  maxFailuresPerRemote: number;
  failureWindowSeconds: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  accessTtlSeconds: 15 * 60,
  refreshTtlSeconds: 30 * 24 * 3600,
  maxFailuresPerLogin: 5,
  maxFailuresPerRemote: 30,
  failureWindowSeconds: 15 * 60,
};

export interface AccountRow {
  id: string;
  login: string;
  display_name: string;
  role: Role;
  office_id: string | null;
  password_hash: string;
  disabled: boolean;
}

export const toAccountView = (r: AccountRow): AccountView => ({ id: r.id, login: r.login, displayName: r.display_name, role: r.role, officeId: r.office_id });

/** The signed-in caller of a request, read fresh from the database. */
export interface Caller {
  account: AccountView;
  /** The sign-in session (refresh-token family) the token belongs to. */
  sessionId: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function signingKey(db: SqlClient): Promise<Buffer> {
  await db.query(`INSERT INTO server_settings (key, value) VALUES ('access_token_key', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64')]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'access_token_key'`);
  return Buffer.from(row!.value, 'base64');
}

export async function createAuthService(db: SqlClient, settings: AuthSettings = DEFAULT_AUTH_SETTINGS) {
  const key = await signingKey(db);

  const issue = async (tx: SqlExecutor, account: AccountRow, familyId: string): Promise<SessionTokens> => {
    const refreshToken = randomBytes(32).toString('base64url');
    await tx.query(
      `INSERT INTO refresh_tokens (id, family_id, account_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [randomUUID(), familyId, account.id, sha256(refreshToken), settings.refreshTtlSeconds],
    );
    return {
      accessToken: issueAccessToken(key, { sub: account.id, role: account.role, office: account.office_id, sid: familyId }, settings.accessTtlSeconds),
      expiresIn: settings.accessTtlSeconds,
      refreshToken,
      account: toAccountView(account),
    };
  };

  const recentFailures = async (where: string, params: unknown[]) => {
    const [row] = await db.query<{ n: string; oldest: Date | null }>(
      `SELECT count(*) AS n, min(at) AS oldest FROM login_failures WHERE ${where} AND at > now() - make_interval(secs => $${params.length + 1})`,
      [...params, settings.failureWindowSeconds],
    );
    return { count: Number(row!.n), oldest: row!.oldest };
  };

  return {
    /**
     * Every attempt is written down before the password is checked, and
     * counted after: parallel guesses all see each other, so the limit
     * holds. Limits are per login and address (nobody can lock a colleague
     * out from elsewhere) and per address; a success clears only its own.
     */
    async login(login: string, password: string, remote: string): Promise<SessionTokens> {
      const name = login.toLowerCase();
      await db.query('DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1)', [settings.failureWindowSeconds]);
      const [attempt] = await db.query<{ id: string }>('INSERT INTO login_failures (login, remote) VALUES ($1, $2) RETURNING id', [name, remote]);
      const byPair = await recentFailures('login = $1 AND remote = $2', [name, remote]);
      const byRemote = await recentFailures('remote = $1', [remote]);
      if (byPair.count > settings.maxFailuresPerLogin || byRemote.count > settings.maxFailuresPerRemote) {
        const oldest = (byPair.count > settings.maxFailuresPerLogin ? byPair.oldest : byRemote.oldest) ?? new Date();
        const retry = Math.max(1, Math.ceil((oldest.getTime() + settings.failureWindowSeconds * 1000 - Date.now()) / 1000));
        throw new HttpError('RATE_LIMITED', 'too many failed sign-ins; try again later', undefined, retry);
      }
      const [account] = await db.query<AccountRow>('SELECT * FROM accounts WHERE login = $1', [name]);
      // Spend the same time whether or not the login exists.
      const ok = await verifyPassword(password, account?.password_hash ?? (await DUMMY_HASH_PROMISE));
      if (!account || !ok || account.disabled) throw new HttpError('UNAUTHENTICATED', 'wrong login or password');
      return db.transaction(async (tx) => {
        await tx.query('DELETE FROM login_failures WHERE (login = $1 AND remote = $2) OR id = $3', [name, remote, attempt!.id]);
        return issue(tx, account, randomUUID());
      });
    },

    /** Rotate a refresh token. A token used twice means it leaked: its family is revoked. */
    async refresh(refreshToken: string): Promise<SessionTokens> {
      const outcome = await db.transaction(async (tx): Promise<SessionTokens | { reused: string } | null> => {
        const [row] = await tx.query<{ id: string; family_id: string; account_id: string; expired: boolean; used_at: Date | null; revoked_at: Date | null }>(
          `SELECT id, family_id, account_id, expires_at <= now() AS expired, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
          [sha256(refreshToken)],
        );
        if (!row || row.revoked_at || row.expired) return null;
        if (row.used_at) return { reused: row.family_id };
        const [account] = await tx.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [row.account_id]);
        if (!account || account.disabled) return null;
        await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [row.id]);
        return issue(tx, account, row.family_id);
      });
      if (outcome && 'reused' in outcome) {
        // Committed on its own: the refusal below must not roll the revocation back.
        await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [outcome.reused]);
      }
      if (!outcome || 'reused' in outcome) throw new HttpError('UNAUTHENTICATED', 'sign in again');
      return outcome;
    },

    async logout(refreshToken: string): Promise<void> {
      await db.query(
        `UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
        [sha256(refreshToken)],
      );
    },

    /**
     * Check the bearer token, then read the account: a role or office
     * changed since the token was issued applies at once, and a disabled
     * account is refused.
     */
    async authenticate(authorization: string | undefined): Promise<Caller> {
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      if (!token) throw new HttpError('UNAUTHENTICATED', 'sign in first');
      const check = checkAccessToken(key, token);
      if (!check.ok) throw new HttpError(check.reason === 'expired' ? 'TOKEN_EXPIRED' : 'UNAUTHENTICATED', check.reason === 'expired' ? 'session expired; refresh it' : 'invalid token');
      // The session must still be live: sign-out or a detected token theft ends it at once.
      const [account] = await db.query<AccountRow>(
        `SELECT a.* FROM accounts a
          WHERE a.id = $1 AND NOT a.disabled
            AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.account_id = a.id AND r.revoked_at IS NULL)`,
        [check.claims.sub, check.claims.sid],
      );
      if (!account) throw new HttpError('UNAUTHENTICATED', 'session ended; sign in again');
      return { account: toAccountView(account), sessionId: check.claims.sid };
    },

    /** Of these sessions, the ones still live (not signed out or revoked, their account not disabled). */
    async liveSessions(sessionIds: string[]): Promise<Set<string>> {
      if (sessionIds.length === 0) return new Set();
      const rows = await db.query<{ family_id: string }>(
        `SELECT DISTINCT r.family_id FROM refresh_tokens r JOIN accounts a ON a.id = r.account_id
          WHERE r.family_id = ANY($1::uuid[]) AND r.revoked_at IS NULL AND NOT a.disabled`,
        [sessionIds],
      );
      return new Set(rows.map((r) => r.family_id));
    },
  };
}

export type AuthService = Awaited<ReturnType<typeof createAuthService>>;
