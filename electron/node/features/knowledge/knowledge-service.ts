import { DeskError } from '../../../../shared/contract/errors.js';
import type { KnowledgeArticle, KnowledgeHit, Locale } from '../../../../shared/contract/schemas.js';
import type { DeskContext } from '../../app/desk-context.js';
import { searchDocuments } from '../../search/search-index.js';
import type { AgentService } from '../agents/agent-service.js';
import { recordUsage } from '../usage/usage-store.js';

interface ArticleRow {
  id: string;
  code: string;
  topic: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  keywords: string;
  use_count: number;
}

const SNIPPET_LENGTH = 90;

/** Knowledge base (知识库): ranked search and article view. */
export function createKnowledgeService(ctx: DeskContext, agents: AgentService) {
  const byId = () => ctx.db.prepare('SELECT * FROM knowledge_articles WHERE id = ?');
  return {
    search(input: { locale: Locale; query: string; limit: number }): KnowledgeHit[] {
      const hits = searchDocuments(ctx.db, 'article', input.query, input.limit);
      const stmt = byId();
      return hits.flatMap((h) => {
        const r = stmt.get(h.itemId) as ArticleRow | undefined;
        if (!r) return [];
        const body = input.locale === 'en' ? r.body_en : r.body_zh;
        return [
          {
            id: r.id,
            code: r.code,
            topic: r.topic,
            title: input.locale === 'en' ? r.title_en : r.title_zh,
            snippet: body.length > SNIPPET_LENGTH ? `${body.slice(0, SNIPPET_LENGTH)}…` : body,
            score: h.score,
          },
        ];
      });
    },

    /** Opening an article counts as a use of it; re-reading it need not. */
    get(articleId: string, locale: Locale, countUse = true): KnowledgeArticle {
      const at = ctx.now();
      const row = ctx.write(() => {
        const r = byId().get(articleId) as ArticleRow | undefined;
        if (!r) throw new DeskError('NOT_FOUND', `article ${articleId} not found`);
        if (!countUse) return r;
        recordUsage(ctx, 'article', r.id, agents.current()?.id ?? null, at);
        return { ...r, use_count: r.use_count + 1 };
      });
      return {
        id: row.id,
        code: row.code,
        topic: row.topic,
        title: locale === 'en' ? row.title_en : row.title_zh,
        body: locale === 'en' ? row.body_en : row.body_zh,
        keywords: JSON.parse(row.keywords) as string[],
        useCount: row.use_count,
      };
    },
  };
}
