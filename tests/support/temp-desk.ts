import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, type Desk, type DeskOptions } from '../../electron/node/app/create-desk.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import type { DeskResult } from '../../shared/contract/errors.js';

export function tempCacheFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'motordesk-test-')), 'cache.sqlite');
}

/** A desk on a real SQLite file in a fresh temporary folder, agent registered. */
export function tempDesk(options: Partial<DeskOptions> & { register?: boolean } = {}): Desk {
  const desk = createDesk({ cacheFile: tempCacheFile(), ...options });
  if (options.register !== false) desk.services.agents.register({ code: 'A1001', displayName: '测试坐席' });
  return desk;
}

/**
 * Put another agent at the desk, as head-office sign-in will. The desk
 * itself refuses a second registration, so tests switch agents here.
 */
export function actAs(desk: Desk, code: string, displayName: string): void {
  const existing = desk.db.prepare('SELECT id FROM agents WHERE code = ?').pluck().get(code) as string | undefined;
  const id = existing ?? uuidv7();
  if (!existing) desk.db.prepare(`INSERT INTO agents (id, code, display_name, role, created_at) VALUES (?, ?, ?, 'agent', ?)`).run(id, code, displayName, Date.now());
  desk.db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('currentAgentId', ?)`).run(JSON.stringify(id));
}

/** Everything a rejected call must leave untouched: the cache and the outbox file. */
export function cacheFingerprint(desk: Desk): string {
  return `${fingerprint(desk.db)}\n--- outbox\n${fingerprint(desk.outbox.db)}`;
}

function fingerprint(db: Desk['db']): string {
  // Every stored table, the search index's own shadow tables included.
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`)
    .pluck()
    .all() as string[];
  return tables
    .map((t) => {
      // Some shadow tables have no rowid: compare rows as a sorted set.
      const rows = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort();
      return `${t}:${rows.join('|')}`;
    })
    .join('\n');
}

/** Dispatch a call that answers at once (every call not talking to head office). */
export function dispatchNow(desk: Desk, name: string, input: unknown): DeskResult<unknown> {
  const r = desk.dispatch(name, input);
  if (r instanceof Promise) throw new Error(`${name} answers asynchronously; await desk.dispatch instead`);
  return r;
}

/** Dispatch a call through the contract and return its data, or throw its typed error. */
export function callOk<T>(desk: Desk, name: string, input: unknown): T {
  const r = dispatchNow(desk, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/** The same for calls that may talk to head office. */
export async function callAsync<T>(desk: Desk, name: string, input: unknown): Promise<T> {
  const r = await desk.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}
