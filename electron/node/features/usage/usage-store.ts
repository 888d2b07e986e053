import type { CacheDb } from '../../db/open-cache.js';
import { appendMutation } from '../../outbox/outbox.js';

const TABLE = { script: 'scripts', article: 'knowledge_articles' } as const;

/**
 * Count a use of a script or article (知识库效果评估). Unknown ids are
 * ignored: a script deleted while a reply was being written must not make
 * the reply fail.
 */
export function recordUsage(db: CacheDb, kind: 'script' | 'article', itemId: string, agentId: string | null, at: number): void {
  // A script counts only where the agent could have inserted it: a team
  // script or one of their own, never a colleague's personal one.
  const visible = kind === 'script' ? ` AND (scope = 'team' OR owner_agent_id = @agentId)` : '';
  const info = db
    .prepare(`UPDATE ${TABLE[kind]} SET use_count = use_count + 1, last_used_at = @at WHERE id = @itemId${visible}`)
    .run({ at, itemId, agentId });
  if (info.changes === 0) return;
  db.prepare('INSERT INTO usage_log (kind, item_id, agent_id, at) VALUES (?, ?, ?, ?)').run(kind, itemId, agentId, at);
  appendMutation(db, 'usage.record', { kind, itemId }, at);
}
