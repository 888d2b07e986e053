import { WebSocket } from 'ws';
import type { Cursor, PullResponse } from '../../../shared/head-office/sync.js';
import { LIBRARY_SCOPE } from '../../../shared/head-office/library.js';
import { backoffMs } from '../head-office/backoff.js';
import { HeadOfficeError, type HeadOfficeClient } from '../head-office/head-office-client.js';
import type { TokenStore } from '../head-office/token-store.js';
import type { Outbox, OutboxEntry } from '../outbox/outbox.js';
import type { Replica } from './replica.js';

export type Connection = 'signedOut' | 'online' | 'offline' | 'signInRequired';

export interface SyncEngineOptions {
  client: HeadOfficeClient;
  tokens: TokenStore;
  outbox: Outbox;
  replica: Replica;
  baseUrl: string;
  now: () => number;
  /** Something the agent sees changed: the connection, the queue, or these tickets. */
  onChange: (tickets: Set<string>) => void;
  log?: (message: string, err?: unknown) => void;
  /** Pull this often even without pokes, since a poke can be missed. */
  pollMs?: number;
  pageSize?: number;
  /** Keep a live socket for pokes (off in tests that drive rounds by hand). */
  live?: boolean;
  /** After each pulled page is applied: how many changes this round has pulled so far. */
  onPage?: (pulled: number) => void;
  /** Everything else head office says on the live socket (conversations); `hello` on every (re)connect, `closed` when it drops. */
  onLive?: (message: { type: string } & Record<string, unknown>) => void;
  /** After each push: the mutations head office took, and those it refused with the reason. */
  onPushed?: (confirmed: OutboxEntry[], refused: { entry: OutboxEntry; reason: { code: string; message: string } }[]) => void;
}

export interface RoundReport {
  pushed: number;
  rejected: number;
  pulled: number;
}

/**
 * Drains the outbox to head office and pulls what changed, in rounds:
 * push everything waiting, then pull until caught up, then rebuild the
 * records whose mutations were settled. Rounds run one at a time; asking
 * for one while one runs queues exactly one more. A failed round says why
 * (offline, head office down, sign-in needed) and the next is tried after
 * a backoff with jitter, on a poke, on the timer, or when the OS says the
 * network is back.
 */
export function createSyncEngine(o: SyncEngineOptions) {
  const log = o.log ?? (() => undefined);
  let connection: Connection = o.tokens.load() ? 'offline' : 'signedOut';
  let lastSyncedAt: number | null = null;
  let lastError: string | null = null;
  let failures = 0;
  let networkUp = true;
  let running: Promise<RoundReport | null> | null = null;
  let again = false;
  /** The round asked for while one ran wants a pull too (not only a push). */
  let againPull = false;
  let retry: NodeJS.Timeout | null = null;
  let socket: WebSocket | null = null;
  let socketFailures = 0;
  let reconnect: NodeJS.Timeout | null = null;
  let stopped = false;
  /** Changes pulled so far by the running round (a first sync shows its progress). */
  let pulling = 0;
  const poll = setInterval(() => void kick(), o.pollMs ?? 60_000);
  poll.unref();

  const me = () => o.tokens.load()?.accountId ?? null;

  const pushAll = async (account: string, report: RoundReport, touched: Set<string>) => {
    for (let guard = 0; guard < 10_000; guard++) {
      let { clientId, accountId, pushEpoch } = o.outbox.client();
      if (!clientId || accountId !== account) {
        clientId = o.outbox.startClient(account);
        pushEpoch = null;
      }
      const batch = o.outbox.pushable(500);
      if (batch.length === 0) return;
      const res = await o.client.push({ clientId, epoch: pushEpoch, mutations: batch.map((e) => ({ mutationId: e.pushId!, name: e.name, args: e.args })) });
      const byPushId = new Map(batch.map((e) => [e.pushId!, e]));
      const at = o.now();
      const rolledBack = new Set<string>();
      const confirmed: OutboxEntry[] = [];
      const refused: { entry: OutboxEntry; reason: { code: string; message: string } }[] = [];
      const toSettle: number[] = [];
      for (const r of res.results) {
        const entry = byPushId.get(r.mutationId);
        if (!entry) continue;
        if (r.status === 'rejected') {
          const reason = r.reason ?? { code: 'REJECTED', message: 'head office refused this change' };
          o.outbox.reject(entry, reason, at);
          refused.push({ entry, reason });
          if (entry.recordId) rolledBack.add(entry.recordId);
          toSettle.push(entry.mutationId);
          report.rejected++;
        } else {
          confirmed.push(entry);
          report.pushed++;
        }
      }
      o.outbox.confirm(
        confirmed.map((e) => e.mutationId),
        res.epoch,
        at,
      );
      o.onPushed?.(confirmed, refused);
      // Refused changes are rolled back at once: head office's copy, with what is still pending on top.
      // They count as settled only once the cache is rebuilt (a crash before that rebuilds on the next round).
      for (const id of rolledBack) {
        o.replica.rebuildTicket(id);
        touched.add(id);
      }
      o.outbox.markSettled(toSettle);
      if (res.forgotten || (pushEpoch !== null && res.epoch !== pushEpoch)) {
        // Head office was restored from an older backup: resend what it confirmed before, in order, under a new desk id.
        log(`head office ${res.forgotten ? 'does not know this desk' : `epoch changed (${pushEpoch} -> ${res.epoch})`}; resending confirmed changes`);
        o.outbox.resendAfterRestore(account, pushEpoch);
        continue;
      }
      if (res.results.length > 0) o.outbox.setPushEpoch(res.epoch);
      if (res.expectedMutationId !== undefined) {
        o.outbox.resendFrom(res.expectedMutationId, account);
        continue;
      }
      if (res.results.length === 0) throw new HeadOfficeError('BAD_RESPONSE', 'head office applied nothing and gave no reason');
    }
  };

  const pullAll = async (account: string, report: RoundReport, touched: Set<string>): Promise<boolean> => {
    let resent = false;
    const clientId = o.outbox.client().clientId ?? o.outbox.startClient(account);
    const ask = (cursor: Cursor) => {
      // Settled at once, so a page asked for ahead never becomes an unhandled rejection.
      const answer = o.client.pull(clientId, cursor, o.pageSize ?? 2000).then(
        (page) => ({ page }),
        (error: unknown) => ({ error }),
      );
      return async (): Promise<PullResponse> => {
        const r = await answer;
        if ('error' in r) throw r.error;
        return r.page;
      };
    };
    let next = ask(o.replica.cursor());
    const repulled = new Set<string>();
    for (;;) {
      const page = await next();
      // The next page travels while this one is applied.
      if (page.more) next = ask(o.replica.cursorAfter(page));
      const { pushEpoch } = o.outbox.client();
      if (page.reset && pushEpoch !== null && (page.behind || pushEpoch !== page.cursor.epoch)) {
        // Head office is behind this desk or starts a new history: what it confirmed may be lost there.
        o.outbox.resendAfterRestore(account, pushEpoch);
        resent = true;
      }
      const applied = o.replica.applyPage(page);
      for (const id of applied.tickets) touched.add(id);
      if (applied.drifted.length > 0) {
        log(`scopes drifted from head office, pulling them again: ${applied.drifted.join(', ')}`);
        // A drift after a restore (the cursor not ahead, versions reused): what head office confirmed may be gone.
        const { pushEpoch: epoch } = o.outbox.client();
        if (epoch !== null && !resent && applied.drifted.some((scope) => scope !== LIBRARY_SCOPE)) {
          o.outbox.resendAfterRestore(account, epoch);
          resent = true;
        }
      }
      report.pulled += page.changes.length;
      pulling = report.pulled;
      o.onPage?.(report.pulled);
      // A drifted scope starts again from nothing, once a round: if it drifts again, something is wrong at head office.
      if (applied.drifted.some((s) => repulled.has(s))) throw new HeadOfficeError('BAD_RESPONSE', `scope ${applied.drifted.join(', ')} disagrees with its checksum again`);
      for (const s of applied.drifted) repulled.add(s);
      if (stopped) return resent;
      if (applied.drifted.length > 0) next = ask(o.replica.cursor());
      else if (!page.more) return resent;
    }
  };

  /** A round pushes, then pulls; a reply to a customer only needs its push (head office's socket brings the rest). */
  const round = async (pushOnly = false): Promise<RoundReport | null> => {
    const account = me();
    if (!account) {
      // The session ended (here or in a call outside the rounds): the live socket was that account's.
      connection = 'signedOut';
      closeSocket();
      return null;
    }
    if (!networkUp) {
      connection = 'offline';
      return null;
    }
    const report: RoundReport = { pushed: 0, rejected: 0, pulled: 0 };
    const touched = new Set<string>();
    pulling = 0;
    try {
      await pushAll(account, report, touched);
      if (!pushOnly && (await pullAll(account, report, touched))) await pushAll(account, report, touched);
      // Confirmed changes are now in head office's copy. Where head office did not keep the
      // history entry the desk wrote (an edit that changed nothing, say), rebuild the record from it.
      // Not after a push alone: head office's copy here is then older than what was just confirmed.
      if (!pushOnly) {
        const settled = o.outbox.unsettled();
        const stale = settled.filter((s) => s.recordId && !(s.eventId && o.replica.holds('ticket_event', s.eventId)));
        for (const id of new Set(stale.map((s) => s.recordId!))) {
          o.replica.rebuildTicket(id);
          touched.add(id);
        }
        o.outbox.markSettled(settled.map((s) => s.mutationId));
        o.outbox.prune(o.now());
      }
      connection = 'online';
      lastSyncedAt = o.now();
      lastError = null;
      failures = 0;
      if (!socket) openSocket();
      return report;
    } catch (err) {
      if (!(err instanceof HeadOfficeError)) {
        // Not head office's doing (a cache that cannot be written, a bug): say so, and try again later.
        log('sync round failed', err);
        lastError = err instanceof Error ? err.message : String(err);
        connection = 'offline';
        failures++;
        scheduleRetry();
        return null;
      }
      lastError = err.message;
      if (err.kind === 'SIGN_IN_REQUIRED') {
        // The changes stay queued; they go once the agent signs in again.
        connection = 'signInRequired';
        closeSocket();
        return null;
      }
      // Refused or unreadable answers count as offline too: nothing syncs, and lastError says why.
      connection = 'offline';
      failures++;
      log(`sync round failed (${err.kind}): ${err.message}`);
      scheduleRetry();
      return null;
    } finally {
      pulling = 0;
      o.onChange(touched);
    }
  };

  const scheduleRetry = () => {
    if (retry || stopped) return;
    retry = setTimeout(() => {
      retry = null;
      void kick();
    }, backoffMs(failures));
    retry.unref();
  };

  /** Run a round now, or one more after the running one; resolves with that round's report. */
  const kick = (pushOnly = false): Promise<RoundReport | null> => {
    if (stopped) return Promise.resolve(null);
    if (running) {
      // The running loop checks this after its round, so it runs one more.
      again = true;
      if (!pushOnly) againPull = true;
      return running;
    }
    running = (async () => {
      try {
        let report = await round(pushOnly);
        while (again && !stopped) {
          const pull = againPull;
          again = false;
          againPull = false;
          report = await round(!pull);
        }
        return report;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const closeSocket = () => {
    if (reconnect) clearTimeout(reconnect);
    reconnect = null;
    if (socket) o.onLive?.({ type: 'closed' });
    socket?.removeAllListeners();
    socket?.on('error', () => undefined);
    socket?.terminate();
    socket = null;
  };

  /** Pokes: head office says a scope changed, the desk pulls. It pulls again on every reconnect, since pokes sent meanwhile are lost. */
  const openSocket = () => {
    if (o.live === false || stopped) return;
    const token = o.tokens.load()?.accessToken;
    if (!token) return;
    // The token goes in a header, where proxies do not log it as they log addresses.
    const ws = new WebSocket(`${o.baseUrl.replace(/^http/, 'ws')}/api/sync/live`, { handshakeTimeout: 10_000, headers: { authorization: `Bearer ${token}` } });
    socket = ws;
    ws.on('message', (data) => {
      let message: { type: string } & Record<string, unknown>;
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        return;
      }
      if (message.type === 'poke') void kick();
      else if (message.type === 'hello') {
        socketFailures = 0;
        void kick();
        o.onLive?.(message);
      } else o.onLive?.(message);
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (socket !== ws) return;
      socket = null;
      o.onLive?.({ type: 'closed' });
      if (stopped || connection === 'signedOut' || connection === 'signInRequired') return;
      socketFailures++;
      reconnect = setTimeout(() => {
        reconnect = null;
        // A refused upgrade is often an expired token: a round refreshes it, then reconnects.
        void kick().then(() => {
          if (!socket) openSocket();
        });
      }, backoffMs(socketFailures));
      reconnect.unref();
    });
  };

  return {
    /** Run a sync round (or wait for the one after the running one). */
    syncNow: () => kick(),
    /** Send what waits, without pulling (a reply to a customer). */
    pushNow: () => kick(true),
    status: () => ({ connection, lastSyncedAt, lastError, pulling, ...o.outbox.counts() }),
    /** The OS says the network went away or came back (Electron's online/offline). */
    setNetworkAvailable(up: boolean) {
      networkUp = up;
      if (!up) {
        connection = me() ? 'offline' : 'signedOut';
        closeSocket();
        o.onChange(new Set());
      } else void kick();
    },
    /** After sign-in: start syncing, on a live socket of the account now signed in. */
    signedIn() {
      closeSocket();
      connection = 'offline';
      failures = 0;
      void kick();
    },
    signedOut() {
      connection = 'signedOut';
      closeSocket();
      o.onChange(new Set());
    },
    liveConnected: () => socket?.readyState === WebSocket.OPEN,
    /** Say something to head office on the live socket (typing, viewing, read); false when it is down. */
    sendLive(command: object): boolean {
      if (socket?.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(command));
      return true;
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (retry) clearTimeout(retry);
      closeSocket();
      await running?.catch(() => undefined);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
