import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from '../http/http-error.js';

/**
 * The customers' web chat page (static files in ./page). Everything is read
 * once at start into an allow-list keyed by file name: a request can only
 * ever get one of those buffers, so no path from the address reaches the
 * file system (no traversal, no files added later).
 */
const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The page loads nothing but its own files and talks only to this server (the WebSocket included). */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    const path = join(dir, name);
    if (!type || !statSync(path).isFile()) continue;
    const body = readFileSync(path);
    assets.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` });
  }
  return assets;
}

function secure(reply: FastifyReply): FastifyReply {
  // no-cache: revalidate every time (the ETag makes that cheap), so a fix reaches phones on the next visit.
  return reply
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache');
}

export function registerWebChatPage(app: FastifyInstance): void {
  const assets = loadAssets(PAGE_DIR);
  const index = assets.get('index.html');
  if (!index) throw new Error(`web chat page missing: ${join(PAGE_DIR, 'index.html')}`);

  const send = (ifNoneMatch: string | undefined, reply: FastifyReply, asset: Asset) => {
    secure(reply).header('content-type', asset.type).header('etag', asset.etag);
    if (ifNoneMatch === asset.etag) return reply.status(304).send();
    return reply.send(asset.body);
  };

  app.get('/chat', (req, reply) => send(req.headers['if-none-match'], reply, index));
  app.get('/chat/', (req, reply) => send(req.headers['if-none-match'], reply, index));
  // One wildcard route: every address under /assets/ answers here, never falls through to another handler.
  app.get<{ Params: { '*': string } }>('/chat/assets/*', (req, reply) => {
    const asset = assets.get(req.params['*']);
    if (!asset) return secure(reply).status(404).send(new HttpError('NOT_FOUND', 'no such file').body());
    return send(req.headers['if-none-match'], reply, asset);
  });
}
