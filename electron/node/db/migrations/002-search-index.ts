import type { Migration } from '../migration.js';

/**
 * Full-text indexes over knowledge articles and scripts, one per kind so a
 * search never touches the other's postings. Chinese has no spaces, so the
 * application segments text with jieba before it is indexed; unicode61 then
 * only splits on the spaces we put in. Contentless: the text lives in the
 * articles and scripts tables, the index keeps only what ranking needs.
 */
export const searchIndex: Migration = {
  version: 2,
  name: 'search index',
  up: `
    CREATE VIRTUAL TABLE article_search USING fts5(
      title, keywords, body,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE script_search USING fts5(
      title, keywords, body,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    -- Document frequency per term, so a query can leave out words that
    -- appear nearly everywhere (保险, 理赔) before it scans their postings.
    CREATE VIRTUAL TABLE article_search_terms USING fts5vocab(article_search, 'row');
    CREATE VIRTUAL TABLE script_search_terms USING fts5vocab(script_search, 'row');
    CREATE TABLE search_rowids (
      kind TEXT NOT NULL CHECK (kind IN ('article', 'script')),
      item_id TEXT NOT NULL,
      doc_rowid INTEGER NOT NULL,
      PRIMARY KEY (kind, item_id),
      UNIQUE (kind, doc_rowid)
    );
  `,
};
