/**
 * Renewal tasks (续保) between head office and desks: the agent's list and
 * the outcome of a step. Identifiers arrive masked: the list is worked
 * before any identity check.
 */
import { z } from 'zod';
import { DECLINE_REASONS, RENEWAL_STEPS } from '../domain/renewal.js';
import { CROSS_SELL_CODES } from '../domain/cross-sell.js';

export { RenewalOutcome } from '../domain/renewal.js';

/** `all`: every open task whatever its date (a lead's overview). */
export const DUE_FILTERS = ['overdue', 'today', 'week', 'all'] as const;
export const DueFilterSchema = z.enum(DUE_FILTERS);

/** One vehicle's policies expiring the same day (交强险 and 商业险) are worked as one task. */
export const RenewalPolicy = z.object({
  taskId: z.string().uuid(),
  policyId: z.string().uuid(),
  kind: z.enum(['compulsory', 'commercial']),
  policyNoMasked: z.string(),
});

export const RenewalTask = z.object({
  /** The task an outcome is recorded on; it applies to every policy listed. */
  id: z.string().uuid(),
  /** The first policy's id (see `policies` for all). */
  policyId: z.string().uuid(),
  /** The vehicle's policies expiring that day, 交强险 first. */
  policies: z.array(RenewalPolicy).min(1),
  customerId: z.string().uuid(),
  customerName: z.string(),
  phoneMasked: z.string(),
  plateMasked: z.string().nullable(),
  vehicleModel: z.string().nullable(),
  policyNoMasked: z.string(),
  expiresOn: z.string(),
  step: z.enum(RENEWAL_STEPS),
  dueOn: z.string(),
  assigneeId: z.string().uuid().nullable(),
  assigneeName: z.string().nullable(),
  /** Assigned to the caller (listed first). */
  mine: z.boolean(),
  status: z.enum(['open', 'done', 'closed']),
  outcome: z.enum(['renewed', 'declined', 'callback']).nullable(),
  declineReason: z.enum(DECLINE_REASONS).nullable(),
  declineDetail: z.string().nullable(),
  callbackOn: z.string().nullable(),
  note: z.string().nullable(),
  /** The step's script with the customer's name, expiry date and masked plate filled in. */
  script: z.string(),
});
export type RenewalTask = z.infer<typeof RenewalTask>;

export const RenewalTaskList = z.object({
  /** Head office's date (China time) the groups were counted against. */
  today: z.string(),
  tasks: z.array(RenewalTask),
});
export type RenewalTaskList = z.infer<typeof RenewalTaskList>;

export const CrossSellSuggestionSchema = z.object({
  code: z.enum(CROSS_SELL_CODES),
  /** What the desk words the reason from, in its language (plates masked). */
  facts: z.object({
    plates: z.array(z.string()).optional(),
    models: z.array(z.string()).optional(),
    years: z.number().optional(),
    priceYuan: z.number().optional(),
    claims: z.number().optional(),
  }),
  vehicleIds: z.array(z.string()),
});
export const CrossSellList = z.object({ customerId: z.string().uuid(), suggestions: z.array(CrossSellSuggestionSchema) });
export type CrossSellList = z.infer<typeof CrossSellList>;
