import type { AuditEntryView, AuditName } from '../../shared/head-office/audit.js';
import type { SqlExecutor } from '../db/sql-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function collectIds(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) collectIds(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collectIds(v, into);
  }
}

/**
 * What the ids in a page of entries stand for, read now (never stored in
 * the log): offices and accounts by name, tickets and claims by number,
 * customers by name for those the reader's office keeps (`office` null: an
 * administrator reading every office). An id not named here (a deleted
 * ticket, a customer no office keeps) is shown by the desk as it is.
 */
export async function auditNames(db: SqlExecutor, entries: AuditEntryView[], office: string | null): Promise<Record<string, AuditName>> {
  const found = new Set<string>();
  for (const e of entries) {
    collectIds(e.officeId, found);
    collectIds(e.subjectId, found);
    collectIds(e.detail, found);
  }
  if (found.size === 0) return {};
  const ids = [...found];
  const rows = await db.query<{ id: string; kind: AuditName['kind']; label: string }>(
    `SELECT id::text AS id, 'office' AS kind, name AS label FROM offices WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id::text, 'account', display_name || ' (' || login || ')' FROM accounts WHERE id = ANY($1::uuid[])
     UNION ALL SELECT id::text, 'ticket', ticket_no FROM tickets WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR office_id = $2::uuid)
     UNION ALL SELECT id::text, 'claim', claim_no FROM claims WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR office_id = $2::uuid)
     UNION ALL SELECT id::text, 'customer', name FROM customers WHERE id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR office_id = $2::uuid)`,
    [ids, office],
  );
  return Object.fromEntries(rows.map((r) => [r.id, { kind: r.kind, label: r.label }]));
}
