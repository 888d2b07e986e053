/**
 * The desk contract's part for on-site support (现场支援,
 * shared/domain/onsite-support.ts): the linked ticket a ticket shows, and
 * the offices an agent may send a request to.
 */
import { z } from 'zod';

/** The other ticket of an on-site support pair: sent to a field office, or requested by an online agent's office. */
export const ONSITE_TICKET_FIELDS = {
  linkedTicket: z.strictObject({ ticketNo: z.string(), officeName: z.string(), direction: z.enum(['sent_to', 'requested_by']) }).nullable(),
};

/** An office an on-site support request may go to (every office but the agent's own). */
export const FieldOffice = z.strictObject({ id: z.string().uuid(), code: z.string(), name: z.string() });
export type FieldOffice = z.infer<typeof FieldOffice>;
