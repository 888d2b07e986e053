/**
 * The audit log through head office: a lead's or an administrator's search,
 * the chain check and the CSV export. A lead sees only their own office's
 * entries; no filter widens that.
 */
import { z } from 'zod';
import { AUDIT_ACTIONS } from '../domain/audit-chain.js';
import { LATEST_INSTANT } from '../domain/working-calendar.js';

export const AuditActionName = z.enum(AUDIT_ACTIONS);

/** Most entries one page returns. */
export const MAX_AUDIT_PAGE = 200;
/** Most entries one export holds (newest first). */
export const MAX_AUDIT_EXPORT = 10_000;

/**
 * The earliest time a search may name: no entry is older, and the database
 * refuses some far-off years (0000) outright, which must be a 400, not a 500.
 */
export const EARLIEST_AUDIT_TIME = Date.UTC(2000, 0, 1);
/** The latest: the working calendar's limit (the year 2100). */
export const LATEST_AUDIT_TIME = LATEST_INSTANT;

const Instant = z.iso
  .datetime({ offset: true, error: 'an ISO 8601 instant such as 2026-03-01T00:00:00+08:00' })
  .refine((s) => {
    const at = Date.parse(s);
    return at >= EARLIEST_AUDIT_TIME && at <= LATEST_AUDIT_TIME;
  }, 'an instant from the year 2000 to 2100');
const Filter = (max: number) => z.string().trim().min(1).max(max).optional();

/** Query parameters of GET /api/audit and /api/audit/export (all optional; a missing one does not filter). */
export const AuditQuery = z
  .strictObject({
    action: AuditActionName.optional(),
    /** The actor's login, exactly (logins are lower-case). */
    actor: Filter(64).transform((s) => s?.toLowerCase()),
    /** A subject: its id, or a ticket's number (工单号) or a claim's number (报案号), exactly. */
    subject: Filter(100),
    /**
     * A customer's name, exactly: head office finds the customers of that
     * name the reader's office keeps and the entries about them (the
     * customer, their tickets and claims, entries naming them). The log
     * itself holds no names.
     */
    customer: Filter(50),
    /** Words anywhere in the entry's detail. */
    text: Filter(100),
    /** From this instant (inclusive) to that one (exclusive). */
    from: Instant.optional(),
    to: Instant.optional(),
    /** An administrator picks an office; a lead may name only their own. */
    officeId: z.string().uuid().optional(),
    /** The next page: entries before this seq. */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] });
export type AuditQuery = z.input<typeof AuditQuery>;

const Json: z.ZodType<unknown> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(Json), z.record(z.string(), Json)]));

export const AuditEntryView = z.strictObject({
  seq: z.number().int().positive(),
  /** ISO instant with milliseconds (UTC). */
  at: z.string(),
  officeId: z.string().uuid().nullable(),
  actorLogin: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  detail: z.record(z.string(), Json),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** What an id in the entries stands for, read when searched (never stored in the log). */
export const AuditName = z.strictObject({
  kind: z.enum(['office', 'account', 'ticket', 'claim', 'customer']),
  label: z.string(),
});
export type AuditName = z.infer<typeof AuditName>;

export const AuditPage = z.strictObject({
  entries: z.array(AuditEntryView),
  /** Names of the offices, accounts, tickets, claims and customers the entries name by id; an id missing here is internal. */
  names: z.record(z.string(), AuditName),
  /** Pass as `before` for older entries; null on the last page. */
  nextBefore: z.number().int().positive().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditChainStatus = z.strictObject({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  /** The first seq that is missing or does not match; null when the chain is intact. */
  brokenAt: z.number().int().positive().nullable(),
  /** The newest entries are gone: the table ends before the head recorded with each append. */
  truncated: z.boolean(),
  /** The newest entry as recorded with each append (kept outside the log); null before the first. */
  head: z.strictObject({ seq: z.number().int().positive(), hash: z.string() }).nullable(),
});
export type AuditChainStatus = z.infer<typeof AuditChainStatus>;
