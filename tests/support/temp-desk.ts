import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesk, type Desk, type DeskOptions } from '../../electron/node/app/create-desk.js';

export function tempCacheFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'motordesk-test-')), 'cache.sqlite');
}

/** A desk on a real SQLite file in a fresh temporary folder, agent registered. */
export function tempDesk(options: Partial<DeskOptions> & { register?: boolean } = {}): Desk {
  const desk = createDesk({ cacheFile: tempCacheFile(), checkOutputs: true, ...options });
  if (options.register !== false) desk.services.agents.register({ code: 'A1001', displayName: '测试坐席' });
  return desk;
}

/** Everything a rejected call must leave untouched. */
export function cacheFingerprint(desk: Desk): string {
  const tables = desk.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_search%' AND name <> 'search_rowids' ORDER BY name`)
    .pluck()
    .all() as string[];
  return tables
    .map((t) => {
      const rows = desk.db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all();
      return `${t}:${JSON.stringify(rows)}`;
    })
    .join('\n');
}

/** Dispatch a call through the contract and return its data, or throw its typed error. */
export function callOk<T>(desk: Desk, name: string, input: unknown): T {
  const r = desk.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}
