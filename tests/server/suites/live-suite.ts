import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ticketNumber, uuidv7 } from '../../../shared/domain/ids.js';
import { api, freshStore, setupAdmin, startHeadOffice, type Backend, type RunningHeadOffice } from '../../support/head-office-process.js';

const PASSWORD = 'Zuoxi#2026-pass';

/** Messages a desk's live socket receives, and a way to wait for one. */
function liveSocket(base: string, token: string) {
  const received: { type: string; scope?: string }[] = [];
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/sync/live?access_token=${encodeURIComponent(token)}`);
  ws.on('message', (d) => received.push(JSON.parse(d.toString()) as { type: string; scope?: string }));
  const opened = new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', fail);
  });
  const until = async (pred: (m: { type: string; scope?: string }) => boolean, ms = 5_000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (received.some(pred)) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  };
  return { ws, received, opened, until };
}

/** The head-office live-poke suite, run against each database backend. */
export function liveSuite(backend: Backend): void {
  describe(`live pokes on ${backend}`, () => {
    let ho: RunningHeadOffice;
    let second: RunningHeadOffice | undefined;
    const token: Record<string, string> = {};
    let office1 = '';

    beforeAll(async () => {
      const { dataDir, env } = await freshStore(backend);
      await setupAdmin(dataDir, 'root', 'Zongbu#2026-admin', env);
      // Live sockets are checked every second here (30 s by default), so an ended session shows quickly.
      ho = await startHeadOffice(dataDir, { ...env, MOTORDESK_LIVE_HEARTBEAT_MS: '1000' });
      // A second instance on the same PostgreSQL: pokes must cross between them.
      if (backend === 'postgres') second = await startHeadOffice(dataDir, env);
      const root = (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: 'Zongbu#2026-admin' })).body.accessToken;
      office1 = (await api(ho.url, 'POST', '/api/offices', { code: 'NJ01', name: '南京网点' }, root)).body.id;
      const office2 = (await api(ho.url, 'POST', '/api/offices', { code: 'SZ01', name: '苏州网点' }, root)).body.id;
      for (const [login, officeId] of [['agent_a', office1], ['agent_b', office1], ['agent_c', office2]] as const) {
        await api(ho.url, 'POST', '/api/accounts', { login, displayName: login, role: 'agent', officeId, password: PASSWORD }, root);
        token[login] = (await api(ho.url, 'POST', '/api/auth/login', { login, password: PASSWORD })).body.accessToken;
      }
    }, 120_000);
    afterAll(async () => {
      await second?.stop();
      await ho?.stop();
    });

    const createTicket = (who: string, base = ho.url) =>
      api(
        base,
        'POST',
        '/api/sync/push',
        {
          clientId: randomUUID(),
          mutations: [
            {
              mutationId: 1,
              name: 'ticket.create',
              args: { id: uuidv7(), eventId: uuidv7(), ticketNo: ticketNumber(), type: 'consultation', category: '续保', priority: 'normal', title: '续保咨询', description: '', conversationId: null, customerId: null, at: Date.now() },
            },
          ],
        },
        token[who],
      );

    it('pokes the desks of the office that changed, and no other office', async () => {
      const b = liveSocket(ho.url, token.agent_b!);
      const c = liveSocket(ho.url, token.agent_c!);
      await Promise.all([b.opened, c.opened]);
      expect(await b.until((m) => m.type === 'hello')).toBe(true);
      expect((await createTicket('agent_a')).body.results[0].status).toBe('applied');
      expect(await b.until((m) => m.type === 'poke' && m.scope === `office:${office1}`)).toBe(true);
      expect(await c.until((m) => m.type === 'poke', 500)).toBe(false);
      b.ws.close();
      c.ws.close();
    });

    it('closes a live socket once its session ends (signed out), though its access token has not expired', async () => {
      const session = (await api(ho.url, 'POST', '/api/auth/login', { login: 'agent_b', password: PASSWORD })).body;
      const b = liveSocket(ho.url, session.accessToken);
      await b.opened;
      const closed = new Promise<number>((ok) => b.ws.once('close', (code) => ok(code)));
      expect((await api(ho.url, 'POST', '/api/auth/logout', { refreshToken: session.refreshToken })).status).toBe(200);
      expect(await Promise.race([closed, new Promise((r) => setTimeout(() => r('still open'), 5_000))])).toBe(4401);
    });

    it('refuses a live socket without a valid token', async () => {
      await expect(liveSocket(ho.url, 'forged').opened).rejects.toThrow('HTTP 401');
    });

    it.runIf(backend === 'postgres')('carries a change made through one instance to a desk on another (LISTEN/NOTIFY)', async () => {
      const b = liveSocket(second!.url, token.agent_b!);
      await b.opened;
      expect((await createTicket('agent_a', ho.url)).body.results[0].status).toBe('applied');
      expect(await b.until((m) => m.type === 'poke' && m.scope === `office:${office1}`)).toBe(true);
      b.ws.close();
    });
  });
}
