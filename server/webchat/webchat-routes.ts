import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import { ChatTopic, IMAGE_TYPES, MAX_IMAGE_BYTES, WebChatRating, WebChatSend, WebChatStart, type WebChatView } from '../../shared/head-office/conversations.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { isUuid, parseBody } from '../http/parse.js';
import type { ConversationHub } from '../conversations/conversation-hub.js';
import { messagesAfter } from '../conversations/conversation-records.js';
import { receiveInbound } from '../conversations/inbound.js';
import { publish } from '../conversations/conversation-events.js';
import type { VisitorClaims, VisitorTokens } from './visitor-token.js';
import { webChatState } from './webchat-view.js';
import { sniffImage } from './image-sniff.js';
import { createRateLimiter } from '../http/rate-limit.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface WebChatDeps {
  db: SqlClient;
  tokens: VisitorTokens;
  hub: ConversationHub;
  sessionsPerMinute: number;
}


/**
 * The customers' side of the web chat: a session per visitor (kept by the
 * page), messages in and out, pictures, the rating, and a live socket.
 * The page's own files are served by webchat-page.ts.
 */
export function registerWebChatApi(app: FastifyInstance, deps: WebChatDeps): void {
  const { db, tokens } = deps;
  // New sessions per address: a page opens one, a script flooding the queue is stopped.
  const sessionsPerRemote = createRateLimiter(deps.sessionsPerMinute, 60_000);
  // Per visitor: a person types a few messages a minute; a script posting thousands is stopped.
  const messagesPerVisitor = createRateLimiter(30, 60_000);
  const picturesPerVisitor = createRateLimiter(10, 60_000);
  const limit = (limiter: ReturnType<typeof createRateLimiter>, who: VisitorClaims, what: string) => {
    if (!limiter.allow(who.identityId)) throw new HttpError('RATE_LIMITED', `too many ${what} in a minute; wait a moment`, undefined, 10);
  };

  const visitor = (req: FastifyRequest): VisitorClaims => {
    const header = req.headers.authorization ?? '';
    const claims = tokens.check(header.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (!claims) throw new HttpError('UNAUTHENTICATED', 'start a chat session first');
    return claims;
  };

  app.post('/api/webchat/sessions', async (req) => {
    if (!sessionsPerRemote.allow(req.ip)) throw new HttpError('RATE_LIMITED', 'too many new chats from this address; try again in a minute', undefined, 60);
    const body = parseBody(WebChatStart, req.body);
    const name = body.name ?? null;
    // A returning visitor proves it with the secret given on their first visit; anything else is a new visitor.
    if (body.visitorId && body.visitorSecret) {
      const [known] = await db.query<{ id: string; display_name: string }>(
        `UPDATE channel_identities SET display_name = coalesce($3, display_name)
          WHERE channel = 'webchat' AND external_id = $1 AND secret_hash = $2 RETURNING id, display_name`,
        [body.visitorId, sha256(body.visitorSecret), name],
      );
      if (known) return { visitorId: body.visitorId, token: tokens.issue({ identityId: known.id, visitorId: body.visitorId, name: known.display_name }) };
    }
    const visitorId = randomUUID();
    const visitorSecret = randomBytes(24).toString('base64url');
    const [identity] = await db.query<{ id: string; display_name: string }>(
      `INSERT INTO channel_identities (id, channel, external_id, display_name, secret_hash) VALUES ($1, 'webchat', $2, $3, $4) RETURNING id, display_name`,
      [randomUUID(), visitorId, name ?? `访客${visitorId.replace(/-/g, '').slice(-4)}`, sha256(visitorSecret)],
    );
    return { visitorId, visitorSecret, token: tokens.issue({ identityId: identity!.id, visitorId, name: identity!.display_name }) };
  });

  app.get<{ Querystring: { after?: string } }>('/api/webchat/conversation', async (req): Promise<WebChatView> => {
    const who = visitor(req);
    const after = Number(req.query.after ?? 0);
    if (!Number.isInteger(after) || after < 0) throw new HttpError('BAD_REQUEST', 'after is a message number');
    const view = await webChatState(db, who.identityId);
    const page = view.conversationId ? await messagesAfter(db, view.conversationId, after, 200, true) : { messages: [] };
    return { ...view, messages: page.messages };
  });

  app.post('/api/webchat/messages', async (req) => {
    const who = visitor(req);
    const body = parseBody(WebChatSend, req.body);
    limit(messagesPerVisitor, who, 'messages');
    const result = await receiveInbound(db, {
      channel: 'webchat',
      externalId: who.visitorId,
      topic: body.topic,
      externalMessageId: `${who.visitorId}:${body.clientMessageId}`,
      content: body.content,
    });
    return { message: result.message };
  });

  app.register(async (scope) => {
    // Pictures arrive as raw bytes, up to their own limit (larger than the JSON routes').
    for (const type of IMAGE_TYPES) scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_IMAGE_BYTES }, (_req, body, done) => done(null, body));
    scope.post<{ Querystring: { clientMessageId?: string; topic?: string } }>('/api/webchat/images', { bodyLimit: MAX_IMAGE_BYTES }, async (req) => {
      const who = visitor(req);
      const clientMessageId = req.query.clientMessageId ?? '';
      if (!isUuid(clientMessageId)) throw new HttpError('BAD_REQUEST', 'clientMessageId is a UUID made by the page');
      // A picture may be the first thing a customer sends: it carries the topic they chose, like a text would.
      const topic = req.query.topic === undefined ? undefined : ChatTopic.safeParse(req.query.topic);
      if (topic && !topic.success) throw new HttpError('BAD_REQUEST', 'unknown topic');
      const bytes = req.body;
      const declared = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new HttpError('BAD_REQUEST', 'send the picture\'s bytes');
      // The bytes must be the picture they claim to be: nothing else is ever served back.
      if (sniffImage(bytes) !== declared) throw new HttpError('BAD_REQUEST', 'only JPEG, PNG, WebP or GIF pictures are accepted');
      limit(picturesPerVisitor, who, 'pictures');
      const result = await receiveInbound(db, {
        channel: 'webchat',
        externalId: who.visitorId,
        // Per visitor: another visitor's message id is just another id.
        externalMessageId: `${who.visitorId}:${clientMessageId}`,
        topic: topic?.data,
        content: { type: 'image', image: { mime: declared, bytes } },
      });
      return { message: result.message };
    });
  });

  app.get<{ Params: { id: string } }>('/api/webchat/images/:id', async (req, reply) => {
    const who = visitor(req);
    if (!isUuid(req.params.id)) throw new HttpError('NOT_FOUND', 'no such picture');
    const [image] = await db.query<{ mime: string; bytes: Buffer }>(
      `SELECT i.mime, i.bytes FROM conversation_images i JOIN conversations c ON c.id = i.conversation_id WHERE i.id = $1 AND c.identity_id = $2`,
      [req.params.id, who.identityId],
    );
    if (!image) throw new HttpError('NOT_FOUND', 'no such picture');
    return reply.header('content-type', image.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(image.bytes);
  });

  app.post('/api/webchat/rating', async (req) => {
    const who = visitor(req);
    const body = parseBody(WebChatRating, req.body);
    const [rated] = await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `UPDATE conversations SET rating = $3, rating_comment = $4, rated_at = now()
          WHERE id = $1 AND identity_id = $2 AND state = 'closed' AND rating IS NULL RETURNING id`,
        [body.conversationId, who.identityId, body.score, body.comment ?? null],
      );
      if (rows[0]) {
        await tx.query(`INSERT INTO conversation_events (conversation_id, kind, note) VALUES ($1, 'rated', $2)`, [rows[0].id, String(body.score)]);
        await publish(tx, { k: 'c', c: rows[0].id });
      }
      return rows;
    });
    if (!rated) throw new HttpError('CONFLICT', 'this conversation is not waiting for a rating');
    return { ok: true };
  });
}

/** The customers' live socket: /api/webchat/live?token=… (a browser cannot set headers on a WebSocket). */
export function webChatUpgrade(deps: Pick<WebChatDeps, 'tokens' | 'hub'>) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  wss.on('error', () => undefined);
  // A phone that went to sleep leaves a half-open socket: one that misses a ping is let go.
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, 30_000);
  heartbeat.unref();
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://head-office');
    const claims = deps.tokens.check(url.searchParams.get('token') ?? undefined);
    if (!claims) {
      socket.on('error', () => undefined);
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      ws.on('pong', () => alive.set(ws, true));
      deps.hub.customerConnected(ws, claims.identityId, claims.name);
    });
  };
}
