import { DeskError } from '../../../shared/contract/errors.js';
import type { SyncNotice, SyncStatus } from '../../../shared/contract/schemas.js';
import { AccountView } from '../../../shared/head-office/auth.js';
import type { DeskContext } from '../app/desk-context.js';
import type { AgentService } from '../features/agents/agent-service.js';
import { createHeadOfficeClient, HeadOfficeError } from '../head-office/head-office-client.js';
import type { TokenStore } from '../head-office/token-store.js';
import { createReplica } from './replica.js';
import { createSyncEngine } from './sync-engine.js';
import { createSearchIndexer } from '../search/search-backlog.js';
import { createLiveConversations, type LiveConversations } from '../features/live-conversations/live-conversations.js';
import { KEEP_ENDED_MS, pruneEndedConversations } from '../features/live-conversations/live-records.js';

export interface HeadOfficeOptions {
  url: string;
  tokens: TokenStore;
  live?: boolean;
  pollMs?: number;
  pageSize?: number;
  /** Wait this long after a local change before sending it (null: only on rounds the caller asks for, as tests do). */
  sendDelayMs?: number | null;
  onPage?: (pulled: number) => void;
  log?: (message: string, err?: unknown) => void;
}

/** Above this many changed tickets, one "many changed" notice replaces a notice per ticket. */
const TICKET_NOTICES_MAX = 50;

/**
 * The desk signed in to head office: the agent at the desk is a head-office
 * account, and the sync engine keeps the cache and head office converging.
 */
export function createHeadOfficeSession(ctx: DeskContext, agents: AgentService, options: HeadOfficeOptions) {
  const client = createHeadOfficeClient({ baseUrl: options.url, tokens: options.tokens });
  // Pending mutations are re-applied as the agent who made them (the account this desk pushes for).
  const replica = createReplica(ctx.db, ctx.outbox, () => ctx.outbox.client().accountId ?? agents.current()?.id ?? null);
  // Library items pulled from head office join the search index in the background.
  const indexer = createSearchIndexer(
    ctx.db,
    () => ctx.emit('syncChanged', { ticketsChanged: false }),
    (err) => options.log?.('indexing the library for search failed', err),
  );
  // Conversations ride on the sync engine's live socket; the two are wired to each other below.
  let live: LiveConversations | null = null;
  const engine = createSyncEngine({
    client,
    tokens: options.tokens,
    outbox: ctx.outbox,
    replica,
    baseUrl: options.url,
    now: ctx.now,
    live: options.live,
    pollMs: options.pollMs,
    pageSize: options.pageSize,
    log: options.log,
    onPage(pulled) {
      options.onPage?.(pulled);
      // A long pull (a first sync) shows how far it has come.
      ctx.emit('syncChanged', { ticketsChanged: false });
    },
    onLive: (message) => live?.onLive(message),
    onPushed: (confirmed, refused) => live?.onPushed(confirmed, refused),
    onChange(tickets) {
      indexer.kick();
      if (tickets.size <= TICKET_NOTICES_MAX) for (const ticketId of tickets) ctx.emit('ticketChanged', { ticketId });
      ctx.emit('syncChanged', { ticketsChanged: tickets.size > 0 });
    },
  });
  live = createLiveConversations(ctx, client, engine, () => options.tokens.load()?.accountId ?? null, options.log ?? (() => undefined));
  // A local change goes to head office at once when the line is up; a burst of them goes together.
  // A reply to a customer does not wait for the burst: the customer is waiting.
  let sendSoon: NodeJS.Timeout | null = null;
  ctx.outbox.onAppend((names) => {
    ctx.emit('syncChanged', { ticketsChanged: false });
    if (options.sendDelayMs === null) return;
    if (names.includes('conversation.sendMessage')) {
      void engine.pushNow();
      return;
    }
    if (sendSoon) return;
    sendSoon = setTimeout(() => {
      sendSoon = null;
      void engine.syncNow();
    }, options.sendDelayMs ?? 200);
    sendSoon.unref();
  });

  const ACCOUNT_KEY = 'headOfficeAccount';
  const storedAccount = (): AccountView | null => {
    const raw = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ACCOUNT_KEY) as string | undefined;
    const parsed = raw ? AccountView.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : null;
  };

  const status = (): SyncStatus => {
    const s = engine.status();
    const account = agents.current() ? storedAccount() : null;
    // No session but an agent at the desk: the session ended (expired, revoked); their changes wait for them.
    const connection = s.connection === 'signedOut' && account ? 'signInRequired' : s.connection;
    return {
      headOffice: true,
      connection,
      account: account ? { login: account.login, displayName: account.displayName, role: account.role } : null,
      pending: s.pending,
      held: s.held,
      lastSyncedAt: s.lastSyncedAt,
      lastError: s.lastError,
      pulling: s.pulling,
    };
  };

  // A backlog left by a stop mid-way is worked off now.
  indexer.kick();
  // The cache keeps a month of ended conversations; head office keeps them all.
  pruneEndedConversations(ctx.db, ctx.now() - KEEP_ENDED_MS);
  // A desk that starts with a session kept from last time connects at once (the agent is offered conversations
  // only while connected), not on the minute's timer. Tests that drive rounds themselves say so with sendDelayMs null.
  if (options.tokens.load() && options.sendDelayMs !== null) void engine.syncNow();

  return {
    engine,
    live,
    replica,
    indexer,
    client,
    status,

    async signIn(login: string, password: string): Promise<SyncStatus> {
      let account: AccountView;
      try {
        account = (await client.signIn(login, password)).account;
      } catch (err) {
        if (!(err instanceof HeadOfficeError)) throw err;
        if (err.kind === 'REFUSED') throw new DeskError('SIGN_IN_FAILED', err.code === 'RATE_LIMITED' ? 'too many attempts; wait a few minutes' : 'login or password not accepted');
        throw new DeskError('HEAD_OFFICE_UNREACHABLE', err.message);
      }
      const { accountId } = ctx.outbox.client();
      if (accountId && accountId !== account.id && ctx.outbox.counts().pending > 0) {
        // Another agent's changes must go as theirs, never as this agent's.
        await client.signOut();
        throw new DeskError('CONFLICT', 'changes made by the previous agent at this desk wait to be sent; they must sign in first');
      }
      ctx.db.transaction(() => {
        agents.adopt(account);
        ctx.db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(ACCOUNT_KEY, JSON.stringify(account));
      })();
      engine.signedIn();
      ctx.emit('syncChanged', { ticketsChanged: false });
      return status();
    },

    /** The agent leaves the desk; their unsent changes stay in the outbox for when they sign in again. */
    async signOut(): Promise<SyncStatus> {
      await client.signOut();
      ctx.db.transaction(() => {
        agents.leave();
        ctx.db.prepare('DELETE FROM settings WHERE key = ?').run(ACCOUNT_KEY);
      })();
      engine.signedOut();
      return status();
    },

    notices(): SyncNotice[] {
      const ticketNo = ctx.db.prepare('SELECT ticket_no FROM tickets WHERE id = ?').pluck();
      return ctx.outbox.notices().map((n) => ({
        id: n.id,
        mutation: n.mutationName,
        ticketId: n.ticketId,
        ticketNo: n.ticketId ? ((ticketNo.get(n.ticketId) as string | undefined) ?? n.ticketNo) : null,
        code: n.code,
        message: n.message,
        conflict: n.conflict,
        at: n.at,
      }));
    },

    dismissNotice(id: string): { ok: true } {
      if (!ctx.outbox.dismissNotice(id, ctx.now())) throw new DeskError('NOT_FOUND', 'no such notice');
      ctx.emit('syncChanged', { ticketsChanged: false });
      return { ok: true };
    },

    close: () => {
      indexer.stop();
      if (sendSoon) clearTimeout(sendSoon);
      ctx.outbox.onAppend(null);
      return engine.stop();
    },
  };
}

export type HeadOfficeSession = ReturnType<typeof createHeadOfficeSession>;
