import type { Database } from 'better-sqlite3';
import { DeskError } from '../../../shared/contract/errors.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: number[];
}

/**
 * Bring the cache to the newest schema, one transaction per version, with
 * the version recorded in `user_version` inside the same transaction so a
 * crash leaves either the old or the new schema, never half of one.
 */
export function migrate(db: Database, migrations: readonly Migration[], target?: number): MigrationReport {
  const latest = migrations.at(-1)?.version ?? 0;
  const goal = target ?? latest;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) {
    // A newer app wrote this cache; running old code on it could lose data.
    throw new DeskError('INTERNAL', `cache schema ${from} is newer than this app (${latest}); update MotorDesk`);
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= from || m.version > goal) continue;
    db.transaction(() => {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    })();
    applied.push(m.version);
  }
  return { from, to: Math.max(from, ...applied), applied };
}
