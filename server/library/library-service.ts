import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AccountView } from '../../shared/head-office/auth.js';
import { LIBRARY_SCOPE, LibraryArticle, LibraryScript } from '../../shared/head-office/library.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { changeLogOf, withChanges } from '../sync/change-log.js';

export type LibraryKind = 'knowledge_article' | 'team_script';
const SCHEMA = { knowledge_article: LibraryArticle, team_script: LibraryScript } as const;

/**
 * The approved library: team leads and administrators publish, revise and
 * withdraw articles and team scripts; every desk receives them through the
 * 'library' scope. Publishing an unchanged item writes nothing.
 */
export function createLibraryService(db: SqlClient) {
  // The approved library is curated centrally (总部): a team lead's word reaches only their own office elsewhere.
  const mayEdit = (caller: AccountView) => {
    if (caller.role !== 'admin') throw new HttpError('FORBIDDEN', 'only head-office administrators edit the library');
  };

  const publishIn = async (tx: SqlExecutor, kind: LibraryKind, item: LibraryArticle | LibraryScript, by: string | null): Promise<'added' | 'revised' | 'unchanged'> => {
    // The scope's lock first: two publishers of one new code take turns, so a code never gets two ids.
    await changeLogOf(tx).versions(LIBRARY_SCOPE, 0);
    const [held] = await tx.query<{ id: string; same: boolean; version: string }>(
      'SELECT id, data = $3::jsonb AS same, version FROM library_items WHERE kind = $1 AND code = $2',
      [kind, item.code, JSON.stringify(item)],
    );
    if (held?.same) return 'unchanged';
    const id = held?.id ?? randomUUID();
    await withChanges(tx, LIBRARY_SCOPE, 1, async ([version]) => {
      await tx.query(
        `INSERT INTO library_items (kind, code, id, data, version, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (kind, code) DO UPDATE SET data = excluded.data, version = excluded.version, updated_by = excluded.updated_by, updated_at = now()`,
        [kind, item.code, id, JSON.stringify(item), version, by],
      );
      return [{ entity: kind, id, before: held ? Number(held.version) : null, version: version!, data: { ...item, id } }];
    });
    return held ? 'revised' : 'added';
  };

  return {
    async publish(caller: AccountView, kind: LibraryKind, body: unknown): Promise<{ code: string; result: 'added' | 'revised' | 'unchanged' }> {
      mayEdit(caller);
      const parsed = SCHEMA[kind].safeParse(body);
      if (!parsed.success) throw new HttpError('BAD_REQUEST', 'invalid library item', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      const result = await db.transaction(async (tx) => {
        const r = await publishIn(tx, kind, parsed.data, caller.id);
        await changeLogOf(tx).flush();
        return r;
      });
      return { code: parsed.data.code, result };
    },

    async withdraw(caller: AccountView, kind: LibraryKind, code: string): Promise<void> {
      mayEdit(caller);
      await db.transaction(async (tx) => {
        await changeLogOf(tx).versions(LIBRARY_SCOPE, 0);
        const [held] = await tx.query<{ id: string; version: string }>('SELECT id, version FROM library_items WHERE kind = $1 AND code = $2', [kind, code]);
        if (!held) throw new HttpError('NOT_FOUND', `no ${kind} ${code}`);
        await withChanges(tx, LIBRARY_SCOPE, 1, async ([version]) => {
          await tx.query('DELETE FROM library_items WHERE kind = $1 AND code = $2', [kind, code]);
          return [{ entity: kind, id: held.id, before: Number(held.version), version: version!, data: null }];
        });
        await changeLogOf(tx).flush();
      });
    },

    /**
     * A new head office starts with the library the app ships
     * (resources/seed), so desks and head office agree from day one. Once
     * the library has a history it is never imported again, even if every
     * item was withdrawn on purpose.
     */
    async importShipped(seedDir: string): Promise<number> {
      const articles = z.array(LibraryArticle).parse(JSON.parse(readFileSync(`${seedDir}/knowledge.json`, 'utf8')));
      const scripts = z.array(LibraryScript).parse(JSON.parse(readFileSync(`${seedDir}/scripts.json`, 'utf8')));
      return db.transaction(async (tx) => {
        // Instances starting together: the first imports, the others find the scope there.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('motordesk.library.import'))`);
        if ((await tx.query('SELECT 1 FROM sync_scopes WHERE scope = $1', [LIBRARY_SCOPE])).length > 0) return 0;
        for (const a of articles) await publishIn(tx, 'knowledge_article', a, null);
        for (const s of scripts) await publishIn(tx, 'team_script', s, null);
        await changeLogOf(tx).flush();
        return articles.length + scripts.length;
      });
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
