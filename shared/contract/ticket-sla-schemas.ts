/**
 * The desk contract's part for ticket service levels (工单时效): the fields
 * a ticket carries (imported into Ticket in schemas.ts) and the inputs of
 * the calls that grade, assign and plan tickets.
 */
import { z } from 'zod';
import { COMPLAINT_HANDLERS, SATISFACTION_RATINGS } from '../domain/ticket-sla.js';
import { LATEST_INSTANT, OfficeHours } from '../domain/working-calendar.js';
import { optionalText, visibleText } from './text.js';

const Id = z.string().uuid();
export const ComplaintLevelField = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const SatisfactionField = z.enum(SATISFACTION_RATINGS);

/** What a ticket shows of its service level; the renderer counts time left with the shared rules. */
export const TICKET_SLA_FIELDS = {
  complaintLevel: ComplaintLevelField.nullable(),
  escalatedTo: z.enum(COMPLAINT_HANDLERS).nullable(),
  ownerId: Id.nullable(),
  slaStartedAt: z.number().nullable(),
  slaDueAt: z.number().nullable(),
  /** The office hours the deadline was counted in. */
  slaHours: OfficeHours.nullable(),
  nextStep: z.strictObject({ action: z.string(), dueAt: z.number() }).nullable(),
  nextStepSetAt: z.number().nullable(),
  satisfaction: SatisfactionField.nullable(),
  satisfactionNote: z.string().nullable(),
};

/** The customer's satisfaction from the call back (回访), given when a solved complaint is closed. */
export const SatisfactionInput = z.strictObject({ rating: SatisfactionField, note: optionalText(1000) });

/** Grade a complaint again: escalate (or, for a lead, lower) with the reason. */
export const SetComplaintLevelInput = z.strictObject({ ticketId: Id, level: ComplaintLevelField, reason: visibleText(500) });

/** Give a ticket an owner (leads); an agent may take an unowned ticket for themselves. */
export const AssignTicketInput = z.strictObject({ ticketId: Id, ownerId: Id });

/** The next step and its time (事不过夜). */
export const NextStepInput = z.strictObject({ ticketId: Id, action: visibleText(200), dueAt: z.number().int().nonnegative().max(LATEST_INSTANT) });
