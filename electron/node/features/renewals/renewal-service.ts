import { DeskError } from '../../../../shared/contract/errors.js';
import type { RenewalOutcomeInput } from '../../../../shared/contract/renewal-schemas.js';
import { CrossSellList, RenewalTask, RenewalTaskList } from '../../../../shared/head-office/renewals.js';
import { outcomeProblem } from '../../../../shared/domain/renewal.js';
import { DEFAULT_OFFICE_HOURS, localDate } from '../../../../shared/domain/working-calendar.js';
import type { HeadOfficeClient } from '../../head-office/head-office-client.js';
import { deskError } from '../live-conversations/head-office-calls.js';

/**
 * Renewal tasks and cross-sell hints: asked of head office each time
 * (nothing is kept on the desk, so masked values stay head office's). An
 * outcome is checked here first against the desk's date, so the agent sees
 * the field at fault at once; head office checks again against its own.
 */
export function createRenewalService(client: () => HeadOfficeClient, now: () => number = Date.now) {
  return {
    tasks(due: 'overdue' | 'today' | 'week' | 'all') {
      return client().get(`/api/renewals/tasks?due=${due}`, RenewalTaskList).catch(deskError);
    },

    recordOutcome(input: RenewalOutcomeInput) {
      const problem = outcomeProblem(input.outcome, localDate(now(), DEFAULT_OFFICE_HOURS));
      if (problem) throw new DeskError('INVALID_INPUT', problem.message, [{ path: `outcome.${problem.path}`, message: problem.message }]);
      return client().send('POST', `/api/renewals/tasks/${input.taskId}/outcome`, input.outcome, RenewalTask).catch(deskError);
    },

    crossSell(customerId: string) {
      return client().get(`/api/customers/${customerId}/cross-sell`, CrossSellList).catch(deskError);
    },
  };
}
export type RenewalService = ReturnType<typeof createRenewalService>;
