import type { CacheDb } from '../db/open-cache.js';
import { statement } from '../db/statements.js';
import { indexScript, type ScriptRow } from '../features/scripts/script-store.js';
import { articleDocument, indexDocument } from './search-index.js';

/** Library items waiting to be indexed for search. */
export function searchBacklogSize(db: CacheDb): number {
  return statement(db, 'SELECT count(*) FROM search_backlog').pluck().get() as number;
}

/** Index up to `max` waiting items, in one transaction; how many still wait. */
export function indexSearchBacklog(db: CacheDb, max: number): number {
  db.transaction(() => {
    const batch = statement(db, 'SELECT kind, item_id FROM search_backlog LIMIT ?').all(max) as { kind: 'article' | 'script'; item_id: string }[];
    for (const { kind, item_id: id } of batch) {
      if (kind === 'article') {
        const a = statement(db, 'SELECT id, title_zh, title_en, body_zh, body_en, keywords FROM knowledge_articles WHERE id = ?').get(id) as
          | { id: string; title_zh: string; title_en: string; body_zh: string; body_en: string; keywords: string }
          | undefined;
        if (a) indexDocument(db, articleDocument({ id, titleZh: a.title_zh, titleEn: a.title_en, bodyZh: a.body_zh, bodyEn: a.body_en, keywords: JSON.parse(a.keywords) as string[] }));
      } else {
        const s = statement(db, 'SELECT * FROM scripts WHERE id = ?').get(id) as ScriptRow | undefined;
        if (s) indexScript(db, s);
      }
      statement(db, 'DELETE FROM search_backlog WHERE kind = ? AND item_id = ?').run(kind, id);
    }
  })();
  return searchBacklogSize(db);
}

/**
 * Works the backlog off in small slices between other work, so a first
 * sync of a large library never holds the main process (and the agent's
 * window) for seconds. `onDone` is told once the backlog is empty.
 */
export function createSearchIndexer(db: CacheDb, onDone: () => void, onError: (err: unknown) => void, slice = 100) {
  let scheduled: NodeJS.Immediate | null = null;
  let stopped = false;
  const step = () => {
    scheduled = null;
    if (stopped) return;
    try {
      if (indexSearchBacklog(db, slice) > 0) scheduled = setImmediate(step);
      else onDone();
    } catch (err) {
      // Said once and left for the next start: the items stay in the backlog, the desk goes on.
      stopped = true;
      onError(err);
    }
  };
  return {
    /** Start (or keep) working if anything waits. */
    kick() {
      if (!scheduled && !stopped && searchBacklogSize(db) > 0) scheduled = setImmediate(step);
    },
    stop() {
      stopped = true;
      if (scheduled) clearImmediate(scheduled);
    },
  };
}
