import type { DeskResult } from '../../shared/contract/errors.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ScriptStage } from '../../shared/contract/schemas.js';
import { insertArticle, insertTeamScript, readSeedFile, type SeedArticle, type SeedScript } from '../../electron/node/seed/seed-library.js';
import { tempDesk } from '../support/temp-desk.js';
import { percentile } from './stats.js';

const Bilingual = z.object({ zh: z.string(), en: z.string() });

/**
 * kbSearchP95Ms: knowledge search over 20,000 articles and 5,000 scripts,
 * with the customer questions of the ranking test as queries, through the
 * dispatcher (validation included).
 */
export function benchKnowledgeSearch(): { kbSearchP95Ms: number; kbIndexBuildS: number } {
  const desk = tempDesk();
  const articles = readSeedFile('knowledge.json', z.object({ code: z.string(), topic: z.string(), title: Bilingual, body: Bilingual, keywords: z.array(z.string()) }));
  const scripts = readSeedFile('scripts.json', z.object({ code: z.string(), stage: ScriptStage, title: Bilingual, body: Bilingual }));
  const t0 = performance.now();
  const at = Date.now();
  desk.db.transaction(() => {
    const existingArticles = articles.length;
    for (let i = existingArticles; i < 20_000; i++) {
      const a = articles[i % articles.length]!;
      const b = articles[(i * 7 + 3) % articles.length]!;
      const variant: SeedArticle = {
        code: `${a.code}.v${i}`,
        topic: a.topic,
        title: { zh: `${a.title.zh}（${b.title.zh}）`, en: `${a.title.en} (${b.title.en})` },
        body: { zh: `${b.body.zh} ${a.body.zh}`, en: `${b.body.en} ${a.body.en}` },
        keywords: [...a.keywords.slice(0, 2), ...b.keywords.slice(0, 2)],
      };
      insertArticle(desk.context, variant, at);
    }
    for (let i = scripts.length; i < 5_000; i++) {
      const s = scripts[i % scripts.length]!;
      const variant: SeedScript = { ...s, code: `${s.code}.v${i}`, title: { zh: `${s.title.zh}${i}`, en: `${s.title.en} ${i}` } };
      insertTeamScript(desk.context, variant, at);
    }
  })();
  const kbIndexBuildS = Math.round((performance.now() - t0) / 10) / 100;

  const queries = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/kb-queries.json'), 'utf8')) as { q: string }[]).map((x) => x.q);
  for (const q of queries.slice(0, 5)) desk.dispatch('knowledge.search', { locale: 'zh-CN', query: q, limit: 10 }) as DeskResult<unknown>;
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of queries) {
      const start = performance.now();
      const r = desk.dispatch('knowledge.search', { locale: 'zh-CN', query: q, limit: 10 }) as DeskResult<unknown>;
      samples.push(performance.now() - start);
      if (!r.ok) throw new Error(r.error.message);
    }
  }
  desk.close();
  return { kbSearchP95Ms: percentile(samples, 95), kbIndexBuildS };
}
