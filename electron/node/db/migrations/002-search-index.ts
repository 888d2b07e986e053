import type { Migration } from '../migration.js';

/**
 * Full-text index over scripts and knowledge. Chinese has no spaces, so the
 * application segments text with jieba before it is stored; unicode61 then
 * only splits on the spaces we put in.
 */
export const searchIndex: Migration = {
  version: 2,
  name: 'search index',
  up: `
    CREATE VIRTUAL TABLE search_docs USING fts5(
      kind UNINDEXED,
      item_id UNINDEXED,
      title,
      keywords,
      body,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TABLE search_docs_map (
      item_id TEXT PRIMARY KEY,
      doc_rowid INTEGER NOT NULL
    );
  `,
};
