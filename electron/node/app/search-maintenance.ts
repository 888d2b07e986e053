import type { CacheDb } from '../db/open-cache.js';
import { indexScript, type ScriptRow } from '../features/scripts/script-store.js';
import { articleDocument, ensureSearchIndex, indexDocument } from '../search/search-index.js';

/** Every article and script, cut again into the index (after a dictionary change). */
function reindexLibrary(db: CacheDb): void {
  const articles = db.prepare('SELECT id, title_zh, title_en, body_zh, body_en, keywords FROM knowledge_articles').all() as {
    id: string;
    title_zh: string;
    title_en: string;
    body_zh: string;
    body_en: string;
    keywords: string;
  }[];
  for (const a of articles) {
    indexDocument(db, articleDocument({ id: a.id, titleZh: a.title_zh, titleEn: a.title_en, bodyZh: a.body_zh, bodyEn: a.body_en, keywords: JSON.parse(a.keywords) as string[] }));
  }
  for (const s of db.prepare('SELECT * FROM scripts').all() as ScriptRow[]) indexScript(db, s);
}

export function ensureLibraryIndex(db: CacheDb): boolean {
  return ensureSearchIndex(db, () => reindexLibrary(db));
}
