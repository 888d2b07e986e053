import { pinyin } from 'pinyin-pro';
import type { ScriptStage } from '../../../../shared/contract/schemas.js';
import type { CacheDb } from '../../db/open-cache.js';
import { indexDocument } from '../../search/search-index.js';

export interface ScriptRow {
  id: string;
  code: string | null;
  scope: 'team' | 'personal';
  owner_agent_id: string | null;
  stage: ScriptStage;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  shortcut: string;
  use_count: number;
}

/** Pinyin initials of a title, for `/bazs`-style shortcuts. */
export function titleInitials(title: string): string {
  return pinyin(title, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function indexScript(db: CacheDb, r: ScriptRow): void {
  indexDocument(db, { kind: 'script', itemId: r.id, title: `${r.title_zh} ${r.title_en}`, keywords: r.stage, body: `${r.body_zh} ${r.body_en}` });
}

/** A new row and (unless the caller queues it for later) its search document, in the caller's transaction. */
export function insertScript(db: CacheDb, r: ScriptRow, at: number, index = true): void {
  db.prepare(
    `INSERT INTO scripts (id, code, scope, owner_agent_id, stage, title_zh, title_en, body_zh, body_en, shortcut, created_at, updated_at)
     VALUES (@id, @code, @scope, @owner_agent_id, @stage, @title_zh, @title_en, @body_zh, @body_en, @shortcut, @at, @at)`,
  ).run({ ...r, at });
  if (index) indexScript(db, r);
}

/** A personal script is written in one language and shown in both. */
export function personalContent(input: { stage: ScriptStage; title: string; body: string }) {
  return {
    stage: input.stage,
    title_zh: input.title,
    title_en: input.title,
    body_zh: input.body,
    body_en: input.body,
    shortcut: titleInitials(input.title),
  };
}
