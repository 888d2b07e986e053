/**
 * Desk calls for renewals (续保) and cross-sell hints. Both only ask head
 * office: the task list and the suggestions are read there, never kept on
 * the desk.
 */
import { z } from 'zod';
import { CrossSellList, DueFilterSchema, RenewalOutcome, RenewalTask, RenewalTaskList } from '../head-office/renewals.js';

const Id = z.string().uuid();

export const RenewalTasksInput = z.strictObject({ due: DueFilterSchema });
export const RenewalOutcomeInput = z.strictObject({ taskId: Id, outcome: RenewalOutcome });
export type RenewalOutcomeInput = z.infer<typeof RenewalOutcomeInput>;
export const CrossSellInput = z.strictObject({ customerId: Id });

export { CrossSellList, RenewalTask, RenewalTaskList };
