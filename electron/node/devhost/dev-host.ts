import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Desk } from '../app/create-desk.js';
import { contentSecurityPolicy } from '../security/content-security-policy.js';
import { readStatic } from '../renderer-files/static-files.js';

export interface DevHostOptions {
  desk: Desk;
  /** Built renderer (vite build output). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface DevHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/** Largest call message accepted; the contract's biggest input is a few KB. */
const MAX_FRAME_BYTES = 256 * 1024;

/**
 * Development host: the real main-process services behind the same
 * contract, over a loopback WebSocket, serving the built renderer so it
 * runs in a real browser. Not a production server: it binds to 127.0.0.1
 * and every connection must carry this run's random token.
 */
export async function startDevHost(options: DevHostOptions): Promise<DevHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  let origin = '';
  let port = 0;

  // A page on another site can point its own hostname at 127.0.0.1 (DNS
  // rebinding); only requests addressed to this host by its own name pass.
  const hostOk = (host: string | undefined) => host === `127.0.0.1:${port}` || host === `localhost:${port}`;

  const server = createServer((req, res) => {
    if (!hostOk(req.headers.host)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void readStatic(rendererDir, req.url ?? '/').then((file) => {
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': contentSecurityPolicy([origin.replace(/^http/, 'ws')]),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('error', () => undefined);
  const refuse = (socket: Duplex, status: string) => {
    socket.on('error', () => undefined);
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  };
  server.on('upgrade', (req, socket, head) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', origin);
    } catch {
      refuse(socket, '400 Bad Request');
      return;
    }
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const expected = Buffer.from(token);
    const tokenOk = given.length === expected.length && timingSafeEqual(given, expected);
    if (url.pathname !== '/desk' || !tokenOk || req.headers.origin !== origin || !hostOk(req.headers.host)) {
      refuse(socket, '403 Forbidden');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws, options.desk));
  });
  server.on('clientError', (_err, socket) => refuse(socket, '400 Bad Request'));

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => ok());
      }),
  };
}

function serveClient(ws: WebSocket, desk: Desk): void {
  const unsubscribe = desk.subscribe((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
  });
  ws.on('close', unsubscribe);
  // An oversized or broken frame closes this connection (1009 / 1002), never the host.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    let msg: { id?: unknown; call?: unknown; input?: unknown };
    try {
      if (isBinary) throw new Error('binary');
      msg = JSON.parse(data.toString()) as typeof msg;
    } catch {
      ws.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'INVALID_INPUT', message: 'frame is not JSON' } } }));
      return;
    }
    const id = typeof msg.id === 'number' ? msg.id : null;
    const result =
      typeof msg.call === 'string'
        ? desk.dispatch(msg.call, msg.input)
        : { ok: false, error: { code: 'UNKNOWN_CALL', message: 'missing call name' } };
    // Calls that talk to head office answer later; the renderer matches answers by id.
    void Promise.resolve(result).then((r) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result: r }));
    });
  });
}
