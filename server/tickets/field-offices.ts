import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OfficeListing } from '../../shared/head-office/offices.js';
import type { Caller } from '../auth/auth-service.js';
import type { SqlExecutor } from '../db/sql-client.js';

/**
 * GET /api/offices: every office's id, code and name, readable by all
 * staff, so an online agent can pick the field office an on-site support
 * request goes to. Nothing else of an office (hours, accounts) is shown.
 */
export function registerFieldOfficeRoutes(app: FastifyInstance, db: SqlExecutor, caller: (req: FastifyRequest) => Promise<Caller>): void {
  app.get('/api/offices', async (req): Promise<OfficeListing[]> => {
    const { account } = await caller(req);
    const rows = await db.query<{ id: string; code: string; name: string }>('SELECT id, code, name FROM offices ORDER BY code');
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, own: r.id === account.officeId }));
  });
}
