import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CustomerRecordInput, VerificationAnswer } from '../../shared/head-office/customers.js';
import type { Caller } from '../auth/auth-service.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { isUuid, parseBody } from '../http/parse.js';
import { putCustomerRecord } from './customer-put.js';
import { conversationCustomerProfile } from './customer-profile.js';
import type { IdentityCheck } from './identity-check.js';

export interface CustomerRouteDeps {
  db: SqlClient;
  caller: (req: FastifyRequest) => Promise<Caller>;
  identity: IdentityCheck;
}

/**
 * Customer records (put by leads and administrators) and, per conversation,
 * the customer's masked profile, the identity check and the clear record
 * it unlocks.
 */
export function registerCustomerRoutes(app: FastifyInstance, deps: CustomerRouteDeps): void {
  const { db, caller, identity } = deps;
  const conversationParam = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const who = await caller(req);
    if (!isUuid(req.params.id)) throw new HttpError('NOT_FOUND', 'no such conversation');
    return who.account;
  };

  app.put<{ Params: { id: string } }>('/api/customers/:id', async (req) => {
    const who = await caller(req);
    if (!isUuid(req.params.id)) throw new HttpError('NOT_FOUND', 'customer ids are UUIDs');
    const input = parseBody(CustomerRecordInput, req.body);
    return putCustomerRecord(db, who.account, req.params.id, input);
  });

  app.get<{ Params: { id: string } }>('/api/conversations/:id/customer', async (req) =>
    conversationCustomerProfile(db, identity, await conversationParam(req), req.params.id),
  );
  app.post<{ Params: { id: string } }>('/api/conversations/:id/customer/reveal', async (req) => identity.reveal(await conversationParam(req), req.params.id));

  app.get<{ Params: { id: string } }>('/api/conversations/:id/verification', async (req) => identity.status(await conversationParam(req), req.params.id));
  app.post<{ Params: { id: string } }>('/api/conversations/:id/verification/code', async (req) => identity.sendCode(await conversationParam(req), req.params.id));
  app.post<{ Params: { id: string } }>('/api/conversations/:id/verification/answer', async (req) => {
    const account = await conversationParam(req);
    return identity.answer(account, req.params.id, parseBody(VerificationAnswer, req.body));
  });
}
