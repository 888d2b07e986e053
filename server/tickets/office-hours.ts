import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_OFFICE_HOURS, OfficeHours } from '../../shared/domain/working-calendar.js';
import type { Caller } from '../auth/auth-service.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { isUuid, parseBody } from '../http/parse.js';

/**
 * An office's working hours (with its breaks), which every ticket deadline
 * of that office is counted in; an office nobody configured works the
 * default day. Stored hours that no longer read as OfficeHours (edited by
 * hand) fall back to the default rather than stopping every ticket.
 */
export async function officeHoursOf(db: SqlExecutor, officeId: string): Promise<OfficeHours> {
  const [row] = await db.query<{ working_hours: unknown }>('SELECT working_hours FROM offices WHERE id = $1', [officeId]);
  const raw = typeof row?.working_hours === 'string' ? (JSON.parse(row.working_hours) as unknown) : row?.working_hours;
  const parsed = OfficeHours.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_OFFICE_HOURS;
}

/**
 * GET (anyone of that office, or an admin) and PUT (admins) an office's
 * working hours. New hours apply to deadlines set from then on; deadlines
 * already stored keep the hours they were counted in.
 */
export function registerOfficeHoursRoutes(app: FastifyInstance, db: SqlExecutor, caller: (req: FastifyRequest) => Promise<Caller>): void {
  const office = async (id: string) => {
    if (!isUuid(id) || (await db.query('SELECT 1 FROM offices WHERE id = $1', [id])).length === 0) throw new HttpError('NOT_FOUND', 'no such office');
  };
  app.get<{ Params: { id: string } }>('/api/offices/:id/working-hours', async (req) => {
    const { account } = await caller(req);
    if (account.role !== 'admin' && account.officeId !== req.params.id) throw new HttpError('NOT_FOUND', 'no such office');
    await office(req.params.id);
    return officeHoursOf(db, req.params.id);
  });
  app.put<{ Params: { id: string } }>('/api/offices/:id/working-hours', async (req) => {
    const { account } = await caller(req);
    if (account.role !== 'admin') throw new HttpError('FORBIDDEN', 'only an administrator sets an office\'s working hours');
    const hours = parseBody(OfficeHours, req.body);
    await office(req.params.id);
    await db.query('UPDATE offices SET working_hours = $2::jsonb WHERE id = $1', [req.params.id, JSON.stringify(hours)]);
    return hours;
  });
}
