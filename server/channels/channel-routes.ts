import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { InboundDelivery, SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_CHANNELS, type WebhookChannel } from '../../shared/head-office/conversations.js';
import type { Caller } from '../auth/auth-service.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { parseBody } from '../http/parse.js';
import { receiveInbound } from '../conversations/inbound.js';
import { checkDelivery } from './signature.js';

const isWebhookChannel = (c: string): c is WebhookChannel => (WEBHOOK_CHANNELS as readonly string[]).includes(c);

/**
 * Channel webhooks: POST /api/channels/<channel>/messages, signed with the
 * channel's secret (see signature.ts and InboundDelivery). A retried
 * delivery of the same message id is answered like the first and writes
 * nothing. Administrators set a channel's secret (shown once).
 */
export function registerChannelRoutes(app: FastifyInstance, db: SqlClient, caller: (req: FastifyRequest) => Promise<Caller>): void {
  const channelOf = (name: string): WebhookChannel => {
    if (!isWebhookChannel(name)) throw new HttpError('NOT_FOUND', 'no such channel');
    return name;
  };

  app.register(async (scope) => {
    // The signature covers the bytes as sent: parse them only after checking it.
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { channel: string } }>('/api/channels/:channel/messages', async (req) => {
      const channel = channelOf(req.params.channel);
      const [row] = await db.query<{ secret: string }>('SELECT secret FROM channel_secrets WHERE channel = $1', [channel]);
      if (!row) throw new HttpError('FORBIDDEN', `the ${channel} channel is not set up on this head office`);
      const raw = req.body as Buffer;
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const check = checkDelivery(row.secret, header(TIMESTAMP_HEADER), header(SIGNATURE_HEADER), raw);
      if (check !== 'ok') {
        const why = { missing: 'the delivery is not signed', stale: 'the delivery\'s timestamp is outside the allowed window', mismatch: 'the signature does not match' }[check];
        throw new HttpError('UNAUTHENTICATED', why);
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError('BAD_REQUEST', 'malformed request body');
      }
      const delivery = parseBody(InboundDelivery, json);
      const result = await receiveInbound(db, {
        channel,
        externalId: delivery.from.id,
        name: delivery.from.name,
        topic: delivery.topic,
        externalMessageId: delivery.messageId,
        content: delivery.content,
      });
      return { messageId: result.message.id, conversationId: result.message.conversationId, duplicate: result.duplicate };
    });
  });

  app.post<{ Params: { channel: string } }>('/api/channels/:channel/secret', async (req) => {
    const who = await caller(req);
    if (who.account.role !== 'admin') throw new HttpError('FORBIDDEN', 'only an administrator may set up channels');
    const channel = channelOf(req.params.channel);
    const secret = randomBytes(32).toString('base64url');
    await db.query(
      `INSERT INTO channel_secrets (channel, secret) VALUES ($1, $2) ON CONFLICT (channel) DO UPDATE SET secret = excluded.secret, created_at = now()`,
      [channel, secret],
    );
    return { channel, secret };
  });
}
