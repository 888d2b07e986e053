import { createHash } from 'node:crypto';
import {
  CHAIN_START,
  entryHash,
  isAuditAction,
  verifyChain,
  type AuditDetail,
  type AuditEntry,
  type ChainPosition,
} from '../../shared/domain/audit-chain.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';

/** The audit chain's writers queue on this lock (routing uses 72_001, migrations 7311). */
const AUDIT_CHAIN_LOCK = 72_010;
/** Where each append records the newest entry (server_settings), so removing the newest entries shows. */
const AUDIT_HEAD_KEY = 'audit_head';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface AuditActor {
  id: string;
  login: string;
}

export interface AuditRecord {
  /** The office whose data this is about (a lead sees their office's entries); null for head office's own. */
  officeId: string | null;
  /** Null when head office acts by itself (a timer, a channel). */
  actor: AuditActor | null;
  /** One of AUDIT_ACTIONS in shared/domain/audit-chain.ts. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** Plain JSON; never a full identifier (ID number, phone): masked values or none. */
  detail?: Record<string, unknown>;
}

/** Reads a stored row the same way for the chain, whichever driver returned it. */
export const AUDIT_COLUMNS = `seq::text AS seq,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
  office_id::text AS office_id, actor_id::text AS actor_id, actor_login, action, subject_type, subject_id,
  detail, prev_hash, hash`;

export interface AuditRow {
  seq: string;
  at: string;
  office_id: string | null;
  actor_id: string | null;
  actor_login: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

export function auditEntryFromRow(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    officeId: row.office_id,
    actorId: row.actor_id,
    actorLogin: row.actor_login,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    // node-postgres and PGlite both parse JSONB; text if a driver did not.
    detail: (typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail) as AuditDetail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Appends one entry to the audit log inside the caller's transaction, so
 * the entry exists exactly when what it records does. Writers queue on one
 * lock until their transaction ends: the chain stays one line. Call it as
 * the transaction's last write, so the lock is held briefly and never
 * waited on while this transaction holds rows another audited one needs.
 */
export async function appendAudit(tx: SqlExecutor | SqlClient, record: AuditRecord): Promise<AuditEntry> {
  // Given the whole client rather than a transaction, the chain lock would end with the statement: take one.
  if ('transaction' in tx) return tx.transaction((t) => appendAudit(t, record));
  if (!isAuditAction(record.action)) throw new Error(`unknown audit action ${record.action}: add it to AUDIT_ACTIONS`);
  // Through JSON once: the detail hashed is exactly the one stored (undefined dropped, dates as text).
  const detail = JSON.parse(JSON.stringify(record.detail ?? {})) as AuditDetail;
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) throw new Error('audit detail must be an object');
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [row] = await tx.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1');
  const head = await readAuditHead(tx);
  // Follow the recorded head when the table ends before it: the removed entries then stay a visible gap instead of being written over.
  const last = head && (!row || head.seq > Number(row.seq)) ? head : row ? { seq: Number(row.seq), hash: row.hash } : null;
  // Read after the lock: the entry's time never goes back along the chain.
  const [clock] = await tx.query<{ at: string }>(
    `SELECT to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at`,
  );
  const content = {
    seq: last ? last.seq + 1 : 1,
    at: clock!.at,
    officeId: record.officeId,
    actorId: record.actor?.id ?? null,
    actorLogin: record.actor?.login ?? null,
    action: record.action,
    subjectType: record.subjectType,
    subjectId: record.subjectId,
    detail,
  };
  const prevHash = last?.hash ?? CHAIN_START.lastHash;
  const hash = entryHash(prevHash, content, sha256Hex);
  await tx.query(
    `INSERT INTO audit_log (seq, at, office_id, actor_id, actor_login, action, subject_type, subject_id, detail, prev_hash, hash)
     VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11)`,
    [content.seq, content.at, content.officeId, content.actorId, content.actorLogin, content.action, content.subjectType, content.subjectId, JSON.stringify(detail), prevHash, hash],
  );
  // The head, kept outside the table: the chain alone cannot show its newest entries removed.
  await tx.query(`INSERT INTO server_settings (key, value) VALUES ('${AUDIT_HEAD_KEY}', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
    `${content.seq}:${hash}`,
  ]);
  return { ...content, prevHash, hash };
}

export interface AuditHead {
  seq: number;
  hash: string;
}

/** The newest entry as recorded by the last append; null before the first one. */
export async function readAuditHead(db: SqlExecutor): Promise<AuditHead | null> {
  const [row] = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = '${AUDIT_HEAD_KEY}'`);
  const m = row ? /^(\d+):([0-9a-f]{64})$/.exec(row.value) : null;
  if (row && !m) throw new Error('the recorded audit head is not seq:hash');
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

export interface AuditChainStatus {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  /** Entries up to the recorded head are missing: the newest ones were removed. */
  truncated: boolean;
  /** The newest entry as recorded by the last append (null before the first). */
  head: AuditHead | null;
}

/**
 * Checks the whole chain page by page, so a long log is never held in
 * memory at once, then against the recorded head. The head is read first:
 * entries appended while the check runs come after it and are checked as
 * chain, never taken for a removal.
 */
export async function verifyAuditChain(db: SqlExecutor, pageSize = 1000): Promise<AuditChainStatus> {
  const head = await readAuditHead(db);
  let position: ChainPosition = CHAIN_START;
  let checked = 0;
  let hashAtHead: string | null = null;
  for (;;) {
    const rows = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE audit_log.seq > $1 ORDER BY audit_log.seq LIMIT $2`, [position.lastSeq, pageSize]);
    const entries = rows.map(auditEntryFromRow);
    const result = verifyChain(entries, sha256Hex, position);
    checked += result.checked;
    if (result.brokenAt !== null) return { ok: false, checked, brokenAt: result.brokenAt, truncated: false, head };
    hashAtHead ??= entries.find((e) => e.seq === head?.seq)?.hash ?? null;
    position = result.position;
    if (rows.length < pageSize) break;
  }
  if (head && position.lastSeq < head.seq) return { ok: false, checked, brokenAt: null, truncated: true, head };
  // The entry at the head replaced by another that chains well: it is not the one appended.
  if (head && hashAtHead !== head.hash) return { ok: false, checked, brokenAt: head.seq, truncated: false, head };
  return { ok: true, checked, brokenAt: null, truncated: false, head };
}
