import type { Migration } from '../migration.js';

/**
 * How often each script and article is used (知识库效果评估): a counter on
 * the row for ranking, and a log for the lead's reports.
 */
export const usageCounts: Migration = {
  version: 3,
  name: 'usage counts',
  up: `
    ALTER TABLE scripts ADD COLUMN use_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE scripts ADD COLUMN last_used_at INTEGER;
    ALTER TABLE knowledge_articles ADD COLUMN use_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE knowledge_articles ADD COLUMN last_used_at INTEGER;
    CREATE TABLE usage_log (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('script', 'article')),
      item_id TEXT NOT NULL,
      agent_id TEXT,
      at INTEGER NOT NULL
    );
    CREATE INDEX usage_log_by_item ON usage_log(kind, item_id);
  `,
};
