import type { ScriptStage } from '../../../../shared/contract/schemas.js';
import { uuidv7 } from '../../../../shared/domain/ids.js';
import type { CacheDb } from '../../db/open-cache.js';
import { statement } from '../../db/statements.js';
import { articleDocument, indexDocument, removeDocument } from '../../search/search-index.js';
import { indexScript, insertScript, titleInitials, type ScriptRow } from '../scripts/script-store.js';

interface Bilingual {
  zh: string;
  en: string;
}
export interface ArticleItem {
  code: string;
  topic: string;
  title: Bilingual;
  body: Bilingual;
  keywords: string[];
}
export interface TeamScriptItem {
  code: string;
  stage: ScriptStage;
  title: Bilingual;
  body: Bilingual;
}

export type UpsertResult = 'added' | 'revised' | 'unchanged';

/** Index now (the item is searchable when the write commits), or later (queued in search_backlog). */
export type Indexing = 'now' | 'later';

const queueForIndex = (db: CacheDb, kind: 'article' | 'script', id: string) =>
  statement(db, 'INSERT OR IGNORE INTO search_backlog (kind, item_id) VALUES (?, ?)').run(kind, id);

/**
 * Library items (knowledge articles and team scripts) by code, whether
 * they come from the app's own resources or from head office: a new code
 * is added, a changed item rewritten in place (its use counts kept), an
 * unchanged one costs a comparison. The search index follows.
 */
export function upsertArticle(db: CacheDb, a: ArticleItem, at: number, indexing: Indexing = 'now'): UpsertResult {
  const row = statement(db, 'SELECT id, topic, title_zh, title_en, body_zh, body_en, keywords FROM knowledge_articles WHERE code = ?').get(a.code) as
    | { id: string; topic: string; title_zh: string; title_en: string; body_zh: string; body_en: string; keywords: string }
    | undefined;
  const keywords = JSON.stringify(a.keywords);
  if (row && row.topic === a.topic && row.title_zh === a.title.zh && row.title_en === a.title.en && row.body_zh === a.body.zh && row.body_en === a.body.en && row.keywords === keywords) {
    return 'unchanged';
  }
  const id = row?.id ?? uuidv7();
  if (row) {
    statement(db, 'UPDATE knowledge_articles SET topic = ?, title_zh = ?, title_en = ?, body_zh = ?, body_en = ?, keywords = ?, updated_at = ? WHERE id = ?').run(
      a.topic,
      a.title.zh,
      a.title.en,
      a.body.zh,
      a.body.en,
      keywords,
      at,
      id,
    );
  } else {
    statement(
      db,
      `INSERT INTO knowledge_articles (id, code, topic, title_zh, title_en, body_zh, body_en, keywords, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, a.code, a.topic, a.title.zh, a.title.en, a.body.zh, a.body.en, keywords, at, at);
  }
  if (indexing === 'later') queueForIndex(db, 'article', id);
  else indexDocument(db, articleDocument({ id, titleZh: a.title.zh, titleEn: a.title.en, bodyZh: a.body.zh, bodyEn: a.body.en, keywords: a.keywords }));
  return row ? 'revised' : 'added';
}

export function upsertTeamScript(db: CacheDb, s: TeamScriptItem, at: number, indexing: Indexing = 'now'): UpsertResult {
  const row = statement(db, `SELECT id, stage, title_zh, title_en, body_zh, body_en FROM scripts WHERE code = ? AND scope = 'team'`).get(s.code) as
    | { id: string; stage: string; title_zh: string; title_en: string; body_zh: string; body_en: string }
    | undefined;
  if (row && row.stage === s.stage && row.title_zh === s.title.zh && row.title_en === s.title.en && row.body_zh === s.body.zh && row.body_en === s.body.en) return 'unchanged';
  const next: ScriptRow = {
    id: row?.id ?? uuidv7(),
    code: s.code,
    scope: 'team',
    owner_agent_id: null,
    stage: s.stage,
    title_zh: s.title.zh,
    title_en: s.title.en,
    body_zh: s.body.zh,
    body_en: s.body.en,
    shortcut: titleInitials(s.title.zh),
    use_count: 0,
  };
  if (!row) {
    insertScript(db, next, at, indexing === 'now');
    if (indexing === 'later') queueForIndex(db, 'script', next.id);
    return 'added';
  }
  statement(db, 'UPDATE scripts SET stage = ?, title_zh = ?, title_en = ?, body_zh = ?, body_en = ?, shortcut = ?, updated_at = ? WHERE id = ?').run(
    next.stage,
    next.title_zh,
    next.title_en,
    next.body_zh,
    next.body_en,
    next.shortcut,
    at,
    next.id,
  );
  if (indexing === 'later') queueForIndex(db, 'script', next.id);
  else indexScript(db, next);
  return 'revised';
}

/** Head office withdrew an item: it leaves the library and the search index (use records stay). */
export function removeLibraryItem(db: CacheDb, kind: 'knowledge_article' | 'team_script', code: string): void {
  const table = kind === 'knowledge_article' ? 'knowledge_articles' : 'scripts';
  const id = statement(db, `SELECT id FROM ${table} WHERE code = ?`).pluck().get(code) as string | undefined;
  if (!id) return;
  statement(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
  const searchKind = kind === 'knowledge_article' ? 'article' : 'script';
  removeDocument(db, searchKind, id);
  statement(db, 'DELETE FROM search_backlog WHERE kind = ? AND item_id = ?').run(searchKind, id);
}
