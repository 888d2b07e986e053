import { WebSocket } from 'ws';
import { createDesk, type Desk } from '../../electron/node/app/create-desk.js';
import { memoryTokenStore } from '../../electron/node/head-office/token-store.js';
import { nextChecksum } from '../../shared/head-office/checksum.js';
import { openHeadOffice } from '../../server/head-office.js';
import { percentile } from './stats.js';
import { api, freshStore, setupAdmin, startHeadOffice, type RunningHeadOffice } from '../support/head-office-process.js';
import { tempCacheFile } from '../support/temp-desk.js';
import { readSeedFile } from '../../electron/node/seed/seed-library.js';
import { searchBacklogSize } from '../../electron/node/search/search-backlog.js';
import { LibraryArticle } from '../../shared/head-office/library.js';
import { uuidv7 } from '../../shared/domain/ids.js';

const PASSWORD = 'Zuoxi#2026-pass';

interface BenchOffice {
  ho: RunningHeadOffice;
  dataDir: string;
  office: string;
  desk(login: string, options?: { live?: boolean; pageSize?: number }): Promise<Desk>;
  token(login: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh embedded head office in its own process, one office, agents a1…a3. */
async function benchOffice(preload?: (dataDir: string, office: string) => Promise<void>): Promise<BenchOffice> {
  const { dataDir } = await freshStore('pglite');
  await setupAdmin(dataDir, 'root', 'Zongbu#2026-admin');
  let ho = await startHeadOffice(dataDir);
  const root = (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: 'Zongbu#2026-admin' })).body.accessToken;
  const office = (await api(ho.url, 'POST', '/api/offices', { code: 'BJ01', name: '北京网点' }, root)).body.id as string;
  for (const login of ['a1', 'a2', 'a3']) await api(ho.url, 'POST', '/api/accounts', { login, displayName: login, role: 'agent', officeId: office, password: PASSWORD }, root);
  if (preload) {
    await ho.stop();
    await preload(dataDir, office);
    ho = await startHeadOffice(dataDir);
  }
  const desks: Desk[] = [];
  return {
    ho,
    dataDir,
    office,
    async desk(login, o = {}) {
      const desk = createDesk({
        cacheFile: tempCacheFile(),
        seed: false,
        headOffice: { url: ho.url, tokens: memoryTokenStore(), live: o.live ?? false, pollMs: 3_600_000, sendDelayMs: null, ...(o.pageSize ? { pageSize: o.pageSize } : {}) },
      });
      desks.push(desk);
      await desk.headOffice!.signIn(login, PASSWORD);
      return desk;
    },
    token: async (login) => (await api(ho.url, 'POST', '/api/auth/login', { login, password: PASSWORD })).body.accessToken as string,
    async close() {
      for (const d of desks) await d.close();
      await ho.stop();
    },
  };
}

const newTicket = (desk: Desk, title: string) =>
  desk.services.tickets.create({ type: 'consultation', category: '续保', priority: 'normal', title, description: '', conversationId: null });

/**
 * offlineReplayS: 10,000 changes queued offline, pushed and confirmed.
 * lostOrDuplicated: notes made on the desk that head office then holds a
 * number of times other than once (must be 0).
 */
export async function benchOfflineReplay(): Promise<{ offlineReplayS: number; lostOrDuplicated: number }> {
  const office = await benchOffice();
  try {
    const desk = await office.desk('a1');
    const tickets = Array.from({ length: 50 }, (_, i) => newTicket(desk, `回放工单 ${i}`).id);
    await desk.headOffice!.engine.syncNow();
    const notes: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const note = `回放备注 ${i}`;
      desk.services.tickets.addNote({ ticketId: tickets[i % tickets.length]!, note });
      notes.push(note);
    }
    // Confirmed: the moment the outbox holds nothing pending (the round then goes on to pull).
    const start = performance.now();
    let confirmedAt = 0;
    const watch = setInterval(() => {
      if (!confirmedAt && desk.outbox.counts().pending === 0) confirmedAt = performance.now();
    }, 5);
    while (desk.outbox.counts().pending > 0) await desk.headOffice!.engine.syncNow();
    clearInterval(watch);
    const seconds = ((confirmedAt || performance.now()) - start) / 1000;
    const root = await api(office.ho.url, 'POST', '/api/auth/login', { login: 'root', password: 'Zongbu#2026-admin' });
    const counts = new Map<string, number>();
    let cursor = { epoch: null as string | null, scopes: {} as Record<string, number> };
    for (;;) {
      const r = await api(office.ho.url, 'POST', '/api/sync/pull', { clientId: crypto.randomUUID(), cursor, limit: 5000 }, root.body.accessToken);
      for (const c of r.body.changes) if (c.entity === 'ticket_event' && c.data?.note) counts.set(c.data.note, (counts.get(c.data.note) ?? 0) + 1);
      cursor = r.body.cursor;
      if (!r.body.more) break;
    }
    const lostOrDuplicated = notes.filter((n) => counts.get(n) !== 1).length;
    return { offlineReplayS: Math.round(seconds * 100) / 100, lostOrDuplicated };
  } finally {
    await office.close();
  }
}

/** A UUIDv7-shaped id that grows with `n`, as desks' ids do (random ones would make every index insert land somewhere else). */
const timeOrderedId = (n: string, salt: number) =>
  `(lpad(to_hex(1764000000000 + ${n}), 12, '0') || '7' || substr(md5(${n}::text || '${salt}'), 1, 3) || '8' || substr(md5(${n}::text || '${salt}'), 4, 15))::uuid`;

/**
 * Load head office's database directly with `tickets` tickets (and their
 * creation history) in one office, and `articles` knowledge articles in
 * the library (variants of the shipped ones, as the search benchmark makes).
 */
async function preloadTickets(dataDir: string, office: string, tickets: number, articles: number): Promise<void> {
  const ho = await openHeadOffice({ dataDir });
  try {
    const scope = `office:${office}`;
    const [owner] = await ho.db.query<{ id: string }>(`SELECT id FROM accounts WHERE login = 'a1'`);
    await ho.db.exec(`
      INSERT INTO tickets (id, office_id, ticket_no, type, category, priority, status, title, description, owner_account_id, version)
      SELECT ${timeOrderedId('g', 1)}, '${office}', 'GD' || lpad(g::text, 12, '0'), (ARRAY['consultation','claim_followup','complaint','onsite_support'])[1 + g % 4],
             '交通事故', (ARRAY['low','normal','high','urgent'])[1 + g % 4], (ARRAY['new','in_progress','pending_customer','resolved','closed'])[1 + g % 5],
             '工单 ' || g || ' 理赔进度跟进', '', '${owner!.id}', 2 * g - 1
        FROM generate_series(1, ${tickets}) g;
      INSERT INTO ticket_events (id, ticket_id, kind, to_value, account_id, version)
      SELECT ${timeOrderedId('version', 2)}, id, 'created', 'new', owner_account_id, version + 1 FROM tickets;
      INSERT INTO sync_changes (scope, version, entity, entity_id, deleted, data)
      SELECT '${scope}', t.version, 'ticket', t.id, false, jsonb_build_object(
               'id', t.id, 'ticketNo', t.ticket_no, 'type', t.type, 'category', t.category, 'priority', t.priority, 'status', t.status,
               'title', t.title, 'description', t.description, 'customerId', null, 'conversationId', null,
               'owner', jsonb_build_object('id', a.id, 'login', a.login, 'displayName', a.display_name),
               'createdAt', (extract(epoch FROM t.created_at) * 1000)::bigint, 'updatedAt', (extract(epoch FROM t.updated_at) * 1000)::bigint)
        FROM tickets t JOIN accounts a ON a.id = t.owner_account_id;
      INSERT INTO sync_changes (scope, version, entity, entity_id, deleted, data)
      SELECT '${scope}', e.version, 'ticket_event', e.id, false, jsonb_build_object(
               'id', e.id, 'ticketId', e.ticket_id, 'kind', e.kind, 'field', null, 'fromValue', null, 'toValue', e.to_value, 'note', null,
               'author', jsonb_build_object('id', a.id, 'login', a.login, 'displayName', a.display_name),
               'at', (extract(epoch FROM e.at) * 1000)::bigint)
        FROM ticket_events e JOIN accounts a ON a.id = e.account_id;
    `);
    let checksum = 0;
    for (const r of await ho.db.query<{ entity: string; id: string; version: string }>(`SELECT entity, entity_id AS id, version FROM sync_changes WHERE scope = $1`, [scope])) {
      checksum = nextChecksum(checksum, r.entity, r.id, null, Number(r.version));
    }
    await ho.db.query(`INSERT INTO sync_scopes (scope, version, checksum) VALUES ($1, $2, $3)`, [scope, 2 * tickets, checksum]);

    const shipped = readSeedFile('knowledge.json', LibraryArticle);
    const [{ version: from }] = (await ho.db.query<{ version: string }>(`SELECT version FROM sync_scopes WHERE scope = 'library'`)) as [{ version: string }];
    let libraryChecksum = Number((await ho.db.query<{ checksum: string }>(`SELECT checksum FROM sync_scopes WHERE scope = 'library'`))[0]!.checksum);
    let version = Number(from);
    for (let i = 0; i < articles; i += 1000) {
      const rows: unknown[] = [];
      const values: string[] = [];
      for (let j = i; j < Math.min(articles, i + 1000); j++) {
        const a = shipped[j % shipped.length]!;
        const b = shipped[(j * 7 + 3) % shipped.length]!;
        const item = {
          code: `${a.code}.v${j}`,
          topic: a.topic,
          title: { zh: `${a.title.zh}（${b.title.zh}）`, en: `${a.title.en} (${b.title.en})` },
          body: { zh: `${b.body.zh} ${a.body.zh}`, en: `${b.body.en} ${a.body.en}` },
          keywords: [...a.keywords.slice(0, 2), ...b.keywords.slice(0, 2)],
        };
        const id = uuidv7();
        version++;
        libraryChecksum = nextChecksum(libraryChecksum, 'knowledge_article', id, null, version);
        rows.push(item.code, id, JSON.stringify(item), version, JSON.stringify({ ...item, id }));
        const n = rows.length;
        values.push(`($${n - 4}, $${n - 3}::uuid, $${n - 2}::jsonb, $${n - 1}::bigint, $${n}::jsonb)`);
      }
      await ho.db.query(
        `WITH v (code, id, data, version, change) AS (VALUES ${values.join(', ')}),
              items AS (INSERT INTO library_items (kind, code, id, data, version) SELECT 'knowledge_article', code, id, data, version FROM v)
         INSERT INTO sync_changes (scope, version, entity, entity_id, deleted, data) SELECT 'library', version, 'knowledge_article', id, false, change FROM v`,
        rows,
      );
    }
    await ho.db.query(`UPDATE sync_scopes SET version = $1, checksum = $2 WHERE scope = 'library'`, [version, libraryChecksum]);
  } finally {
    await ho.close();
  }
}

/**
 * initialSyncS: a fresh desk pulls 100,000 tickets with their history and
 * 20,000 knowledge articles (220,000 records) from the embedded head
 * office; librarySearchReadyS: until the last of those articles is in the
 * search index (built in the background, after the data is in).
 */
export async function benchInitialSync(): Promise<{ initialSyncS: number; initialSyncRowsPerS: number; librarySearchReadyS: number }> {
  const TICKETS = 100_000;
  const ARTICLES = 20_000;
  const office = await benchOffice((dir, id) => preloadTickets(dir, id, TICKETS, ARTICLES));
  try {
    const desk = await office.desk('a2');
    const start = performance.now();
    const report = await desk.headOffice!.engine.syncNow();
    const seconds = (performance.now() - start) / 1000;
    while (searchBacklogSize(desk.db) > 0) await new Promise((r) => setTimeout(r, 20));
    const searchReadyS = (performance.now() - start) / 1000;
    const held = desk.db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    const articles = desk.db.prepare('SELECT count(*) FROM knowledge_articles').pluck().get() as number;
    if (!report || held !== TICKETS || articles < ARTICLES) throw new Error(`initial sync ended with ${held} tickets, ${articles} articles: ${JSON.stringify(desk.headOffice!.status())}`);
    return { initialSyncS: Math.round(seconds * 100) / 100, initialSyncRowsPerS: Math.round((2 * TICKETS + ARTICLES) / seconds), librarySearchReadyS: Math.round(searchReadyS * 100) / 100 };
  } finally {
    await office.close();
  }
}

/**
 * pokeToVisibleP95Ms: with 200 desks holding live sockets, from the moment
 * one desk starts sending a change until it is in another desk's cache
 * (push, commit, poke, pull and apply included).
 */
export async function benchPokeToVisible(): Promise<{ pokeToVisibleP95Ms: number; liveClients: number }> {
  const office = await benchOffice();
  const sockets: WebSocket[] = [];
  try {
    const sender = await office.desk('a1');
    const watcher = await office.desk('a2', { live: true });
    const token = await office.token('a3');
    for (let i = 0; i < 199; i++) {
      const ws = new WebSocket(`${office.ho.url.replace('http', 'ws')}/api/sync/live?access_token=${token}`);
      sockets.push(ws);
      await new Promise((ok, fail) => ws.once('message', ok).once('error', fail));
    }
    while (!watcher.headOffice!.engine.liveConnected()) await new Promise((r) => setTimeout(r, 20));
    const ticket = newTicket(sender, '实时提醒');
    await sender.headOffice!.engine.syncNow();
    await new Promise((r) => setTimeout(r, 300));
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) {
      const detail = sender.services.tickets.addNote({ ticketId: ticket.id, note: `提醒 ${i}` });
      const eventId = detail.events.at(-1)!.id;
      const seen = new Promise<void>((ok) => {
        const stop = watcher.subscribe((event, payload) => {
          if (event !== 'ticketChanged' || (payload as { ticketId: string }).ticketId !== ticket.id) return;
          if (watcher.db.prepare('SELECT 1 FROM ticket_events WHERE id = ?').get(eventId)) {
            stop();
            ok();
          }
        });
      });
      const start = performance.now();
      await sender.headOffice!.engine.syncNow();
      await seen;
      samples.push(performance.now() - start);
    }
    return { pokeToVisibleP95Ms: Math.round(percentile(samples.slice(10), 95) * 10) / 10, liveClients: sockets.length + 1 };
  } finally {
    for (const ws of sockets) ws.terminate();
    await office.close();
  }
}
