import { randomUUID } from 'node:crypto';
import type { AccountView, Role } from '../../shared/head-office/auth.js';
import type { SkillGroup } from '../../shared/domain/routing.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { toAccountView, type AccountRow, type Caller } from '../auth/auth-service.js';
import type { SqlClient } from '../db/sql-client.js';
import { isUniqueViolation } from '../db/retry.js';
import { HttpError } from '../http/http-error.js';

const requireAdmin = (caller: Caller) => {
  if (caller.account.role !== 'admin') throw new HttpError('FORBIDDEN', 'only an administrator may manage accounts');
};


/** Offices and accounts. Only administrators change them; nobody changes their own role. */
export function createAccountService(db: SqlClient) {
  const officeExists = async (officeId: string | null) =>
    officeId === null || (await db.query('SELECT 1 FROM offices WHERE id = $1', [officeId])).length > 0;

  const create = async (input: { login: string; displayName: string; role: Role; officeId: string | null; password: string }): Promise<AccountView> => {
    if (input.password.length < MIN_PASSWORD_LENGTH) throw new HttpError('BAD_REQUEST', `passwords have at least ${MIN_PASSWORD_LENGTH} characters`);
    if (input.role !== 'admin' && input.officeId === null) throw new HttpError('BAD_REQUEST', 'agents and leads belong to an office');
    if (!(await officeExists(input.officeId))) throw new HttpError('NOT_FOUND', 'no such office');
    try {
      const [row] = await db.query<AccountRow>(
        `INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [randomUUID(), input.login.toLowerCase(), input.displayName, input.role, input.officeId, await hashPassword(input.password)],
      );
      return toAccountView(row!);
    } catch (err) {
      if (isUniqueViolation(err)) throw new HttpError('CONFLICT', 'that login is taken');
      throw err;
    }
  };

  return {
    /** For the setup command, which runs on the server machine itself. */
    async createFirstAdmin(input: { login: string; displayName: string; password: string }, force = false): Promise<AccountView> {
      const admins = await db.query(`SELECT 1 FROM accounts WHERE role = 'admin' AND NOT disabled LIMIT 1`);
      if (admins.length > 0 && !force) throw new HttpError('CONFLICT', 'an administrator exists already; sign in as them to add accounts (or pass --force)');
      return create({ ...input, role: 'admin', officeId: null });
    },

    async createOffice(caller: Caller, input: { code: string; name: string }) {
      requireAdmin(caller);
      try {
        const [row] = await db.query<{ id: string; code: string; name: string }>('INSERT INTO offices (id, code, name) VALUES ($1, $2, $3) RETURNING id, code, name', [
          randomUUID(),
          input.code,
          input.name,
        ]);
        return row!;
      } catch (err) {
        if (isUniqueViolation(err)) throw new HttpError('CONFLICT', 'that office code is taken');
        throw err;
      }
    },

    async createAccount(caller: Caller, input: { login: string; displayName: string; role: Role; officeId: string | null; password: string }) {
      requireAdmin(caller);
      return create(input);
    },

    async updateAccount(
      caller: Caller,
      accountId: string,
      patch: { role?: Role | undefined; officeId?: string | null | undefined; disabled?: boolean | undefined; skills?: SkillGroup[] | undefined; maxConversations?: number | undefined },
    ) {
      requireAdmin(caller);
      if (accountId === caller.account.id) throw new HttpError('FORBIDDEN', 'administrators cannot change their own account');
      const [current] = await db.query<AccountRow>('SELECT * FROM accounts WHERE id = $1', [accountId]);
      if (!current) throw new HttpError('NOT_FOUND', 'no such account');
      const next = { role: patch.role ?? current.role, officeId: patch.officeId === undefined ? current.office_id : patch.officeId, disabled: patch.disabled ?? current.disabled };
      if (next.role !== 'admin' && next.officeId === null) throw new HttpError('BAD_REQUEST', 'agents and leads belong to an office');
      if (!(await officeExists(next.officeId))) throw new HttpError('NOT_FOUND', 'no such office');
      const [row] = await db.query<AccountRow>(
        `UPDATE accounts SET role = $2, office_id = $3, disabled = $4, skills = coalesce($5, skills), max_conversations = coalesce($6, max_conversations)
          WHERE id = $1 RETURNING *`,
        [accountId, next.role, next.officeId, next.disabled, patch.skills ? [...new Set(patch.skills)] : null, patch.maxConversations ?? null],
      );
      return toAccountView(row!);
    },

    async listAccounts(caller: Caller) {
      requireAdmin(caller);
      return (await db.query<AccountRow>('SELECT * FROM accounts ORDER BY login')).map(toAccountView);
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
