import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { CreateAccountRequest, CreateOfficeRequest, LoginRequest, RefreshRequest, UpdateAccountRequest } from '../../shared/head-office/auth.js';
import type { AccountService } from '../accounts/account-service.js';
import type { AuthService, Caller } from '../auth/auth-service.js';
import type { SqlClient } from '../db/sql-client.js';
import { PullRequest, PushRequest } from '../../shared/head-office/sync.js';
import { pull } from '../sync/pull.js';
import { push } from '../sync/push.js';
import type { SyncEpoch } from '../sync/epoch.js';
import type { LibraryKind, LibraryService } from '../library/library-service.js';
import { LIBRARY_CODE } from '../../shared/head-office/library.js';
import { HttpError } from './http-error.js';
import { isUuid, parseBody } from './parse.js';
import { registerConversationRoutes } from '../conversations/conversation-routes.js';
import { registerChannelRoutes } from '../channels/channel-routes.js';
import { registerWebChatApi, type WebChatDeps } from '../webchat/webchat-routes.js';
import { registerWebChatPage } from '../webchat/webchat-page.js';
import { registerOfficeHoursRoutes } from '../tickets/office-hours.js';
import { registerFieldOfficeRoutes } from '../tickets/field-offices.js';
import { registerCustomerRoutes } from '../customers/customer-routes.js';
import type { IdentityCheck } from '../customers/identity-check.js';
import { registerAuditRoutes } from '../audit/audit-routes.js';
import { registerRenewalRoutes } from '../renewals/renewal-routes.js';
import { registerClaimRoutes } from '../claims/claim-routes.js';

const LIBRARY_KINDS: Record<string, LibraryKind> = { articles: 'knowledge_article', scripts: 'team_script' };

export interface HeadOfficeDeps {
  db: SqlClient;
  /** Changes when head office loses its history (a restore): desks then pull from scratch. */
  syncEpoch: SyncEpoch;
  library: LibraryService;
  auth: AuthService;
  accounts: AccountService;
  /** The identity check (身份核实) that unlocks a conversation's customer record. */
  identity: IdentityCheck;
  /** Live conversations: the customers' web chat and its sockets. */
  webChat: Omit<WebChatDeps, 'db'>;
  /** Largest request body accepted, in bytes. */
  bodyLimit?: number;
  /**
   * Behind a reverse proxy, the addresses to believe in X-Forwarded-For (so
   * per-address limits count customers, not the proxy); off by default.
   */
  trustProxy?: boolean | string;
}



/** The head-office HTTP API. Every route but sign-in and health needs a bearer token. */
export function buildHeadOffice(deps: HeadOfficeDeps): FastifyInstance {
  // Errors are logged (a 500 must leave a trace); requests are not.
  const app = Fastify({ bodyLimit: deps.bodyLimit ?? 1024 * 1024, logger: { level: 'error' }, trustProxy: deps.trustProxy ?? false });

  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof HttpError) {
      if (err.retryAfterSeconds) void reply.header('retry-after', String(err.retryAfterSeconds));
      return reply.status(err.status).send(err.body());
    }
    const e = err as { code?: string; statusCode?: number; message?: string };
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(new HttpError('PAYLOAD_TOO_LARGE', 'request body too large').body());
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.status(400).send(new HttpError('BAD_REQUEST', e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported content type: send JSON (or, where a picture is expected, JPEG, PNG, WebP or GIF)' : 'malformed request body').body());
    }
    app.log.error(err);
    return reply.status(500).send(new HttpError('INTERNAL', 'internal error').body());
  });
  app.setNotFoundHandler((_req, reply) => reply.status(404).send(new HttpError('NOT_FOUND', 'no such endpoint').body()));

  const caller = (req: FastifyRequest): Promise<Caller> => deps.auth.authenticate(req.headers.authorization);

  app.get('/health', async () => ({ ok: true, database: deps.db.kind }));

  app.post('/api/auth/login', async (req) => {
    const body = parseBody(LoginRequest, req.body);
    return deps.auth.login(body.login, body.password, req.ip);
  });
  app.post('/api/auth/refresh', async (req) => deps.auth.refresh(parseBody(RefreshRequest, req.body).refreshToken));
  app.post('/api/auth/logout', async (req) => {
    await deps.auth.logout(parseBody(RefreshRequest, req.body).refreshToken);
    return { ok: true };
  });

  app.get('/api/me', async (req) => (await caller(req)).account);

  app.post('/api/sync/push', async (req) => {
    const who = await caller(req);
    return push(deps.db, who.account, deps.syncEpoch, parseBody(PushRequest, req.body));
  });
  app.post('/api/sync/pull', async (req) => {
    const who = await caller(req);
    const body = parseBody(PullRequest, req.body);
    return pull(deps.db, who.account, deps.syncEpoch, body.cursor, body.limit);
  });

  // The library: PUT publishes or revises an item (the code in the path is the item's), DELETE withdraws it.
  const libraryItem = (params: { kind: string; code: string }) => {
    const kind = Object.hasOwn(LIBRARY_KINDS, params.kind) ? LIBRARY_KINDS[params.kind] : undefined;
    if (!kind || !LIBRARY_CODE.test(params.code)) throw new HttpError('NOT_FOUND', 'no such library item');
    return { kind, code: params.code };
  };
  app.put<{ Params: { kind: string; code: string } }>('/api/library/:kind/:code', async (req) => {
    const who = await caller(req);
    const { kind, code } = libraryItem(req.params);
    const body = req.body as { code?: unknown } | null;
    if (!body || typeof body !== 'object' || body.code !== code) throw new HttpError('BAD_REQUEST', 'the item\'s code must be the one in the address');
    return deps.library.publish(who.account, kind, body);
  });
  app.delete<{ Params: { kind: string; code: string } }>('/api/library/:kind/:code', async (req) => {
    const who = await caller(req);
    const { kind, code } = libraryItem(req.params);
    await deps.library.withdraw(who.account, kind, code);
    return { ok: true };
  });

  registerConversationRoutes(app, deps.db, caller);
  registerChannelRoutes(app, deps.db, caller);
  registerClaimRoutes(app, deps.db, caller);
  registerWebChatApi(app, { db: deps.db, ...deps.webChat });
  registerCustomerRoutes(app, { db: deps.db, caller, identity: deps.identity });
  registerWebChatPage(app);
  registerOfficeHoursRoutes(app, deps.db, caller);
  registerFieldOfficeRoutes(app, deps.db, caller);
  registerAuditRoutes(app, deps.db, caller);
  registerRenewalRoutes(app, deps.db, caller);

  app.post('/api/offices', async (req, reply) => {
    const office = await deps.accounts.createOffice(await caller(req), parseBody(CreateOfficeRequest, req.body));
    return reply.status(201).send(office);
  });
  app.get('/api/accounts', async (req) => deps.accounts.listAccounts(await caller(req)));
  app.post('/api/accounts', async (req, reply) => {
    const account = await deps.accounts.createAccount(await caller(req), parseBody(CreateAccountRequest, req.body));
    return reply.status(201).send(account);
  });
  app.patch<{ Params: { id: string } }>('/api/accounts/:id', async (req) => {
    const who = await caller(req);
    if (!isUuid(req.params.id)) throw new HttpError('NOT_FOUND', 'no such account');
    return deps.accounts.updateAccount(who, req.params.id, parseBody(UpdateAccountRequest, req.body));
  });

  return app;
}
