/**
 * Sync protocol between a workstation and head office: named mutations
 * pushed from the outbox, changes pulled per scope after a cursor.
 */
import { z } from 'zod';
import { TICKET_NUMBER_PATTERN } from '../domain/ids.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../domain/ticket-status.js';
import { COMPLAINT_HANDLERS, SATISFACTION_RATINGS } from '../domain/ticket-sla.js';
import { LATEST_INSTANT, OfficeHours } from '../domain/working-calendar.js';
import { optionalText, visibleText } from '../contract/text.js';

const Id = z.string().uuid();
/** An instant (ms since the epoch), capped: a time past LATEST_INSTANT is a typo or an attack, and formatting one fails. */
const At = z.number().int().nonnegative().max(LATEST_INSTANT);
const Version = z.number().int().nonnegative();
const fieldChange = <T extends z.ZodType>(value: T) => z.strictObject({ from: value, to: value });
/** A complaint's level (投诉分级), 1–3 (shared/domain/ticket-sla.ts). */
export const ComplaintLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const SatisfactionRating = z.enum(SATISFACTION_RATINGS);

/** What each named mutation carries (the ids of every row it creates, and the desk's time). */
export const MutationArgs = {
  'ticket.create': z.strictObject({
    id: Id,
    eventId: Id,
    ticketNo: z.string().regex(TICKET_NUMBER_PATTERN),
    type: z.enum(TICKET_TYPES),
    category: visibleText(40),
    priority: z.enum(TICKET_PRIORITIES),
    title: visibleText(120),
    description: z.string().max(4000),
    conversationId: Id.nullable(),
    customerId: Id.nullable(),
    /** A complaint's level; a complaint without one is taken as level 1. Only complaints have one. */
    complaintLevel: ComplaintLevel.optional(),
    /** On-site support only: the field office asked to visit (onsite-support.ts); head office opens its ticket there. */
    fieldOfficeId: Id.optional(),
    at: At,
  }),
  'ticket.setStatus': z.strictObject({
    id: Id,
    eventId: Id,
    /** The status the desk saw: if head office holds another, the change is refused as a conflict. */
    from: z.enum(TICKET_STATUSES),
    to: z.enum(TICKET_STATUSES),
    note: optionalText(2000).nullable(),
    /** Head office's version of the ticket the desk had (for the record; conflicts are decided by the values above). */
    baseVersion: Version.optional(),
    at: At,
  }),
  'ticket.addNote': z.strictObject({ id: Id, eventId: Id, note: visibleText(2000), baseVersion: Version.optional(), at: At }),
  /** Field edits: each names the value the desk saw, so edits to different fields merge and a stale one is caught. */
  'ticket.edit': z.strictObject({
    id: Id,
    eventId: Id,
    changes: z
      .strictObject({
        priority: fieldChange(z.enum(TICKET_PRIORITIES)).optional(),
        category: fieldChange(visibleText(40)).optional(),
        title: fieldChange(visibleText(120)).optional(),
      })
      .refine((c) => Object.keys(c).length > 0, 'nothing to change'),
    baseVersion: Version.optional(),
    at: At,
  }),
  /** A complaint graded again (escalated, or lowered by a lead), always with the reason; its deadline starts again. */
  'ticket.setLevel': z.strictObject({
    id: Id,
    eventId: Id,
    /** The level the desk saw (a conflict if head office holds another). */
    from: ComplaintLevel.nullable(),
    to: ComplaintLevel,
    reason: visibleText(500),
    baseVersion: Version.optional(),
    at: At,
  }),
  /** A new owner: leads assign anyone of their office; an agent may only take a ticket nobody owns. */
  'ticket.assign': z.strictObject({ id: Id, eventId: Id, from: Id.nullable(), to: Id, baseVersion: Version.optional(), at: At }),
  /** The next step and its time (事不过夜). */
  'ticket.setNextStep': z.strictObject({ id: Id, eventId: Id, action: visibleText(200), dueAt: At, baseVersion: Version.optional(), at: At }),
  /** The customer's satisfaction from the call back after a complaint was solved (满意度回访); needed to close it. */
  'ticket.recordSatisfaction': z.strictObject({
    id: Id,
    eventId: Id,
    rating: SatisfactionRating,
    note: optionalText(1000).nullable(),
    baseVersion: Version.optional(),
    at: At,
  }),
  /** Team leads remove a ticket opened by mistake; desks receive tombstones. */
  'ticket.delete': z.strictObject({ id: Id, at: At }),
  /**
   * An agent's reply. `seenSeq` is the last message the agent had on screen:
   * head office refuses the reply if a colleague answered after it.
   */
  'conversation.sendMessage': z.strictObject({
    id: Id,
    conversationId: Id,
    body: visibleText(4000),
    seenSeq: z.number().int().nonnegative().optional(),
    /** Forbidden service wording (禁忌用语) the agent confirmed sending: head office keeps the choice. */
    confirmedWording: z.array(z.string().max(20)).max(20).optional(),
    at: At,
  }),
  /** The agent ends the conversation (服务结束); the customer is invited to rate it. */
  'conversation.close': z.strictObject({ id: Id }),
  /** A phone call the agent logs afterwards, as a conversation of channel phone. */
  'conversation.logPhoneCall': z.strictObject({
    id: Id,
    noteId: Id,
    customerId: Id.nullable(),
    callerName: visibleText(40),
    notes: visibleText(4000),
    durationSeconds: z.number().int().min(0).max(24 * 3600),
    outcome: z.enum(['answered', 'callback', 'transferred', 'no_answer']),
    at: At,
  }),
} as const;
export type MutationName = keyof typeof MutationArgs;
export const MUTATION_NAMES = Object.keys(MutationArgs) as MutationName[];

export const PushRequest = z.strictObject({
  clientId: Id,
  /** The epoch under which this desk last had a mutation confirmed (null: never). */
  epoch: z.string().max(80).nullable().default(null),
  mutations: z
    .array(z.strictObject({ mutationId: z.number().int().positive(), name: z.string().max(60), args: z.record(z.string(), z.unknown()) }))
    .max(500),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** Two agents changed one field: head office kept the first it received; the desk shows both values. */
export const FieldConflict = z.object({
  field: z.string(),
  yours: z.string(),
  theirs: z.string(),
  /** Who made the change head office kept. */
  by: z.string().nullable(),
});
export type FieldConflict = z.infer<typeof FieldConflict>;

export const MutationResult = z.object({
  mutationId: z.number().int(),
  status: z.enum(['applied', 'rejected', 'duplicate']),
  /** Why a mutation was refused, for the agent to read. */
  reason: z.object({ code: z.string(), message: z.string(), conflict: z.lazy(() => FieldConflict).optional() }).optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  epoch: z.string(),
  results: z.array(MutationResult),
  /** Set when a mutation id was skipped: resend from this one. */
  expectedMutationId: z.number().int().optional(),
  /**
   * Head office does not know this desk although the desk says it confirmed
   * its changes in this epoch (head office was restored from a backup):
   * resend what it confirmed, under a new desk id. Nothing was applied.
   */
  forgotten: z.boolean().optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const Cursor = z.strictObject({
  epoch: z.string().nullable(),
  scopes: z.record(z.string().max(80), z.number().int().nonnegative()),
});
export type Cursor = z.infer<typeof Cursor>;

export const PullRequest = z.strictObject({ clientId: Id, cursor: Cursor, limit: z.number().int().min(1).max(5000).default(1000) });

/**
 * A colleague named on a ticket (its owner, a history entry's author).
 * `complaintTeam`: whether they hold the complaint team's skill when the
 * change was made, so a desk applies the complaint team's rules
 * (ticket-sla.ts) to its own changes before head office answers; absent
 * from changes logged before it was sent.
 */
const SyncedPerson = z.object({ id: Id, login: z.string(), displayName: z.string(), complaintTeam: z.boolean().optional() });

/** The other ticket of an on-site support pair: `sent_to` the field office, or `requested_by` the online agent's office. */
export const LinkedTicket = z.object({ ticketNo: z.string(), officeName: z.string(), direction: z.enum(['sent_to', 'requested_by']) });
export type LinkedTicket = z.infer<typeof LinkedTicket>;

/** A ticket as head office holds it, the shape every desk stores. Times are head office's, in ms. */
export const SyncedTicket = z.object({
  id: Id,
  ticketNo: z.string(),
  type: z.enum(TICKET_TYPES),
  category: z.string(),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  title: z.string(),
  description: z.string(),
  customerId: Id.nullable(),
  /** The customer's name as head office holds it: a lead's desk may never have met the customer in a conversation. */
  customerName: z.string().nullable().default(null),
  conversationId: Id.nullable(),
  owner: SyncedPerson.nullable(),
  createdAt: At,
  updatedAt: At,
  // Service levels (ticket-sla.ts); absent from changes logged before they existed.
  complaintLevel: ComplaintLevel.nullable().default(null),
  escalatedTo: z.enum(COMPLAINT_HANDLERS).nullable().default(null),
  /** When the deadline's clock last started (created, level changed, reopened). */
  slaStartedAt: At.nullable().default(null),
  slaDueAt: At.nullable().default(null),
  /** The office hours the deadline was counted in (time left is counted in the same). */
  slaHours: OfficeHours.nullable().default(null),
  nextStep: z.object({ action: z.string(), dueAt: At }).nullable().default(null),
  nextStepSetAt: At.nullable().default(null),
  satisfaction: SatisfactionRating.nullable().default(null),
  satisfactionNote: z.string().nullable().default(null),
  /** On-site support (onsite-support.ts): the other office's ticket of the pair, sent to it or requested by it. */
  linkedTicket: LinkedTicket.nullable().default(null),
});
export type SyncedTicket = z.infer<typeof SyncedTicket>;

/**
 * What a history entry records: created, status (from → to), note, edit
 * (field from → to), level (from → to, note: the reason), owner (from → to
 * account ids), next_step (note: the action, to: its time in ms),
 * satisfaction (to: the rating, note: the customer's words).
 */
export const TICKET_EVENT_KINDS = ['created', 'status', 'note', 'edit', 'level', 'owner', 'next_step', 'satisfaction'] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

export const SyncedTicketEvent = z.object({
  id: Id,
  ticketId: Id,
  kind: z.enum(TICKET_EVENT_KINDS),
  /** The field an edit changed (priority, category, title). */
  field: z.string().nullable(),
  fromValue: z.string().nullable(),
  toValue: z.string().nullable(),
  note: z.string().nullable(),
  author: SyncedPerson.nullable(),
  at: At,
});
export type SyncedTicketEvent = z.infer<typeof SyncedTicketEvent>;

export const SYNCED_ENTITIES = ['ticket', 'ticket_event', 'knowledge_article', 'team_script'] as const;
export type SyncedEntity = (typeof SYNCED_ENTITIES)[number];

export const Change = z.object({
  scope: z.string(),
  version: z.number().int(),
  entity: z.enum(SYNCED_ENTITIES),
  id: Id,
  deleted: z.boolean(),
  /** The record (SyncedTicket, SyncedTicketEvent…), checked against its entity's schema where it is applied. */
  data: z.unknown(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  cursor: Cursor,
  changes: z.array(Change),
  /** More changes wait after this page: pull again with the new cursor. */
  more: z.boolean(),
  /** The server's epoch changed (restored, rebuilt), or head office is behind this desk: the client starts over from an empty cursor. */
  reset: z.boolean(),
  /** Head office is behind this desk's cursor (restored from a backup): what it confirmed may be lost there, resend it. */
  behind: z.boolean().default(false),
  /** Scopes the caller may no longer see: drop what the cache holds of them. */
  droppedScopes: z.array(z.string()),
  /**
   * Per scope the caller is now fully caught up on: the checksum of every
   * live record in it (see scopeChecksum). A desk whose own differs has drifted.
   */
  checksums: z.record(z.string(), z.string()).default({}),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const officeScope = (officeId: string) => `office:${officeId}`;
