import type { CacheDb } from '../../db/open-cache.js';
import { statement } from '../../db/statements.js';

export interface Person {
  id: string;
  login: string;
  displayName: string;
}

/** People already written to each cache as they are now: a pulled page names the same few colleagues thousands of times. */
const knownPeople = new WeakMap<CacheDb, Map<string, string>>();

/**
 * A head-office account in the cache's directory of agents (the agent at
 * the desk, or a colleague named on a ticket), by id, with its login as
 * code. A local profile from before head-office sign-in that holds the
 * same code keeps its history under a renamed code. A role is written only
 * when known (a colleague's is not sent).
 */
export function upsertAgent(db: CacheDb, person: Person, role?: 'agent' | 'lead'): void {
  let known = knownPeople.get(db);
  if (!known) knownPeople.set(db, (known = new Map()));
  const as = `${person.login}\n${person.displayName}\n${role ?? ''}`;
  if (known.get(person.id) === as) return;
  const clash = statement(db, 'SELECT id FROM agents WHERE code = ? AND id <> ?').pluck().get(person.login, person.id) as string | undefined;
  if (clash) statement(db, 'UPDATE agents SET code = ? WHERE id = ?').run(`${person.login}~${clash.slice(0, 8)}`, clash);
  statement(
    db,
    `INSERT INTO agents (id, code, display_name, role, created_at) VALUES (@id, @login, @displayName, coalesce(@role, 'agent'), @at)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, display_name = excluded.display_name, role = coalesce(@role, agents.role)`,
  ).run({ ...person, role: role ?? null, at: Date.now() });
  known.set(person.id, as);
}

/** After a rolled-back transaction the cache may lack people remembered as written. */
export function forgetKnownAgents(db: CacheDb): void {
  knownPeople.delete(db);
}
