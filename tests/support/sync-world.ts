import { expect } from 'vitest';
import { createDesk, type Desk } from '../../electron/node/app/create-desk.js';
import { memoryTokenStore, type TokenStore } from '../../electron/node/head-office/token-store.js';
import { api, freshStore, setupAdmin, startHeadOffice, type Backend, type RunningHeadOffice } from './head-office-process.js';
import { startNetworkLink, type NetworkLink } from './network-link.js';
import { tempCacheFile } from './temp-desk.js';

export const PASSWORD = 'Zuoxi#2026-pass';
const ADMIN_PASSWORD = 'Zongbu#2026-admin';

export interface TicketState {
  id: string;
  ticketNo: string;
  status: string;
  priority: string;
  category: string;
  title: string;
  ownerId: string | null;
}
export interface EventState {
  id: string;
  ticketId: string;
  kind: string;
  field: string | null;
  fromValue: string | null;
  toValue: string | null;
  note: string | null;
}
export interface ReplicaState {
  tickets: Record<string, TicketState>;
  events: Record<string, EventState>;
}

/**
 * A head office (a real process on loopback, embedded PGlite unless told
 * otherwise) behind a line the test can cut, one office with agents
 * `agent_a`, `agent_b`, `agent_c` and team lead `lead_a`, and desks with
 * their own SQLite files signed in as them.
 */
export async function startSyncWorld(options: { backend?: Backend; env?: NodeJS.ProcessEnv } = {}) {
  const store = await freshStore(options.backend ?? 'pglite');
  const env = { ...store.env, ...options.env };
  await setupAdmin(store.dataDir, 'root', ADMIN_PASSWORD, env);
  let ho: RunningHeadOffice = await startHeadOffice(store.dataDir, env);
  const link: NetworkLink = await startNetworkLink(ho.url);
  const rootToken = async () => (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: ADMIN_PASSWORD })).body.accessToken as string;
  const office = (await api(ho.url, 'POST', '/api/offices', { code: 'NJ01', name: '南京网点' }, await rootToken())).body.id as string;
  const accounts: Record<string, string> = {};
  for (const [login, role] of [
    ['agent_a', 'agent'],
    ['agent_b', 'agent'],
    ['agent_c', 'agent'],
    ['lead_a', 'lead'],
  ] as const) {
    const r = await api(ho.url, 'POST', '/api/accounts', { login, displayName: `坐席${login.slice(-1).toUpperCase()}`, role, officeId: office, password: PASSWORD }, await rootToken());
    accounts[login] = r.body.id;
  }
  const desks = new Set<Desk>();

  const world = {
    get ho() {
      return ho;
    },
    link,
    office,
    accounts,
    dataDir: store.dataDir,
    env,
    /** An access token of head office's administrator (root). */
    adminToken: rootToken,

    /** A desk with its own cache file, signed in as `login` (unless `signIn: false`). */
    async desk(
      login: string,
      o: { cacheFile?: string; tokens?: TokenStore; signIn?: boolean; live?: boolean; pageSize?: number; sendDelayMs?: number | null } = {},
    ): Promise<Desk> {
      const desk = createDesk({
        cacheFile: o.cacheFile ?? tempCacheFile(),
        headOffice: {
          url: link.url,
          tokens: o.tokens ?? memoryTokenStore(),
          live: o.live ?? false,
          pollMs: 3_600_000,
          sendDelayMs: o.sendDelayMs === undefined ? null : o.sendDelayMs,
          ...(o.pageSize ? { pageSize: o.pageSize } : {}),
        },
      });
      desks.add(desk);
      if (o.signIn !== false) await desk.headOffice!.signIn(login, PASSWORD);
      await desk.headOffice!.engine.syncNow();
      return desk;
    },

    forget(desk: Desk) {
      desks.delete(desk);
    },

    /** What head office holds, read with a fresh pull as the administrator. */
    async serverState(): Promise<ReplicaState> {
      const token = await rootToken();
      const state: ReplicaState = { tickets: {}, events: {} };
      let cursor = { epoch: null as string | null, scopes: {} as Record<string, number> };
      for (;;) {
        const r = await api(ho.url, 'POST', '/api/sync/pull', { clientId: crypto.randomUUID(), cursor, limit: 5000 }, token);
        for (const c of r.body.changes) {
          // Tickets and their history; the library is compared by its own tests.
          if (c.entity !== 'ticket' && c.entity !== 'ticket_event') continue;
          const bucket = c.entity === 'ticket' ? state.tickets : state.events;
          if (c.deleted) delete bucket[c.id];
          else if (c.entity === 'ticket') state.tickets[c.id] = ticketState(c.data);
          else state.events[c.id] = eventState(c.data);
        }
        cursor = r.body.cursor;
        if (!r.body.more) return state;
      }
    },

    /** Let everything settle: every outbox empty and a further round on every desk brings nothing. */
    async settle(list: Desk[], rounds = 20): Promise<void> {
      for (let i = 0; i < rounds; i++) {
        let quiet = true;
        for (const d of list) {
          const report = await d.headOffice!.engine.syncNow();
          if (!report) throw new Error(`a desk could not sync: ${JSON.stringify(d.headOffice!.status())}`);
          if (report.pushed + report.rejected + report.pulled > 0 || d.outbox.counts().pending > 0) quiet = false;
        }
        if (quiet) return;
      }
      throw new Error('the desks did not settle');
    },

    /** Every desk's cache equals head office, record for record. */
    async expectConverged(list: Desk[]): Promise<ReplicaState> {
      const server = await world.serverState();
      for (const d of list) {
        expect(d.outbox.counts().pending).toBe(0);
        expect(cacheState(d)).toEqual(server);
      }
      return server;
    },

    /** Stop head office (SIGTERM, or SIGKILL as a crash) and start it again on the same data. */
    async restartServer(signal: NodeJS.Signals = 'SIGTERM', beforeStart?: () => Promise<void> | void): Promise<void> {
      link.cut();
      await ho.stop(signal);
      await beforeStart?.();
      ho = await startHeadOffice(store.dataDir, env);
      link.retarget(ho.url);
      link.mend();
    },

    async close() {
      for (const d of desks) await d.close();
      await link.close();
      await ho.stop();
    },
  };
  return world;
}

export type SyncWorld = Awaited<ReturnType<typeof startSyncWorld>>;

const ticketState = (t: Record<string, any>): TicketState => ({
  id: t.id,
  ticketNo: t.ticketNo,
  status: t.status,
  priority: t.priority,
  category: t.category,
  title: t.title,
  ownerId: t.owner?.id ?? null,
});
const eventState = (e: Record<string, any>): EventState => ({ id: e.id, ticketId: e.ticketId, kind: e.kind, field: e.field, fromValue: e.fromValue, toValue: e.toValue, note: e.note });

/** What a desk's cache shows (tickets and their history), in the same shape. */
export function cacheState(desk: Desk): ReplicaState {
  const state: ReplicaState = { tickets: {}, events: {} };
  for (const t of desk.db.prepare('SELECT id, ticket_no, status, priority, category, title, owner_agent_id FROM tickets').all() as Record<string, any>[]) {
    state.tickets[t.id] = { id: t.id, ticketNo: t.ticket_no, status: t.status, priority: t.priority, category: t.category, title: t.title, ownerId: t.owner_agent_id };
  }
  for (const e of desk.db.prepare('SELECT id, ticket_id, kind, field, from_value, to_value, note FROM ticket_events').all() as Record<string, any>[]) {
    state.events[e.id] = { id: e.id, ticketId: e.ticket_id, kind: e.kind, field: e.field, fromValue: e.from_value, toValue: e.to_value, note: e.note };
  }
  return state;
}
