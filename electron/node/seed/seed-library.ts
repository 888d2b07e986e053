import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ScriptStage } from '../../../shared/contract/schemas.js';
import { uuidv7 } from '../../../shared/domain/ids.js';
import type { DeskContext } from '../app/desk-context.js';
import { indexScript, insertScript, titleInitials, type ScriptRow } from '../features/scripts/script-store.js';
import { resourcePath } from '../resources.js';
import { articleDocument, indexDocument } from '../search/search-index.js';

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
  indexArticle(ctx, id, a);
}

function indexArticle(ctx: DeskContext, id: string, a: SeedArticle): void {
  indexDocument(ctx.db, articleDocument({ id, titleZh: a.title.zh, titleEn: a.title.en, bodyZh: a.body.zh, bodyEn: a.body.en, keywords: a.keywords }));
}

/**
 * Approved scripts and knowledge articles shipped in resources/, loaded on
 * start. Items are keyed by code: a later app version adds what is new and
 * rewrites what it revised (keeping use counts), and an unchanged library
 * costs one comparison per item.
 */
export function seedLibrary(ctx: DeskContext): { scripts: number; articles: number; revised: number } {
  const scripts = readSeedFile('scripts.json', SeedScript);
  const articles = readSeedFile('knowledge.json', SeedArticle);
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const scriptByCode = ctx.db.prepare(`SELECT id, stage, title_zh, title_en, body_zh, body_en FROM scripts WHERE code = ? AND scope = 'team'`);
    const articleByCode = ctx.db.prepare('SELECT id, topic, title_zh, title_en, body_zh, body_en, keywords FROM knowledge_articles WHERE code = ?');
    let newScripts = 0;
    let newArticles = 0;
    let revised = 0;
    for (const s of scripts) {
      const row = scriptByCode.get(s.code) as { id: string; stage: string; title_zh: string; title_en: string; body_zh: string; body_en: string } | undefined;
      if (!row) {
        insertTeamScript(ctx, s, at);
        newScripts++;
      } else if (row.stage !== s.stage || row.title_zh !== s.title.zh || row.title_en !== s.title.en || row.body_zh !== s.body.zh || row.body_en !== s.body.en) {
        reviseTeamScript(ctx, row.id, s, at);
        revised++;
      }
    }
    for (const a of articles) {
      const row = articleByCode.get(a.code) as { id: string; topic: string; title_zh: string; title_en: string; body_zh: string; body_en: string; keywords: string } | undefined;
      if (!row) {
        insertArticle(ctx, a, at);
        newArticles++;
      } else if (
        row.topic !== a.topic || row.title_zh !== a.title.zh || row.title_en !== a.title.en || row.body_zh !== a.body.zh || row.body_en !== a.body.en || row.keywords !== JSON.stringify(a.keywords)
      ) {
        reviseArticle(ctx, row.id, a, at);
        revised++;
      }
    }
    return { scripts: newScripts, articles: newArticles, revised };
  })();
}

function reviseTeamScript(ctx: DeskContext, id: string, s: SeedScript, at: number): void {
  const shortcut = titleInitials(s.title.zh);
  ctx.db
    .prepare('UPDATE scripts SET stage = ?, title_zh = ?, title_en = ?, body_zh = ?, body_en = ?, shortcut = ?, updated_at = ? WHERE id = ?')
    .run(s.stage, s.title.zh, s.title.en, s.body.zh, s.body.en, shortcut, at, id);
  indexScript(ctx.db, { id, code: s.code, scope: 'team', owner_agent_id: null, stage: s.stage, title_zh: s.title.zh, title_en: s.title.en, body_zh: s.body.zh, body_en: s.body.en, shortcut, use_count: 0 });
}

function reviseArticle(ctx: DeskContext, id: string, a: SeedArticle, at: number): void {
  ctx.db
    .prepare('UPDATE knowledge_articles SET topic = ?, title_zh = ?, title_en = ?, body_zh = ?, body_en = ?, keywords = ?, updated_at = ? WHERE id = ?')
    .run(a.topic, a.title.zh, a.title.en, a.body.zh, a.body.en, JSON.stringify(a.keywords), at, id);
  indexArticle(ctx, id, a);
}
