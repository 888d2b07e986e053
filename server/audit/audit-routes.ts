import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountView } from '../../shared/head-office/auth.js';
import { AuditQuery, MAX_AUDIT_EXPORT, type AuditEntryView, type AuditPage } from '../../shared/head-office/audit.js';
import type { Caller } from '../auth/auth-service.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { parseBody } from '../http/parse.js';
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

/** The WHERE clause: the reader's office first, then the filters, which can only narrow it. */
function where(office: string | null, q: Query, params: unknown[]): string {
  const parts: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (office) add((p) => `office_id = ${p}::uuid`, office);
  if (q.action) add((p) => `action = ${p}`, q.action);
  if (q.actor) add((p) => `actor_login = ${p}`, q.actor);
  if (q.subject) add((p) => `subject_id = ${p}`, q.subject);
  if (q.text) add((p) => `detail::text ILIKE ${p}`, `%${likeEscape(q.text)}%`);
  if (q.from) add((p) => `at >= ${p}::timestamptz`, q.from);
  if (q.to) add((p) => `at < ${p}::timestamptz`, q.to);
  if (q.before) add((p) => `audit_log.seq < ${p}`, q.before);
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

async function findEntries(db: SqlExecutor, office: string | null, q: Query, limit: number): Promise<AuditEntryView[]> {
  const params: unknown[] = [];
  const clause = where(office, q, params);
  params.push(limit);
  const rows = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ${clause} ORDER BY audit_log.seq DESC LIMIT $${params.length}`, params);
  return rows.map((r) => {
    const e = auditEntryFromRow(r);
    return { seq: e.seq, at: e.at, officeId: e.officeId, actorLogin: e.actorLogin, action: e.action, subjectType: e.subjectType, subjectId: e.subjectId, detail: e.detail };
  });
}

/** The filters as recorded in the reader's own entry (only those given). */
const filtersOf = (q: Query) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));

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
    const { account, q, office } = await reader(req);
    const limit = q.limit ?? 50;
    return db.transaction(async (tx) => {
      const found = await findEntries(tx, office, q, limit + 1);
      // Reading who saw personal data is itself on the record.
      await appendAudit(tx, { officeId: account.officeId, actor: actorOf(account), action: 'audit.search', subjectType: 'audit_log', subjectId: office ?? 'all', detail: { filters: filtersOf(q), found: Math.min(found.length, limit) } });
      const entries = found.slice(0, limit);
      return { entries, nextBefore: found.length > limit ? entries.at(-1)!.seq : null };
    });
  });

  app.get('/api/audit/verify', async (req) => {
    const { account } = await caller(req);
    mustReadAudit(account);
    return verifyAuditChain(db);
  });

  app.get('/api/audit/export', async (req, reply) => {
    const { account, q, office } = await reader(req);
    const entries = await db.transaction(async (tx) => {
      const found = await findEntries(tx, office, q, q.limit ?? MAX_AUDIT_EXPORT);
      await appendAudit(tx, {
        officeId: account.officeId,
        actor: actorOf(account),
        action: 'audit.export',
        subjectType: 'audit_log',
        subjectId: office ?? 'all',
        detail: { filters: filtersOf(q), rows: found.length, newestSeq: found[0]?.seq ?? null, oldestSeq: found.at(-1)?.seq ?? null },
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
