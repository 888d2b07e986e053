import { WebSocket } from 'ws';
import { createDesk, type Desk } from '../../electron/node/app/create-desk.js';
import { memoryTokenStore } from '../../electron/node/head-office/token-store.js';
import { openSqlClient } from '../../server/db/sql-client.js';
import type { ChatMessage } from '../../shared/head-office/conversations.js';
import { api, freshStore, setupAdmin, startHeadOffice } from '../support/head-office-process.js';
import { tempCacheFile } from '../support/temp-desk.js';
import { percentile } from './stats.js';

const PASSWORD = 'Zuoxi#2026-pass';
const AGENTS = 50;
const CUSTOMERS = 300;
const MESSAGES_PER_CUSTOMER = 3;
const HELD_SOCKETS = 2_000;

interface Customer {
  token: string;
  socket: WebSocket;
  onMessage: ((m: ChatMessage) => void) | null;
}

async function customer(base: string, onEcho?: () => void): Promise<Customer> {
  const s = await api(base, 'POST', '/api/webchat/sessions', {});
  if (s.status !== 200) throw new Error(`web chat session refused: ${JSON.stringify(s.body)}`);
  const c: Customer = { token: s.body.token, socket: new WebSocket(`${base.replace(/^http/, 'ws')}/api/webchat/live?token=${encodeURIComponent(s.body.token)}`), onMessage: null };
  c.socket.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { type: string; message?: ChatMessage };
    if (m.type === 'message' && m.message) {
      onEcho?.();
      c.onMessage?.(m.message);
    }
  });
  await new Promise<void>((ok, fail) => {
    c.socket.once('open', () => ok());
    c.socket.once('error', fail);
  });
  return c;
}

const say = (base: string, c: Customer, text: string) =>
  api(base, 'POST', '/api/webchat/messages', { clientMessageId: crypto.randomUUID(), content: { type: 'text', text } }, c.token);

/**
 * Live chat at scale on this machine: head office in its own process,
 * 50 agents at real desks (their SQLite caches, the outbox, the live
 * socket) answering at once, 300 web chat customers.
 * - messageDeliveryP95Ms: a customer's message to the agent's desk (stored
 *   in its cache, announced to its screen) and the agent's reply back to
 *   the customer's socket.
 * - routingDecisionP95Ms: head office's routing decisions as it recorded
 *   them (the rules over the waiting queue and the agents, lock wait excluded).
 * - liveConnectionsHeld: customer sockets open at once, each of which got
 *   its own message back live, on top of the desks and customers above.
 */
export async function benchLiveChat(): Promise<Record<string, number>> {
  const { dataDir } = await freshStore('pglite');
  await setupAdmin(dataDir, 'root', 'Zongbu#2026-admin');
  const ho = await startHeadOffice(dataDir, { MOTORDESK_WEBCHAT_SESSIONS_PER_MINUTE: '100000' });
  const desks: Desk[] = [];
  const sockets: WebSocket[] = [];
  try {
    const root = (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: 'Zongbu#2026-admin' })).body.accessToken;
    const office = (await api(ho.url, 'POST', '/api/offices', { code: 'SH01', name: '上海呼叫中心' }, root)).body.id as string;
    for (let i = 0; i < AGENTS; i++) {
      const a = await api(ho.url, 'POST', '/api/accounts', { login: `agent${i}`, displayName: `坐席${i}`, role: 'agent', officeId: office, password: PASSWORD }, root);
      await api(ho.url, 'PATCH', `/api/accounts/${a.body.id}`, { maxConversations: Math.ceil(CUSTOMERS / AGENTS) }, root);
    }
    // Each desk answers every customer message at once, as an agent with a script at hand would.
    for (let i = 0; i < AGENTS; i++) {
      const desk = createDesk({ cacheFile: tempCacheFile(), seed: false, headOffice: { url: ho.url, tokens: memoryTokenStore(), live: true, pollMs: 3_600_000, sendDelayMs: 0 } });
      desks.push(desk);
      await desk.headOffice!.signIn(`agent${i}`, PASSWORD);
      const answered = new Set<string>();
      desk.subscribe((event, payload) => {
        if (event !== 'conversationChanged') return;
        const id = (payload as { conversationId: string }).conversationId;
        const rows = desk.db.prepare(`SELECT id, body, seq FROM messages WHERE conversation_id = ? AND direction = 'in' ORDER BY seq`).all(id) as { id: string; body: string; seq: number }[];
        for (const r of rows) {
          if (answered.has(r.id)) continue;
          answered.add(r.id);
          const last = desk.db.prepare('SELECT last_seq FROM conversations WHERE id = ?').pluck().get(id) as number;
          void desk.dispatch('conversations.send', { conversationId: id, body: `re:${r.body}`, seenSeq: last });
        }
      });
    }
    for (let i = 0; i < 200 && desks.some((d) => !d.headOffice!.engine.liveConnected()); i++) await new Promise((r) => setTimeout(r, 50));

    const customers: Customer[] = [];
    for (let i = 0; i < CUSTOMERS; i++) customers.push(await customer(ho.url));
    sockets.push(...customers.map((c) => c.socket));
    // First messages open the conversations; measured rounds start once every customer has an agent.
    await Promise.all(customers.map((c, i) => say(ho.url, c, `你好 ${i}`)));
    const deadline = Date.now() + 60_000;
    while ((await api(ho.url, 'GET', '/api/queue', undefined, root)).body.waiting.length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

    const samples: number[] = [];
    const round = (c: Customer, text: string) =>
      new Promise<void>((ok) => {
        const started = performance.now();
        const timer = setTimeout(() => {
          c.onMessage = null;
          samples.push(10_000);
          ok();
        }, 10_000);
        c.onMessage = (m) => {
          if (m.direction !== 'out' || m.body !== `re:${text}`) return;
          clearTimeout(timer);
          c.onMessage = null;
          samples.push(performance.now() - started);
          ok();
        };
        void say(ho.url, c, text);
      });
    // Customers write at a person's pace (a message every few seconds each), all at the same time.
    await Promise.all(
      customers.map(async (c, i) => {
        for (let k = 0; k < MESSAGES_PER_CUSTOMER; k++) {
          await new Promise((r) => setTimeout(r, 3_000 + Math.random() * 7_000));
          await round(c, `问题 ${i}-${k}`);
        }
      }),
    );

    let echoed = 0;
    const held: Customer[] = [];
    for (let i = 0; i < HELD_SOCKETS; i++) held.push(await customer(ho.url, () => echoed++));
    sockets.push(...held.map((c) => c.socket));
    for (let i = 0; i < held.length; i += 100) await Promise.all(held.slice(i, i + 100).map((c, k) => say(ho.url, c, `在线 ${i + k}`)));
    const until = Date.now() + 30_000;
    while (echoed < held.length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const open = held.filter((c) => c.socket.readyState === WebSocket.OPEN).length;

    for (const s of sockets) s.terminate();
    for (const d of desks) await d.close();
    desks.length = 0;
    await ho.stop();
    const db = await openSqlClient({ dataDir });
    const decisions = (await db.query<{ decision_ms: number }>(`SELECT decision_ms FROM conversation_events WHERE decision_ms IS NOT NULL`)).map((r) => r.decision_ms);
    await db.close();
    return {
      messageDeliveryP95Ms: percentile(samples, 95),
      messageDeliveryP50Ms: percentile(samples, 50),
      routingDecisionP95Ms: percentile(decisions, 95),
      liveConnectionsHeld: Math.min(open, echoed),
    };
  } finally {
    for (const s of sockets) s.terminate();
    for (const d of desks) await d.close();
    await ho.stop().catch(() => undefined);
  }
}
