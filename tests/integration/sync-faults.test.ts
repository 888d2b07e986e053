import { spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { migrate } from '../../electron/node/db/migration.js';
import { MIGRATIONS } from '../../electron/node/db/migrations/index.js';
import { fileTokenStore } from '../../electron/node/head-office/token-store.js';
import { ticketNumber, uuidv7 } from '../../shared/domain/ids.js';
import { ROOT } from '../support/service-process.js';
import { startSyncWorld, type SyncWorld } from '../support/sync-world.js';
import { tempCacheFile } from '../support/temp-desk.js';

/**
 * Faults, each ending as a Jepsen test does: let the system settle, then
 * compare every desk with head office, and count every accepted note
 * exactly once there.
 */
let world: SyncWorld;
beforeAll(async () => {
  world = await startSyncWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const newTicket = (desk: Desk, title: string) =>
  desk.services.tickets.create({ type: 'consultation', category: '续保', priority: 'normal', title, description: '', conversationId: null });
/** Run a head-office command (`server/cli.ts …`) as the operator would. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`server/cli.ts ${args[0]} exited with ${code}`))));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many times each note text is on head office. */
async function noteCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const e of Object.values((await world.serverState()).events)) if (e.note) counts.set(e.note, (counts.get(e.note) ?? 0) + 1);
  return counts;
}

describe('sync under faults', () => {
  it('loses and doubles nothing when head office is killed (SIGKILL) at random points during a push', async () => {
    const a = await world.desk('agent_a');
    const b = await world.desk('agent_b');
    const tickets = Array.from({ length: 20 }, (_, i) => newTicket(a, `批量工单 ${i}`));
    const notes: string[] = [];
    for (let i = 0; i < 400; i++) {
      const note = `push-kill 备注 ${i}`;
      a.services.tickets.addNote({ ticketId: tickets[i % tickets.length]!.id, note });
      notes.push(note);
    }
    for (let kill = 0; kill < 3; kill++) {
      const round = a.headOffice!.engine.syncNow();
      await sleep(30 + Math.random() * 250);
      await world.restartServer('SIGKILL');
      await round;
    }
    await world.settle([a, b]);
    const counts = await noteCounts();
    for (const note of notes) expect(counts.get(note), note).toBe(1);
    await world.expectConverged([a, b]);
  }, 120_000);

  it('resumes a pull cut by a head-office crash, and ends equal', async () => {
    const c = await world.desk('agent_c', { signIn: true, pageSize: 25 });
    const round = c.headOffice!.engine.syncNow();
    await sleep(50 + Math.random() * 150);
    await world.restartServer('SIGKILL');
    await round;
    const a = await world.desk('agent_a');
    await world.settle([c, a]);
    await world.expectConverged([c, a]);
  }, 120_000);

  it('keeps every committed page when the desk process is killed mid-sync, and resumes from there', async () => {
    const cacheFile = tempCacheFile();
    const sessionFile = `${cacheFile}.session.json`;
    const first = await world.desk('agent_b', { cacheFile, tokens: fileTokenStore(sessionFile), pageSize: 10 });
    // Start over from nothing so the child has many pages to pull.
    await first.close();
    world.forget(first);
    rmSync(cacheFile);
    rmSync(`${cacheFile}-wal`, { force: true });
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/sync-desk-child.ts', cacheFile, world.link.url, sessionFile, '10'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const pagesSeen = await new Promise<number>((ok) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const pages = out.match(/PAGE \d+/g)?.length ?? 0;
        if (pages >= 3 + Math.floor(Math.random() * 5)) {
          child.kill('SIGKILL');
          ok(pages);
        }
      });
      child.on('exit', () => ok(out.match(/PAGE \d+/g)?.length ?? 0));
    });
    expect(pagesSeen).toBeGreaterThanOrEqual(3);
    await new Promise((r) => child.once('exit', r).once('close', r));
    const cursor = new Database(cacheFile, { readonly: true }).prepare(`SELECT value FROM sync_state WHERE key = 'scopes'`).pluck().get() as string;
    expect(Object.values(JSON.parse(cursor) as Record<string, number>)[0]).toBeGreaterThan(0);
    const b = await world.desk('agent_b', { cacheFile, tokens: fileTokenStore(sessionFile), signIn: false });
    await world.settle([b]);
    await world.expectConverged([b]);
  }, 120_000);

  it('converges after a day offline with 2,000 changes while a colleague edits the same tickets', async () => {
    const a = await world.desk('agent_a');
    const b = await world.desk('agent_b');
    const tickets = Array.from({ length: 25 }, (_, i) => newTicket(b, `全天工单 ${i}`));
    await world.settle([a, b]);
    world.link.cut();
    const notes: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = tickets[i % tickets.length]!;
      if (i % 10 === 0) a.services.tickets.edit({ ticketId: t.id, field: 'priority', value: (['low', 'high', 'urgent'] as const)[i % 3]! });
      else if (i % 25 === 1 && a.services.tickets.get(t.id).allowedNext.length > 0) a.services.tickets.transition({ ticketId: t.id, to: a.services.tickets.get(t.id).allowedNext[0]!, note: '离线处理' });
      else {
        const note = `离线第 ${i} 条`;
        a.services.tickets.addNote({ ticketId: t.id, note });
        notes.push(note);
      }
    }
    // Meanwhile the office goes on.
    world.link.mend();
    await b.headOffice!.engine.syncNow();
    for (const t of tickets.slice(0, 10)) b.services.tickets.transition({ ticketId: t.id, to: 'in_progress' });
    for (const t of tickets.slice(5, 15)) b.services.tickets.edit({ ticketId: t.id, field: 'priority', value: 'low' });
    for (const t of tickets) b.services.tickets.addNote({ ticketId: t.id, note: `同事备注 ${t.id}` });
    await b.headOffice!.engine.syncNow();
    expect(a.outbox.counts().pending).toBe(2000);
    await world.settle([a, b]);
    const counts = await noteCounts();
    for (const note of notes) expect(counts.get(note), note).toBe(1);
    for (const t of tickets) expect(counts.get(`同事备注 ${t.id}`)).toBe(1);
    // Every change head office refused is a notice, none dropped silently.
    const rejected = a.outbox.db.prepare(`SELECT count(*) FROM mutations WHERE state = 'rejected'`).pluck().get() as number;
    expect(a.headOffice!.notices().length).toBe(Math.min(rejected, 200));
    await world.expectConverged([a, b]);
  }, 180_000);

  it('resends what head office confirmed after it is restored from an older backup', async () => {
    const a = await world.desk('agent_a');
    const b = await world.desk('agent_b');
    const t = newTicket(a, '备份恢复');
    await world.settle([a, b]);
    const backup = `${world.dataDir}-backup`;
    await world.restartServer('SIGTERM', () => cpSync(world.dataDir, backup, { recursive: true }));
    // Confirmed by head office after the backup was taken…
    a.services.tickets.addNote({ ticketId: t.id, note: '备份之后的备注' });
    const later = newTicket(a, '备份之后的工单');
    b.services.tickets.addNote({ ticketId: t.id, note: '同事在备份之后' });
    await world.settle([a, b]);
    expect(a.outbox.counts().pending).toBe(0);
    // …then the database is put back to the backup.
    await world.restartServer('SIGTERM', () => {
      rmSync(world.dataDir, { recursive: true });
      cpSync(backup, world.dataDir, { recursive: true });
    });
    await world.settle([a, b]);
    const counts = await noteCounts();
    expect(counts.get('备份之后的备注')).toBe(1);
    expect(counts.get('同事在备份之后')).toBe(1);
    expect(a.services.tickets.get(later.id).title).toBe('备份之后的工单');
    await world.expectConverged([a, b]);
  }, 120_000);

  it('starts every desk over when the operator marks a restore, keeping the library and its use counts', async () => {
    const a = await world.desk('agent_a');
    const t = newTicket(a, '纪元切换');
    await world.settle([a]);
    const article = a.services.knowledge.search({ locale: 'zh-CN', query: '报案', limit: 1 })[0]!;
    a.services.knowledge.get(article.id, 'zh-CN', true);
    const uses = a.db.prepare('SELECT use_count FROM knowledge_articles WHERE id = ?').pluck().get(article.id) as number;
    const epoch = () => a.db.prepare(`SELECT value FROM sync_state WHERE key = 'epoch'`).pluck().get() as string;
    const before = epoch();
    await world.restartServer('SIGTERM', () => runCli(['restored', '--data', world.dataDir], world.env));
    await world.settle([a]);
    expect(epoch()).not.toBe(before);
    expect(a.db.prepare('SELECT use_count FROM knowledge_articles WHERE id = ?').pluck().get(article.id)).toBe(uses);
    expect(a.services.tickets.get(t.id).title).toBe('纪元切换');
    await world.expectConverged([a]);
  }, 60_000);

  it('sends an outbox written by the previous app version after the cache schema is upgraded', async () => {
    const cacheFile = tempCacheFile();
    const old = new Database(cacheFile);
    migrate(old, MIGRATIONS, 3);
    const id = uuidv7();
    const eventId = uuidv7();
    const ticketNo = ticketNumber();
    const at = Date.now();
    old.prepare(`INSERT INTO tickets (id, ticket_no, type, category, priority, status, title, created_at, updated_at) VALUES (?, ?, 'complaint', '服务', 'high', 'new', '升级前的投诉', ?, ?)`).run(id, ticketNo, at, at);
    const args = { id, eventId, ticketNo, type: 'complaint', category: '服务', priority: 'high', title: '升级前的投诉', description: '', conversationId: null, customerId: null, at };
    old.prepare(`INSERT INTO outbox (name, args, created_at) VALUES ('ticket.create', ?, ?)`).run(JSON.stringify(args), at);
    old.prepare(`INSERT INTO outbox (name, args, created_at) VALUES ('ticket.addNote', ?, ?)`).run(JSON.stringify({ id, eventId: uuidv7(), note: '升级前的备注', at }), at);
    old.close();
    const a = await world.desk('agent_a', { cacheFile });
    expect(a.migration.applied).toContain(4);
    await world.settle([a]);
    expect((await noteCounts()).get('升级前的备注')).toBe(1);
    expect(a.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    await world.expectConverged([a]);
  }, 60_000);
});
