/**
 * Sync protocol between a workstation and head office: named mutations
 * pushed from the outbox, changes pulled per scope after a cursor.
 */
import { z } from 'zod';
import { TICKET_NUMBER_PATTERN } from '../domain/ids.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../domain/ticket-status.js';
import { optionalText, visibleText } from '../contract/text.js';

const Id = z.string().uuid();
const At = z.number().int().nonnegative();

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
    at: At,
  }),
  'ticket.setStatus': z.strictObject({ id: Id, eventId: Id, from: z.enum(TICKET_STATUSES), to: z.enum(TICKET_STATUSES), note: optionalText(2000).nullable(), at: At }),
  'ticket.addNote': z.strictObject({ id: Id, eventId: Id, note: visibleText(2000), at: At }),
} as const;
export type MutationName = keyof typeof MutationArgs;
export const MUTATION_NAMES = Object.keys(MutationArgs) as MutationName[];

export const PushRequest = z.strictObject({
  clientId: Id,
  mutations: z
    .array(z.strictObject({ mutationId: z.number().int().positive(), name: z.string().max(60), args: z.record(z.string(), z.unknown()) }))
    .max(500),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.object({
  mutationId: z.number().int(),
  status: z.enum(['applied', 'rejected', 'duplicate']),
  /** Why a mutation was refused, for the agent to read. */
  reason: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  epoch: z.string(),
  results: z.array(MutationResult),
  /** Set when a mutation id was skipped: resend from this one. */
  expectedMutationId: z.number().int().optional(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const Cursor = z.strictObject({
  epoch: z.string().nullable(),
  scopes: z.record(z.string().max(80), z.number().int().nonnegative()),
});
export type Cursor = z.infer<typeof Cursor>;

export const PullRequest = z.strictObject({ clientId: Id, cursor: Cursor, limit: z.number().int().min(1).max(5000).default(1000) });

export const Change = z.object({
  scope: z.string(),
  version: z.number().int(),
  entity: z.enum(['ticket', 'ticket_event']),
  id: Id,
  deleted: z.boolean(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  cursor: Cursor,
  changes: z.array(Change),
  /** More changes wait after this page: pull again with the new cursor. */
  more: z.boolean(),
  /** The server's epoch changed (restored, rebuilt): the client starts over from an empty cursor. */
  reset: z.boolean(),
  /** Scopes the caller may no longer see: drop what the cache holds of them. */
  droppedScopes: z.array(z.string()),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const officeScope = (officeId: string) => `office:${officeId}`;
