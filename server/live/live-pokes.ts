import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccountView } from '../../shared/head-office/auth.js';
import type { AuthService } from '../auth/auth-service.js';
import type { SqlClient } from '../db/sql-client.js';
import { scopesOf } from '../sync/pull.js';

/** The PostgreSQL channel every instance listens on; the payload is a scope. */
export const SYNC_CHANNEL = 'motordesk_sync';
const PATH = '/api/sync/live';
const HEARTBEAT_MS = 30_000;

interface Desk {
  socket: WebSocket;
  scopes: Set<string>;
  alive: boolean;
  sessionId: string;
}

/** What else rides on the desks' live sockets (conversations), and other live paths (the web chat). */
export interface LiveHooks {
  /** A desk's socket is open; it returns the handler for what the desk sends, and is told when it closes. */
  deskConnected(socket: WebSocket, account: AccountView): { message(text: string): void; closed(): void };
  /** Upgrades on other paths (the customers' web chat). */
  otherPaths: Record<string, (req: import('node:http').IncomingMessage, socket: Duplex, head: Buffer) => void>;
}

/**
 * Live pokes: a desk keeps a WebSocket open and is told "scope X changed";
 * it then pulls. Every change notifies SYNC_CHANNEL in the transaction that
 * wrote it, so with several instances on one PostgreSQL a change made
 * through any of them reaches desks connected to all of them. Pokes can be
 * missed (a dropped socket), so desks also pull on reconnect and on a timer.
 */
export async function attachLivePokes(
  server: Server,
  db: SqlClient,
  auth: AuthService,
  hooks?: LiveHooks,
  heartbeatMs = HEARTBEAT_MS,
): Promise<{ close(): Promise<void>; connected(): number }> {
  const desks = new Set<Desk>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  wss.on('error', () => undefined);

  const refuse = (socket: Duplex, status: string) => {
    socket.on('error', () => undefined);
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  };

  server.on('upgrade', (req, socket, head) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://head-office');
    } catch {
      refuse(socket, '400 Bad Request');
      return;
    }
    const other = hooks && Object.hasOwn(hooks.otherPaths, url.pathname) ? hooks.otherPaths[url.pathname] : undefined;
    if (other) {
      other(req, socket, head);
      return;
    }
    if (url.pathname !== PATH) {
      refuse(socket, '404 Not Found');
      return;
    }
    // Desks send the token in a header; a browser cannot set one on a WebSocket, so it may come in the query.
    const header = req.headers.authorization;
    void auth
      .authenticate(header ?? `Bearer ${url.searchParams.get('access_token') ?? ''}`)
      .then(async (caller) => {
        const scopes = new Set(await scopesOf(db, caller.account));
        wss.handleUpgrade(req, socket, head, (ws) => {
          const desk: Desk = { socket: ws, scopes, alive: true, sessionId: caller.sessionId };
          desks.add(desk);
          const conversations = hooks?.deskConnected(ws, caller.account);
          ws.on('pong', () => (desk.alive = true));
          ws.on('close', () => {
            desks.delete(desk);
            conversations?.closed();
          });
          ws.on('error', () => ws.terminate());
          ws.on('message', (data) => conversations?.message(data.toString()));
          // Head office's clock: desks show its times (waiting, first response) in their own clock's terms.
          ws.send(JSON.stringify({ type: 'hello', scopes: [...scopes], now: Date.now() }));
        });
      })
      .catch(() => refuse(socket, '401 Unauthorized'));
  });

  const unlisten = await db.listen(SYNC_CHANNEL, (scope) => {
    const message = JSON.stringify({ type: 'poke', scope });
    for (const desk of desks) if (desk.scopes.has(scope) && desk.socket.readyState === desk.socket.OPEN) desk.socket.send(message);
  });

  const heartbeat = setInterval(() => {
    for (const desk of desks) {
      if (!desk.alive) {
        desk.socket.terminate();
        desks.delete(desk);
        continue;
      }
      desk.alive = false;
      desk.socket.ping();
    }
    // A socket outlives its access token, not its session: signing out, a revoked session or a disabled account closes it.
    const open = [...desks];
    auth
      .liveSessions([...new Set(open.map((d) => d.sessionId))])
      .then((live) => {
        for (const desk of open) if (!live.has(desk.sessionId)) desk.socket.close(4401, 'session ended');
      })
      .catch(() => undefined);
  }, heartbeatMs);
  heartbeat.unref();

  return {
    connected: () => desks.size,
    close: async () => {
      clearInterval(heartbeat);
      for (const desk of desks) desk.socket.terminate();
      wss.close();
      await unlisten();
    },
  };
}
