import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ScriptStage } from '../../../shared/contract/schemas.js';
import { uuidv7 } from '../../../shared/domain/ids.js';
import type { DeskContext } from '../app/desk-context.js';
import { insertScript, titleInitials, type ScriptRow } from '../features/scripts/script-store.js';
import { resourcePath } from '../resources.js';
import { indexDocument } from '../search/search-index.js';

const Bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const SeedScript = z.object({ code: z.string().min(1), stage: ScriptStage, title: Bilingual, body: Bilingual });
const SeedArticle = z.object({ code: z.string().min(1), topic: z.string().min(1), title: Bilingual, body: Bilingual, keywords: z.array(z.string()) });

export type SeedScript = z.infer<typeof SeedScript>;
export type SeedArticle = z.infer<typeof SeedArticle>;

export function readSeedFile<T>(name: string, schema: z.ZodType<T>): T[] {
  const raw = JSON.parse(readFileSync(resourcePath('seed', name), 'utf8')) as unknown;
  return z.array(schema).parse(raw);
}

export function insertTeamScript(ctx: DeskContext, s: SeedScript, at: number): void {
  const row: ScriptRow = {
    id: uuidv7(),
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
  insertScript(ctx.db, row, at);
}

export function insertArticle(ctx: DeskContext, a: SeedArticle, at: number): void {
  const id = uuidv7();
  ctx.db
    .prepare(
      `INSERT INTO knowledge_articles (id, code, topic, title_zh, title_en, body_zh, body_en, keywords, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, a.code, a.topic, a.title.zh, a.title.en, a.body.zh, a.body.en, JSON.stringify(a.keywords), at, at);
  indexDocument(ctx.db, { kind: 'article', itemId: id, title: `${a.title.zh} ${a.title.en}`, keywords: a.keywords.join(' '), body: `${a.body.zh} ${a.body.en}` });
}

/**
 * Approved scripts and knowledge articles shipped in resources/, loaded on
 * first start. Items are keyed by code, so a later app version adds what is
 * new without duplicating what an earlier start loaded.
 */
export function seedLibrary(ctx: DeskContext): { scripts: number; articles: number } {
  const scripts = readSeedFile('scripts.json', SeedScript);
  const articles = readSeedFile('knowledge.json', SeedArticle);
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const haveScript = ctx.db.prepare('SELECT 1 FROM scripts WHERE code = ?').pluck();
    const haveArticle = ctx.db.prepare('SELECT 1 FROM knowledge_articles WHERE code = ?').pluck();
    let newScripts = 0;
    let newArticles = 0;
    for (const s of scripts) {
      if (haveScript.get(s.code)) continue;
      insertTeamScript(ctx, s, at);
      newScripts++;
    }
    for (const a of articles) {
      if (haveArticle.get(a.code)) continue;
      insertArticle(ctx, a, at);
      newArticles++;
    }
    return { scripts: newScripts, articles: newArticles };
  })();
}
