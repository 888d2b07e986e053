import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AdvanceClaimRequest, FraudReferralRequest, MaterialRequestRequest, ReportClaimRequest } from '../../shared/head-office/claims.js';
import type { Caller } from '../auth/auth-service.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { isUuid, parseBody } from '../http/parse.js';
import { createClaimService } from './claim-service.js';

/** Claim reports and their stages (see claim-service.ts for who may do what). */
export function registerClaimRoutes(app: FastifyInstance, db: SqlClient, caller: (req: FastifyRequest) => Promise<Caller>): void {
  const claims = createClaimService(db);
  const id = (value: string, what: string) => {
    if (!isUuid(value)) throw new HttpError('NOT_FOUND', `no such ${what}`);
    return value;
  };

  app.post<{ Params: { id: string } }>('/api/conversations/:id/claims', async (req, reply) => {
    const who = await caller(req);
    const conversationId = id(req.params.id, 'conversation');
    const { created, claim } = await claims.report(who.account, conversationId, parseBody(ReportClaimRequest, req.body));
    return reply.status(created ? 201 : 200).send(claim);
  });

  app.get<{ Querystring: { customerId?: string } }>('/api/claims', async (req) => {
    const who = await caller(req);
    const customerId = req.query.customerId ?? '';
    if (!isUuid(customerId)) throw new HttpError('BAD_REQUEST', 'customerId is required', [{ path: 'customerId', message: 'a customer id' }]);
    return claims.listForCustomer(who.account, customerId);
  });

  app.get<{ Params: { id: string } }>('/api/claims/:id', async (req) => {
    const who = await caller(req);
    return claims.get(who.account, id(req.params.id, 'claim'));
  });

  app.post<{ Params: { id: string } }>('/api/claims/:id/stage', async (req) => {
    const who = await caller(req);
    const claimId = id(req.params.id, 'claim');
    return (await claims.advance(who.account, claimId, parseBody(AdvanceClaimRequest, req.body))).claim;
  });

  app.post<{ Params: { id: string } }>('/api/claims/:id/material-requests', async (req) => {
    const who = await caller(req);
    const claimId = id(req.params.id, 'claim');
    return claims.requestMaterials(who.account, claimId, parseBody(MaterialRequestRequest, req.body));
  });

  app.post<{ Params: { id: string; requestId: string } }>('/api/claims/:id/material-requests/:requestId/received', async (req) => {
    const who = await caller(req);
    return claims.materialsReceived(who.account, id(req.params.id, 'claim'), id(req.params.requestId, 'material request'));
  });

  app.post<{ Params: { id: string } }>('/api/claims/:id/fraud-referral', async (req, reply) => {
    const who = await caller(req);
    const claimId = id(req.params.id, 'claim');
    const { created, claim } = await claims.referToAntiFraud(who.account, claimId, parseBody(FraudReferralRequest, req.body ?? {}));
    return reply.status(created ? 201 : 200).send(claim);
  });
}
