import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ScriptStage } from '../../../shared/contract/schemas.js';
import type { DeskContext } from '../app/desk-context.js';
import { upsertArticle, upsertTeamScript } from '../features/library/library-items.js';
import { resourcePath } from '../resources.js';

const Bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) });
const SeedScript = z.object({ code: z.string().min(1), stage: ScriptStage, title: Bilingual, body: Bilingual });
const SeedArticle = z.object({ code: z.string().min(1), topic: z.string().min(1), title: Bilingual, body: Bilingual, keywords: z.array(z.string()) });

export type SeedScript = z.infer<typeof SeedScript>;
export type SeedArticle = z.infer<typeof SeedArticle>;

export function readSeedFile<T>(name: string, schema: z.ZodType<T>): T[] {
  const raw = JSON.parse(readFileSync(resourcePath('seed', name), 'utf8')) as unknown;
  return z.array(schema).parse(raw);
}

/** Add a team script from the shipped library (or a benchmark's variant of one). */
export function insertTeamScript(ctx: DeskContext, s: SeedScript, at: number): void {
  upsertTeamScript(ctx.db, s, at);
}

export function insertArticle(ctx: DeskContext, a: SeedArticle, at: number): void {
  upsertArticle(ctx.db, a, at);
}

/**
 * Approved scripts and knowledge articles shipped in resources/, loaded on
 * start. Items are keyed by code: a later app version adds what is new and
 * rewrites what it revised (keeping use counts), and an unchanged library
 * costs one comparison per item. A desk signed in to head office then
 * receives head office's library over sync, by the same codes.
 */
export function seedLibrary(ctx: DeskContext): { scripts: number; articles: number; revised: number } {
  const scripts = readSeedFile('scripts.json', SeedScript);
  const articles = readSeedFile('knowledge.json', SeedArticle);
  const at = ctx.now();
  return ctx.db.transaction(() => {
    const tally = { scripts: 0, articles: 0, revised: 0 };
    for (const s of scripts) {
      const r = upsertTeamScript(ctx.db, s, at);
      if (r === 'added') tally.scripts++;
      if (r === 'revised') tally.revised++;
    }
    for (const a of articles) {
      const r = upsertArticle(ctx.db, a, at);
      if (r === 'added') tally.articles++;
      if (r === 'revised') tally.revised++;
    }
    return tally;
  })();
}
