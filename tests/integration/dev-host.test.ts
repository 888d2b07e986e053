import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tcpConnect } from 'node:net';
import WebSocket from 'ws';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { startDevHost, type DevHost } from '../../electron/node/devhost/dev-host.js';
import { tempDesk } from '../support/temp-desk.js';

let desk: Desk;
let host: DevHost;
let origin: string;

beforeAll(async () => {
  desk = tempDesk();
  const rendererDir = mkdtempSync(join(tmpdir(), 'md-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>MotorDesk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  host = await startDevHost({ desk, rendererDir });
  origin = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  desk.close();
});

function connect(token: string, wsOrigin = origin): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/desk?token=${encodeURIComponent(token)}`, { origin: wsOrigin });
    ws.once('open', () => ok(ws));
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', fail);
  });
}

function request(ws: WebSocket, id: number, call: string, input: unknown): Promise<any> {
  return new Promise((ok) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if (msg.id === id) {
        ws.off('message', onMessage);
        ok(msg.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, call, input }));
  });
}

describe('development host', () => {
  it('binds to loopback only', () => {
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain(`ws://127.0.0.1:${host.port}`);
  });

  it('refuses paths outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret']) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status).toBe(404);
    }
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses a WebSocket without this run’s token or from another origin', async () => {
    await expect(connect('wrong-token')).rejects.toThrow('HTTP 403');
    await expect(connect(host.token, 'http://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('answers contract calls and pushes events', async () => {
    const ws = await connect(host.token);
    const conv = desk.services.conversations.open({ customerId: null, customerName: '孙女士', channel: 'webchat', subject: '' });
    const event = new Promise<any>((ok) => ws.on('message', (d) => { const m = JSON.parse(d.toString()); if (m.event) ok(m); }));
    const sent = await request(ws, 1, 'conversations.send', { conversationId: conv.id, body: '您好，很高兴为您服务' });
    expect(sent).toMatchObject({ ok: true, data: { body: '您好，很高兴为您服务', direction: 'out' } });
    expect(await event).toEqual({ event: 'conversationChanged', payload: { conversationId: conv.id } });
    expect(await request(ws, 2, 'tickets.create', { type: 'nope' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await request(ws, 3, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    ws.close();
  });

  it('answers a malformed frame with a typed error and stays up', async () => {
    const ws = await connect(host.token);
    const reply = new Promise<any>((ok) => ws.once('message', (d) => ok(JSON.parse(d.toString()))));
    ws.send('{not json');
    expect(await reply).toMatchObject({ id: null, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(await request(ws, 4, 'settings.get', {})).toMatchObject({ ok: true, data: { locale: 'zh-CN' } });
    ws.close();
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const res = await new Promise<string>((ok) => {
      const socket = tcpConnect(host.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('end', () => ok(data));
    });
    expect(res).toMatch(/^HTTP\/1\.1 421/);
  });

  it('survives a malformed upgrade request and an oversized frame', async () => {
    const raw = await new Promise<string>((ok) => {
      const socket = tcpConnect(host.port, '127.0.0.1', () =>
        socket.write(`GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`),
      );
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => ok(data));
      socket.on('error', () => ok(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 4\d\d/);

    const ws = await connect(host.token);
    const closed = new Promise<number>((ok) => ws.on('close', (code) => ok(code)));
    ws.on('error', () => undefined);
    ws.send('x'.repeat(300 * 1024));
    expect(await closed).toBe(1009);

    const again = await connect(host.token);
    expect(await request(again, 9, 'settings.get', {})).toMatchObject({ ok: true });
    again.close();
    expect((await fetch(`${origin}/`)).status).toBe(200);
  });
});
