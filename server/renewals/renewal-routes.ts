import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Caller } from '../auth/auth-service.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { isUuid, parseBody } from '../http/parse.js';
import { DueFilterSchema, RenewalOutcome } from '../../shared/head-office/renewals.js';
import { customerCrossSell } from './cross-sell-profile.js';
import { officeToday } from '../customers/office-day.js';
import { generateRenewalTasksNow, listRenewalTasks, recordOutcome } from './renewal-tasks.js';

/** The renewal task list, outcomes, and the cross-sell suggestions for a customer. */
export function registerRenewalRoutes(app: FastifyInstance, db: SqlClient, caller: (req: FastifyRequest) => Promise<Caller>, today: () => string = officeToday): void {
  app.get<{ Querystring: { due?: string } }>('/api/renewals/tasks', async (req) => {
    const who = await caller(req);
    const due = DueFilterSchema.safeParse(req.query.due ?? 'week');
    if (!due.success) throw new HttpError('BAD_REQUEST', 'due is overdue, today, week or all', [{ path: 'due', message: 'overdue, today, week or all' }]);
    return listRenewalTasks(db, who.account, due.data, today());
  });

  app.post<{ Params: { id: string } }>('/api/renewals/tasks/:id/outcome', async (req) => {
    const who = await caller(req);
    const outcome = parseBody(RenewalOutcome, req.body);
    if (!isUuid(req.params.id)) throw new HttpError('NOT_FOUND', 'no such renewal task');
    return recordOutcome(db, who.account, req.params.id, outcome, today());
  });

  // Generation runs by itself (start, daily, a customer record put); leads and administrators may run it now.
  app.post('/api/renewals/generate', async (req) => {
    const who = await caller(req);
    if (who.account.role === 'agent') throw new HttpError('FORBIDDEN', 'only team leads and administrators may do this');
    return { created: await generateRenewalTasksNow(db, today()) };
  });

  app.get<{ Params: { id: string } }>('/api/customers/:id/cross-sell', async (req) => {
    const who = await caller(req);
    if (!isUuid(req.params.id)) throw new HttpError('NOT_FOUND', 'no such customer');
    return customerCrossSell(db, who.account, req.params.id, today());
  });
}
