import { uuidv7 } from '../../../../shared/domain/ids.js';
import type { DeskContext } from '../../app/desk-context.js';

const TABLE = { script: 'scripts', article: 'knowledge_articles' } as const;

/**
 * Count a use of a script or article (知识库效果评估). Unknown ids are
 * ignored: a script deleted while a reply was being written must not make
 * the reply fail.
 */
export function recordUsage({ db, outbox }: Pick<DeskContext, 'db' | 'outbox'>, kind: 'script' | 'article', itemId: string, agentId: string | null, at: number): void {
  // A script counts only where the agent could have inserted it: a team
  // script or one of their own, never a colleague's personal one.
  const visible = kind === 'script' ? ` AND (scope = 'team' OR owner_agent_id = @agentId)` : '';
  const info = db
    .prepare(`UPDATE ${TABLE[kind]} SET use_count = use_count + 1, last_used_at = @at WHERE id = @itemId${visible}`)
    .run({ at, itemId, agentId });
  if (info.changes === 0) return;
  // The use has its own id, so head office counts a resent batch once.
  const id = uuidv7();
  db.prepare('INSERT INTO usage_log (id, kind, item_id, agent_id, at) VALUES (?, ?, ?, ?, ?)').run(id, kind, itemId, agentId, at);
  outbox.append('usage.record', { id, kind, itemId, agentId, at }, at);
}
