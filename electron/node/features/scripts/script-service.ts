import { DeskError } from '../../../../shared/contract/errors.js';
import type { Locale, Script, ScriptStage } from '../../../../shared/contract/schemas.js';
import { uuidv7 } from '../../../../shared/domain/ids.js';
import { shortcutScore } from '../../../../shared/domain/shortcut.js';
import type { DeskContext } from '../../app/desk-context.js';
import { removeDocument, searchDocuments } from '../../search/search-index.js';
import { indexScript, insertScript, personalContent, type ScriptRow } from './script-store.js';
import type { AgentService } from '../agents/agent-service.js';

/** Approved team scripts (话术) are read-only here; each agent also keeps personal ones. */
export function createScriptService(ctx: DeskContext, agents: AgentService) {
  // owner_agent_id = NULL is never true, so with no agent only team scripts show.
  const VISIBLE = `(scope = 'team' OR owner_agent_id = @agentId)`;

  const toScript = (r: ScriptRow, locale: Locale, agentId: string | null): Script => ({
    id: r.id,
    code: r.code,
    scope: r.scope,
    stage: r.stage,
    title: locale === 'en' ? r.title_en : r.title_zh,
    body: locale === 'en' ? r.body_en : r.body_zh,
    shortcut: r.shortcut,
    useCount: r.use_count,
    editable: r.scope === 'personal' && r.owner_agent_id === agentId,
  });

  const mustFindOwn = (scriptId: string, agentId: string): ScriptRow => {
    const row = ctx.db.prepare('SELECT * FROM scripts WHERE id = ?').get(scriptId) as ScriptRow | undefined;
    if (!row) throw new DeskError('NOT_FOUND', `script ${scriptId} not found`);
    if (row.scope === 'team') throw new DeskError('READ_ONLY', 'approved team scripts cannot be edited at the desk');
    if (row.owner_agent_id !== agentId) throw new DeskError('FORBIDDEN', 'this personal script belongs to another agent');
    return row;
  };

  return {
    list(input: { locale: Locale; stage?: ScriptStage | undefined; scope?: 'team' | 'personal' | undefined }): Script[] {
      const agentId = agents.current()?.id ?? null;
      const rows = ctx.db
        .prepare(
          `SELECT * FROM scripts WHERE ${VISIBLE}
             AND (@stage IS NULL OR stage = @stage) AND (@scope IS NULL OR scope = @scope)
           ORDER BY scope DESC, stage, use_count DESC, title_zh`,
        )
        .all({ agentId, stage: input.stage ?? null, scope: input.scope ?? null }) as ScriptRow[];
      return rows.map((r) => toScript(r, input.locale, agentId));
    },

    search(input: { locale: Locale; query: string; limit: number }): Script[] {
      const agentId = agents.current()?.id ?? null;
      const query = input.query.trim();
      if (query.startsWith('/')) {
        const rows = ctx.db.prepare(`SELECT * FROM scripts WHERE ${VISIBLE}`).all({ agentId }) as ScriptRow[];
        return rows
          .map((r) => ({ r, score: shortcutScore(r.shortcut, query) }))
          .filter((x) => x.score > 0)
          .sort((a, b) => b.score - a.score || b.r.use_count - a.r.use_count || a.r.shortcut.length - b.r.shortcut.length)
          .slice(0, input.limit)
          .map((x) => toScript(x.r, input.locale, agentId));
      }
      const hits = searchDocuments(ctx.db, 'script', query, input.limit * 3);
      const byId = ctx.db.prepare(`SELECT * FROM scripts WHERE id = @id AND ${VISIBLE}`);
      const out: Script[] = [];
      for (const hit of hits) {
        const row = byId.get({ id: hit.itemId, agentId }) as ScriptRow | undefined;
        if (row) out.push(toScript(row, input.locale, agentId));
        if (out.length === input.limit) break;
      }
      return out;
    },

    createPersonal(input: { stage: ScriptStage; title: string; body: string }, locale: Locale): Script {
      const agent = agents.require();
      const at = ctx.now();
      const row: ScriptRow = { id: uuidv7(), code: null, scope: 'personal', owner_agent_id: agent.id, use_count: 0, ...personalContent(input) };
      ctx.write(() => {
        insertScript(ctx.db, row, at);
        ctx.outbox.append('script.upsertPersonal', { id: row.id, stage: row.stage, title: input.title, body: input.body }, at);
      });
      return toScript(row, locale, agent.id);
    },

    updatePersonal(input: { scriptId: string; stage: ScriptStage; title: string; body: string }, locale: Locale): Script {
      const agent = agents.require();
      const at = ctx.now();
      const updated = ctx.write(() => {
        const row = mustFindOwn(input.scriptId, agent.id);
        const next: ScriptRow = { ...row, ...personalContent(input) };
        ctx.db
          .prepare(
            `UPDATE scripts SET stage = @stage, title_zh = @title_zh, title_en = @title_en, body_zh = @body_zh, body_en = @body_en,
                    shortcut = @shortcut, updated_at = @at WHERE id = @id`,
          )
          .run({ ...next, at });
        indexScript(ctx.db, next);
        ctx.outbox.append('script.upsertPersonal', { id: row.id, stage: input.stage, title: input.title, body: input.body }, at);
        return next;
      });
      return toScript(updated, locale, agent.id);
    },

    deletePersonal(scriptId: string): { ok: true } {
      const agent = agents.require();
      ctx.write(() => {
        mustFindOwn(scriptId, agent.id);
        ctx.db.prepare('DELETE FROM scripts WHERE id = ?').run(scriptId);
        removeDocument(ctx.db, 'script', scriptId);
        ctx.outbox.append('script.deletePersonal', { id: scriptId }, ctx.now());
      });
      return { ok: true };
    },
  };
}
