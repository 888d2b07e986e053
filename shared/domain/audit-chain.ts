/**
 * The audit log (审计日志): every view of unmasked personal data, every
 * verification attempt, every export and every change of a ticket's owner or
 * level is one entry, chained to the one before it by a hash. Editing,
 * removing or reordering an entry breaks the chain from that entry on, so
 * tampering shows when the chain is checked.
 *
 * Pure: the hash function (SHA-256, hex) is passed in by the process that
 * has one, so the rule is the same at head office and in tests.
 */

/** What an entry records. Each workflow adds the actions it writes. */
export const AUDIT_ACTIONS = [
  'verification.attempt',
  'verification.code_sent',
  'verification.locked',
  'verification.code_refused',
  'verification.code_failed',
  'customer.record',
  'pii.reveal',
  'policy.view',
  'customer.link',
  'audit.export',
  'audit.search',
  'ticket.owner',
  'ticket.level',
  'ticket.delete',
  'claim.fraud_referral',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditDetail = { readonly [key: string]: AuditJson };
export type AuditJson = string | number | boolean | null | readonly AuditJson[] | { readonly [key: string]: AuditJson };

/** An entry's content: everything the hash covers. */
export interface AuditEntryContent {
  seq: number;
  /** ISO 8601 in UTC with milliseconds (2026-03-01T08:00:00.000Z): stored and hashed as the same instant. */
  at: string;
  officeId: string | null;
  actorId: string | null;
  actorLogin: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: AuditDetail;
}

/** An entry as stored: its content, the hash of the entry before it, and its own hash. */
export interface AuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export type Sha256Hex = (text: string) => string;

/** A JSON value with the keys of every object sorted, so the same content always gives the same text. */
function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('audit detail numbers must be finite');
      return JSON.stringify(value);
    case 'object': {
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`audit detail cannot hold a ${typeof value}`);
  }
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Fixed field order; `at` must already be the millisecond ISO form. */
export function canonicalEntryText(entry: AuditEntryContent): string {
  if (!ISO_MS.test(entry.at)) throw new TypeError(`audit time must be an ISO instant with milliseconds, got ${entry.at}`);
  if (!Number.isSafeInteger(entry.seq) || entry.seq < 1) throw new TypeError(`audit seq must be a positive integer, got ${entry.seq}`);
  return canonicalJson([
    entry.seq,
    entry.at,
    entry.officeId,
    entry.actorId,
    entry.actorLogin,
    entry.action,
    entry.subjectType,
    entry.subjectId,
    entry.detail,
  ]);
}

export function entryHash(prevHash: string, entry: AuditEntryContent, sha256: Sha256Hex): string {
  return sha256(`${prevHash}\n${canonicalEntryText(entry)}`);
}

/** Where a check stopped: the seq and hash the next entry must follow. */
export interface ChainPosition {
  lastSeq: number;
  lastHash: string;
}

export const CHAIN_START: ChainPosition = { lastSeq: 0, lastHash: GENESIS_HASH };

export interface ChainCheck {
  /** Entries checked and found sound (up to the break). */
  checked: number;
  /** The first seq that is missing, out of place, or whose content or link does not match; null when sound. */
  brokenAt: number | null;
  /** Where to continue with the next page when sound. */
  position: ChainPosition;
}

/**
 * Checks entries in seq order, continuing from `from` (the start of the
 * chain by default, or the end of the previous page). An edited entry
 * breaks at itself; a removed entry at its seq (the next one does not
 * follow); entries swapped at the first of them.
 */
export function verifyChain(entries: Iterable<AuditEntry>, sha256: Sha256Hex, from: ChainPosition = CHAIN_START): ChainCheck {
  let { lastSeq, lastHash } = from;
  let checked = 0;
  for (const e of entries) {
    const expectedSeq = lastSeq + 1;
    if (e.seq !== expectedSeq || e.prevHash !== lastHash) return { checked, brokenAt: expectedSeq, position: { lastSeq, lastHash } };
    let recomputed: string;
    try {
      recomputed = entryHash(e.prevHash, e, sha256);
    } catch {
      return { checked, brokenAt: expectedSeq, position: { lastSeq, lastHash } };
    }
    if (recomputed !== e.hash) return { checked, brokenAt: expectedSeq, position: { lastSeq, lastHash } };
    lastSeq = e.seq;
    lastHash = e.hash;
    checked += 1;
  }
  return { checked, brokenAt: null, position: { lastSeq, lastHash } };
}
