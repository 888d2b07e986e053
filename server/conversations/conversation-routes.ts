import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AssignRequest, LinkCustomerRequest, PresenceRequest, TransferRequest } from '../../shared/head-office/conversations.js';
import { visibleText } from '../../shared/contract/text.js';
import type { Caller } from '../auth/auth-service.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { isUuid, parseBody } from '../http/parse.js';
import { mustLead, mustRead } from './conversation-access.js';
import { createBareCustomer } from '../customers/customer-create.js';
import { findConversation, messagesAfter, toLiveConversation } from './conversation-records.js';
import { leadAssign, linkCustomer, myConversations, officePresence, ownPresence, queueSnapshot, setPresence, transfer } from './conversation-actions.js';

const CreateCustomerRequest = z.strictObject({ name: visibleText(40), phone: z.string().trim().regex(/^1\d{10}$/, 'an 11-digit mobile number') });

/** What desks and leads call: their conversations, messages after a cursor, presence, transfers, the lead's queue. */
export function registerConversationRoutes(app: FastifyInstance, db: SqlClient, caller: (req: FastifyRequest) => Promise<Caller>): void {
  const conversationParam = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const who = await caller(req);
    if (!isUuid(req.params.id)) throw new HttpError('NOT_FOUND', 'no such conversation');
    return who.account;
  };

  app.get('/api/desk/conversations', async (req) => myConversations(db, (await caller(req)).account));

  app.get<{ Params: { id: string } }>('/api/conversations/:id', async (req) => {
    const account = await conversationParam(req);
    return toLiveConversation(mustRead(account, await findConversation(db, req.params.id)));
  });

  // Catch-up from the desk's own cursor: every message after `after`, in order, so nothing is missed across a reconnect.
  app.get<{ Params: { id: string }; Querystring: { after?: string; limit?: string } }>('/api/conversations/:id/messages', async (req) => {
    const account = await conversationParam(req);
    const after = Number(req.query.after ?? 0);
    const limit = Number(req.query.limit ?? 200);
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError('BAD_REQUEST', 'after and limit are whole numbers (limit 1–1000)');
    mustRead(account, await findConversation(db, req.params.id));
    return messagesAfter(db, req.params.id, after, limit);
  });

  // A conversation's history of hands and choices (assignments, transfers, ratings, wording sent after a warning): leads inspect it.
  app.get<{ Params: { id: string } }>('/api/conversations/:id/events', async (req) => {
    const account = await conversationParam(req);
    mustLead(account);
    mustRead(account, await findConversation(db, req.params.id));
    const rows = await db.query<{ kind: string; note: string | null; to_group: string | null; by_name: string | null; from_name: string | null; to_name: string | null; at: Date }>(
      `SELECT e.kind, e.note, e.to_group, b.display_name AS by_name, f.display_name AS from_name, t.display_name AS to_name, e.at
         FROM conversation_events e
         LEFT JOIN accounts b ON b.id = e.by_account_id LEFT JOIN accounts f ON f.id = e.from_account_id LEFT JOIN accounts t ON t.id = e.to_account_id
        WHERE e.conversation_id = $1 ORDER BY e.id`,
      [req.params.id],
    );
    return rows.map((r) => ({ kind: r.kind, note: r.note, toGroup: r.to_group, by: r.by_name, from: r.from_name, to: r.to_name, at: r.at.getTime() }));
  });

  app.get<{ Params: { id: string; imageId: string } }>('/api/conversations/:id/images/:imageId', async (req, reply) => {
    const account = await conversationParam(req);
    mustRead(account, await findConversation(db, req.params.id));
    if (!isUuid(req.params.imageId)) throw new HttpError('NOT_FOUND', 'no such picture');
    const [image] = await db.query<{ mime: string; bytes: Buffer }>('SELECT mime, bytes FROM conversation_images WHERE id = $1 AND conversation_id = $2', [
      req.params.imageId,
      req.params.id,
    ]);
    if (!image) throw new HttpError('NOT_FOUND', 'no such picture');
    return reply.header('content-type', image.mime).header('x-content-type-options', 'nosniff').send(image.bytes);
  });

  app.post<{ Params: { id: string } }>('/api/conversations/:id/transfer', async (req) => {
    const account = await conversationParam(req);
    await transfer(db, account, req.params.id, parseBody(TransferRequest, req.body));
    return { ok: true };
  });
  app.post<{ Params: { id: string } }>('/api/conversations/:id/assign', async (req) => {
    const account = await conversationParam(req);
    await leadAssign(db, account, req.params.id, parseBody(AssignRequest, req.body).accountId);
    return { ok: true };
  });
  app.post<{ Params: { id: string } }>('/api/conversations/:id/link-customer', async (req) => {
    const account = await conversationParam(req);
    return linkCustomer(db, account, req.params.id, parseBody(LinkCustomerRequest, req.body).phone);
  });

  app.get('/api/agents/presence', async (req) => officePresence(db, (await caller(req)).account));
  app.get('/api/presence', async (req) => ownPresence(db, (await caller(req)).account));
  app.put('/api/presence', async (req) => {
    const who = await caller(req);
    return setPresence(db, who.account, parseBody(PresenceRequest, req.body).status);
  });
  app.get('/api/queue', async (req) => queueSnapshot(db, (await caller(req)).account));

  // Customer records, until the customer workflows bring their own import: leads and administrators add them.
  app.post('/api/customers', async (req, reply) => {
    const who = await caller(req);
    mustLead(who.account);
    const body = parseBody(CreateCustomerRequest, req.body);
    // A lead's record is kept by the lead's office (see createBareCustomer).
    return reply.status(201).send(await createBareCustomer(db, who.account, body.name, body.phone));
  });
}
