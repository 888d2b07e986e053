import type { CacheDb } from '../db/open-cache.js';
import { segmentForIndex, segmentQuery } from './segmenter.js';

export type SearchKind = 'script' | 'article';

export interface SearchDoc {
  kind: SearchKind;
  itemId: string;
  /** Both languages go into one document: agents search in either. */
  title: string;
  keywords: string;
  body: string;
}

export interface SearchHit {
  itemId: string;
  score: number;
}

/**
 * Write (or rewrite) a document in the FTS5 index. Runs inside the caller's
 * transaction so the index never disagrees with the row it describes.
 */
export function indexDocument(db: CacheDb, doc: SearchDoc): void {
  removeDocument(db, doc.itemId);
  const info = db
    .prepare('INSERT INTO search_docs (kind, item_id, title, keywords, body) VALUES (?, ?, ?, ?, ?)')
    .run(doc.kind, doc.itemId, segmentForIndex(doc.title), segmentForIndex(doc.keywords), segmentForIndex(doc.body));
  db.prepare('INSERT INTO search_docs_map (item_id, doc_rowid) VALUES (?, ?)').run(doc.itemId, info.lastInsertRowid);
}

export function removeDocument(db: CacheDb, itemId: string): void {
  const row = db.prepare('SELECT doc_rowid FROM search_docs_map WHERE item_id = ?').get(itemId) as { doc_rowid: number } | undefined;
  if (!row) return;
  db.prepare('DELETE FROM search_docs WHERE rowid = ?').run(row.doc_rowid);
  db.prepare('DELETE FROM search_docs_map WHERE item_id = ?').run(itemId);
}

/** Title matches weigh most, then the curated keywords, then the body. */
const BM25_WEIGHTS = '0.0, 0.0, 8.0, 5.0, 1.0';

/**
 * Ranked search: the query is segmented like the index, each word becomes
 * an OR'd FTS5 phrase, and bm25 orders the hits (lower is better in SQLite,
 * so the score is negated for callers).
 */
export function searchDocuments(db: CacheDb, kind: SearchKind, query: string, limit: number): SearchHit[] {
  const words = segmentQuery(query);
  if (words.length === 0) return [];
  const match = words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' OR ');
  const rows = db
    .prepare(
      `SELECT item_id AS itemId, bm25(search_docs, ${BM25_WEIGHTS}) AS rank
         FROM search_docs
        WHERE search_docs MATCH ? AND kind = ?
        ORDER BY rank
        LIMIT ?`,
    )
    .all(`{title keywords body} : (${match})`, kind, limit) as { itemId: string; rank: number }[];
  return rows.map((r) => ({ itemId: r.itemId, score: -r.rank }));
}
