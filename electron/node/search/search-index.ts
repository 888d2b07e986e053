import type { CacheDb } from '../db/open-cache.js';
import { statement } from '../db/statements.js';
import { segmentationFingerprint, segmentForIndex, segmentQuery } from './segmenter.js';

export type SearchKind = 'script' | 'article';

const TABLE: Record<SearchKind, string> = { article: 'article_search', script: 'script_search' };

export interface SearchDoc {
  kind: SearchKind;
  itemId: string;
  /** Both languages go into one document: agents search in either. */
  title: string;
  keywords: string;
  body: string;
}

/** The search document of a knowledge article: both languages, keywords apart. */
export function articleDocument(a: { id: string; titleZh: string; titleEn: string; bodyZh: string; bodyEn: string; keywords: string[] }): SearchDoc {
  return { kind: 'article', itemId: a.id, title: `${a.titleZh} ${a.titleEn}`, keywords: a.keywords.join(' '), body: `${a.bodyZh} ${a.bodyEn}` };
}

export interface SearchHit {
  itemId: string;
  score: number;
}

/**
 * Write (or rewrite) a document in the index. Runs inside the caller's
 * transaction so the index never disagrees with the row it describes.
 */
export function indexDocument(db: CacheDb, doc: SearchDoc): void {
  removeDocument(db, doc.kind, doc.itemId);
  const next = statement(db, 'SELECT coalesce(max(doc_rowid), 0) + 1 FROM search_rowids WHERE kind = ?').pluck().get(doc.kind) as number;
  statement(db, `INSERT INTO ${TABLE[doc.kind]} (rowid, title, keywords, body) VALUES (?, ?, ?, ?)`).run(
    next,
    segmentForIndex(doc.title),
    segmentForIndex(doc.keywords),
    segmentForIndex(doc.body),
  );
  statement(db, 'INSERT INTO search_rowids (kind, item_id, doc_rowid) VALUES (?, ?, ?)').run(doc.kind, doc.itemId, next);
}

export function removeDocument(db: CacheDb, kind: SearchKind, itemId: string): void {
  const rowid = statement(db, 'SELECT doc_rowid FROM search_rowids WHERE kind = ? AND item_id = ?').pluck().get(kind, itemId) as number | undefined;
  if (rowid === undefined) return;
  statement(db, `DELETE FROM ${TABLE[kind]} WHERE rowid = ?`).run(rowid);
  statement(db, 'DELETE FROM search_rowids WHERE kind = ? AND item_id = ?').run(kind, itemId);
}

/** Title matches weigh most, then the curated keywords, then the body. */
const BM25_WEIGHTS = '8.0, 5.0, 1.0';

/**
 * How many postings one query may scan. Words are taken rarest first; the
 * most common ones (in most documents) are left out once the budget is
 * spent. bm25 gives such words almost no weight anyway, so the ranking
 * barely moves, but a 20,000-article library stays fast. Small libraries
 * never reach the budget.
 */
const POSTINGS_BUDGET = 3_000;
const MIN_WORDS = 2;

function selectiveWords(db: CacheDb, kind: SearchKind, words: string[]): string[] {
  const df = db.prepare(`SELECT doc FROM ${TABLE[kind]}_terms WHERE term = ?`).pluck();
  const known = words
    .map((w) => ({ w, n: (df.get(w) as number | undefined) ?? 0 }))
    .filter((x) => x.n > 0)
    .sort((a, b) => a.n - b.n);
  const kept: string[] = [];
  let spent = 0;
  for (const { w, n } of known) {
    if (kept.length >= MIN_WORDS && spent + n > POSTINGS_BUDGET) break;
    kept.push(w);
    spent += n;
  }
  return kept;
}

/**
 * Ranked search: the query is segmented like the index, each word becomes
 * an OR'd FTS5 phrase (quoted, so FTS syntax typed by an agent is just
 * text), and bm25 orders the hits. SQLite's bm25 is lower-is-better, so the
 * score is negated for callers.
 */
export function searchDocuments(db: CacheDb, kind: SearchKind, query: string, limit: number): SearchHit[] {
  const words = selectiveWords(db, kind, segmentQuery(query));
  if (words.length === 0) return [];
  const match = words.map((w) => `"${w.replaceAll('"', '""')}"`).join(' OR ');
  const table = TABLE[kind];
  const rows = db
    .prepare(
      `SELECT r.item_id AS itemId, hits.rank AS rank
         FROM (SELECT rowid, bm25(${table}, ${BM25_WEIGHTS}) AS rank FROM ${table} WHERE ${table} MATCH ? ORDER BY rank LIMIT ?) AS hits
         JOIN search_rowids r ON r.kind = ? AND r.doc_rowid = hits.rowid
        ORDER BY hits.rank`,
    )
    .all(match, limit, kind) as { itemId: string; rank: number }[];
  return rows.map((r) => ({ itemId: r.itemId, score: -r.rank }));
}

/**
 * The index is derived data: when the dictionaries or the segmenter change,
 * every document is cut again from the articles and scripts tables, in one
 * transaction. An unchanged install pays one hash of two small files.
 */
export function ensureSearchIndex(db: CacheDb, reindexAll: () => void): boolean {
  const fingerprint = segmentationFingerprint();
  const stored = db.prepare(`SELECT value FROM settings WHERE key = 'searchIndexFingerprint'`).pluck().get() as string | undefined;
  if (stored === JSON.stringify(fingerprint)) return false;
  db.transaction(() => {
    db.exec(`DELETE FROM article_search; DELETE FROM script_search; DELETE FROM search_rowids;`);
    reindexAll();
    db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('searchIndexFingerprint', ?)`).run(JSON.stringify(fingerprint));
  })();
  return true;
}
