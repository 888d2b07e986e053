import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountView } from '../../shared/head-office/auth.js';
import { AuditQuery, MAX_AUDIT_EXPORT, type AuditEntryView, type AuditPage } from '../../shared/head-office/audit.js';
import type { Caller } from '../auth/auth-service.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { parseBody } from '../http/parse.js';
import { auditNames } from './audit-names.js';
import { appendAudit, AUDIT_COLUMNS, auditEntryFromRow, verifyAuditChain, type AuditRow } from './audit-log.js';

type Query = ReturnType<typeof AuditQuery.parse>;

/** Leads and administrators read the log; a lead only their own office's entries. */
function mustReadAudit(account: AccountView): void {
  if (account.role !== 'lead' && account.role !== 'admin') throw new HttpError('FORBIDDEN', 'only team leads and administrators may read the audit log');
}

/** The office the reader may see: a lead's own (asking for another is refused, not widened), an administrator's choice or all. */
function scopeOf(account: AccountView, q: Query): string | null {
  if (account.role === 'admin') return q.officeId ?? null;
  if (q.officeId && q.officeId !== account.officeId) throw new HttpError('OUTSIDE_OFFICE', "a team lead reads only their own office's audit entries");
  if (!account.officeId) throw new HttpError('FORBIDDEN', 'this account belongs to no office');
  return account.officeId;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The customers a name filter stands for: those of that name the reader's
 * office keeps (every office's for an administrator reading all). Read-only.
 */
async function customersNamed(db: SqlExecutor, office: string | null, name: string | undefined): Promise<string[] | null> {
  if (!name) return null;
  const rows = await db.query<{ id: string }>('SELECT id::text AS id FROM customers WHERE name = $1 AND ($2::uuid IS NULL OR office_id = $2::uuid) ORDER BY id', [name, office]);
  return rows.map((r) => r.id);
}

/** The WHERE clause: the reader's office first, then the filters, which can only narrow it. */
function where(office: string | null, q: Query, customerIds: string[] | null, params: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (office) add((p) => `office_id = ${p}::uuid`, office);
  if (q.action) add((p) => `action = ${p}`, q.action);
  if (q.actor) add((p) => `actor_login = ${p}`, q.actor);
  // A subject by id, or a ticket or claim by its number (工单号, 报案号): the number resolved here, read-only.
  if (q.subject)
    add(
      (p) =>
        `(subject_id = ${p} OR (subject_type = 'ticket' AND subject_id IN (SELECT id::text FROM tickets WHERE ticket_no = upper(${p})))` +
        ` OR (subject_type = 'claim' AND subject_id IN (SELECT id::text FROM claims WHERE claim_no = upper(${p}))))`,
      q.subject,
    );
  // Entries about the customers of that name: the customer, their tickets and claims, entries naming them in detail.
  if (customerIds)
    add(
      (p) =>
        `(subject_id = ANY(${p}::text[]) OR detail->>'customerId' = ANY(${p}::text[])` +
        ` OR (subject_type = 'ticket' AND subject_id IN (SELECT id::text FROM tickets WHERE customer_id::text = ANY(${p}::text[])))` +
        ` OR (subject_type = 'claim' AND subject_id IN (SELECT id::text FROM claims WHERE customer_id::text = ANY(${p}::text[]))))`,
      customerIds,
    );
  if (q.text) add((p) => `detail::text ILIKE ${p}`, `%${likeEscape(q.text)}%`);
  if (q.from) add((p) => `at >= ${p}::timestamptz`, q.from);
  if (q.to) add((p) => `at < ${p}::timestamptz`, q.to);
  if (q.before) add((p) => `audit_log.seq < ${p}`, q.before);
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

async function findEntries(db: SqlExecutor, office: string | null, q: Query, customerIds: string[] | null, limit: number): Promise<AuditEntryView[]> {
  const params: unknown[] = [];
  const clause = where(office, q, customerIds, params);
  params.push(limit);
  const rows = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ${clause} ORDER BY audit_log.seq DESC LIMIT $${params.length}`, params);
  return rows.map((r) => {
    const e = auditEntryFromRow(r);
    return { seq: e.seq, at: e.at, officeId: e.officeId, actorLogin: e.actorLogin, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, detail: e.detail };
  });
}

/**
 * The filters as recorded in the reader's own entry (only those given). A
 * customer's name is recorded as the customers it found, never as the
 * name: the log is append-only, and a name in it could never be removed.
 */
const filtersOf = (q: Query, customerIds: string[] | null) => {
  const { customer: _name, ...rest } = q;
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return customerIds ? { ...given, customerIds } : given;
};

const CSV_COLUMNS = ['seq', 'at', 'office_id', 'actor_login', 'action', 'subject_type', 'subject_id', 'detail'] as const;

/** One CSV cell: quoted, and text a spreadsheet would run as a formula starts with an apostrophe. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function toCsv(entries: AuditEntryView[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push([String(e.seq), e.at, e.officeId ?? '', e.actorLogin ?? '', e.action, e.subjectType, e.subjectId, JSON.stringify(e.detail)].map(csvCell).join(','));
  }
  // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A lead's or an administrator's search, newest first, with the names of
 * what the entries name by id; the search itself goes on the record.
 */
export async function searchAuditLog(db: SqlClient, account: AccountView, query: unknown): Promise<AuditPage> {
  mustReadAudit(account);
  const q = parseBody(AuditQuery, query);
  const office = scopeOf(account, q);
  const limit = q.limit ?? 50;
  return db.transaction(async (tx) => {
    const customerIds = await customersNamed(tx, office, q.customer);
    const found = await findEntries(tx, office, q, customerIds, limit + 1);
    const entries = found.slice(0, limit);
    const names = await auditNames(tx, entries, office);
    // Reading who saw personal data is itself on the record.
    await appendAudit(tx, {
      officeId: account.officeId,
      actor: { id: account.id, login: account.login },
      action: 'audit.search',
      subjectType: 'audit_log',
      subjectId: office ?? 'all',
      detail: { filters: filtersOf(q, customerIds), found: Math.min(found.length, limit) },
    });
    return { entries, names, nextBefore: found.length > limit ? entries.at(-1)!.seq : null };
  });
}

/** GET /api/audit (search, newest first), /api/audit/verify (the chain), /api/audit/export (CSV, itself audited). */
export function registerAuditRoutes(app: FastifyInstance, db: SqlClient, caller: (req: FastifyRequest) => Promise<Caller>): void {
  const reader = async (req: FastifyRequest) => {
    const { account } = await caller(req);
    mustReadAudit(account);
    const q = parseBody(AuditQuery, req.query ?? {});
    return { account, q, office: scopeOf(account, q) };
  };
  const actorOf = (account: AccountView) => ({ id: account.id, login: account.login });

  app.get('/api/audit', async (req): Promise<AuditPage> => {
    const { account } = await caller(req);
    return searchAuditLog(db, account, req.query ?? {});
  });

  app.get('/api/audit/verify', async (req) => {
    const { account } = await caller(req);
    mustReadAudit(account);
    return verifyAuditChain(db);
  });

  app.get('/api/audit/export', async (req, reply) => {
    const { account, q, office } = await reader(req);
    const entries = await db.transaction(async (tx) => {
      const customerIds = await customersNamed(tx, office, q.customer);
      const found = await findEntries(tx, office, q, customerIds, q.limit ?? MAX_AUDIT_EXPORT);
      await appendAudit(tx, {
        officeId: account.officeId,
        actor: actorOf(account),
        action: 'audit.export',
        subjectType: 'audit_log',
        subjectId: office ?? 'all',
        detail: { filters: filtersOf(q, customerIds), rows: found.length, newestSeq: found[0]?.seq ?? null, oldestSeq: found.at(-1)?.seq ?? null },
      });
      return found;
    });
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-log-${stamp}.csv"`)
      .header('x-content-type-options', 'nosniff')
      .send(toCsv(entries));
  });
}
