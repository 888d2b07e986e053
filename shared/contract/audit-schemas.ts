/**
 * The desk's calls for the lead's audit log view (审计日志): search, the
 * chain check, and the CSV export. Times are ms since the epoch on the desk;
 * the desk service turns them into the instants head office takes.
 */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../domain/audit-chain.js';
import { AuditChainStatus, AuditEntryView, AuditName, AuditPage, EARLIEST_AUDIT_TIME, LATEST_AUDIT_TIME, MAX_AUDIT_PAGE } from '../head-office/audit.js';

/** Ms since the epoch, in the range head office searches (2000 to 2100). */
const At = z.number().int().min(EARLIEST_AUDIT_TIME).max(LATEST_AUDIT_TIME);
const Filter = (max: number) => z.string().trim().max(max).optional();

/**
 * Named for the audit log, not after head office's query parameters: an
 * issue on any of them is shown with its own label on the desk (`to` or
 * `action` mean other things in other calls).
 */
const filterShape = {
  auditAction: z.enum(AUDIT_ACTIONS).optional(),
  /** The actor's login. */
  actorLogin: Filter(64),
  /** A customer's, ticket's or claim's id, or a ticket number (工单号) or claim number (报案号). */
  subjectId: Filter(100),
  /** A customer's name (resolved at head office to the office's customers of that name). */
  customerName: Filter(50),
  /** Words in the entry's detail. */
  text: Filter(100),
  /** From this time (inclusive) to that one (exclusive). */
  since: At.optional(),
  until: At.optional(),
};

const sinceBeforeUntil = (f: { since?: number; until?: number }) => f.since === undefined || f.until === undefined || f.since < f.until;
const SINCE_BEFORE_UNTIL = { message: 'since must be before until', path: ['until'] };

export const AuditFilters = z.strictObject(filterShape).refine(sinceBeforeUntil, SINCE_BEFORE_UNTIL);

/** Flat, so every field an issue names has its own label on the desk. */
export const AuditSearchInput = z
  .strictObject({
    ...filterShape,
    /** Older entries: before this seq (from the previous page's nextBefore). */
    beforeEntry: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(MAX_AUDIT_PAGE).optional(),
  })
  .refine(sinceBeforeUntil, SINCE_BEFORE_UNTIL);

export const AuditExport = z.strictObject({
  fileName: z.string(),
  /** The CSV text (UTF-8, with a byte-order mark for spreadsheet programs). */
  csv: z.string(),
});

export { AuditChainStatus, AuditEntryView, AuditName, AuditPage };
