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
  const mayEdit = (caller: AccountView | null) => {
    if (caller && caller.role === 'agent') throw new HttpError('FORBIDDEN', 'only team leads and administrators edit the library');
  };

  const publishIn = async (tx: SqlExecutor, kind: LibraryKind, item: LibraryArticle | LibraryScript, by: string | null): Promise<'added' | 'revised' | 'unchanged'> => {
    const [held] = await tx.query<{ id: string; data: unknown; version: string }>('SELECT id, data, version FROM library_items WHERE kind = $1 AND code = $2 FOR UPDATE', [
      kind,
      item.code,
    ]);
    if (held && JSON.stringify(held.data) === JSON.stringify(item)) return 'unchanged';
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
        const [held] = await tx.query<{ id: string; version: string }>('SELECT id, version FROM library_items WHERE kind = $1 AND code = $2 FOR UPDATE', [kind, code]);
        if (!held) throw new HttpError('NOT_FOUND', `no ${kind} ${code}`);
        await withChanges(tx, LIBRARY_SCOPE, 1, async ([version]) => {
          await tx.query('DELETE FROM library_items WHERE kind = $1 AND code = $2', [kind, code]);
          return [{ entity: kind, id: held.id, before: Number(held.version), version: version!, data: null }];
        });
        await changeLogOf(tx).flush();
      });
    },

    /**
     * A head office with an empty library starts with the one the app
     * ships (resources/seed), so desks and head office agree from day one.
     */
    async importShipped(seedDir: string): Promise<number> {
      const [{ n }] = (await db.query<{ n: string }>('SELECT count(*) AS n FROM library_items')) as [{ n: string }];
      if (Number(n) > 0) return 0;
      const articles = z.array(LibraryArticle).parse(JSON.parse(readFileSync(`${seedDir}/knowledge.json`, 'utf8')));
      const scripts = z.array(LibraryScript).parse(JSON.parse(readFileSync(`${seedDir}/scripts.json`, 'utf8')));
      await db.transaction(async (tx) => {
        for (const a of articles) await publishIn(tx, 'knowledge_article', a, null);
        for (const s of scripts) await publishIn(tx, 'team_script', s, null);
        await changeLogOf(tx).flush();
      });
      return articles.length + scripts.length;
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
