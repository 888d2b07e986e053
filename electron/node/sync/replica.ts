import { z } from 'zod';
import { nextChecksum } from '../../../shared/head-office/checksum.js';
import { MutationArgs, SyncedTicket, SyncedTicketEvent, type Cursor, type PullResponse, type SyncedEntity } from '../../../shared/head-office/sync.js';
import type { CacheDb } from '../db/open-cache.js';
import { statement } from '../db/statements.js';
import { deleteTicket, ticketMutators, writeSyncedTicket, writeSyncedTicketEvent, type TicketMutationName } from '../features/tickets/ticket-mutators.js';
import { HeadOfficeError } from '../head-office/head-office-client.js';
import { forgetKnownAgents } from '../features/agents/agent-store.js';
import { LIBRARY_SCOPE, SyncedArticle, SyncedScript } from '../../../shared/head-office/library.js';
import { removeLibraryItem, upsertArticle, upsertTeamScript } from '../features/library/library-items.js';
import type { Outbox, OutboxEntry } from '../outbox/outbox.js';

const ENTITY_DATA = { ticket: SyncedTicket, ticket_event: SyncedTicketEvent, knowledge_article: SyncedArticle, team_script: SyncedScript } as const;
const isLibrary = (entity: SyncedEntity): entity is 'knowledge_article' | 'team_script' => entity === 'knowledge_article' || entity === 'team_script';
const Scopes = z.record(z.string(), z.number());
const Checksums = z.record(z.string(), z.number());

interface SyncRow {
  entity: SyncedEntity;
  id: string;
  scope: string;
  version: number;
  parent_id: string | null;
  data: string;
}

export interface PageReport {
  /** Tickets whose cached copy changed. */
  tickets: Set<string>;
  /** Scopes whose checksum disagreed with head office's: pulled again from the start. */
  drifted: string[];
}

/**
 * The cache as a replica of head office: head office's copy of each
 * synced record in `sync_rows`, the visible tables built from it with this
 * desk's pending mutations applied on top.
 */
export function createReplica(db: CacheDb, outbox: Outbox, mutationAuthor: () => string | null) {
  const state = (key: string): string | undefined => statement(db, 'SELECT value FROM sync_state WHERE key = ?').pluck().get(key) as string | undefined;
  const setState = (key: string, value: string) =>
    statement(db, 'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  const findRow = statement(db, 'SELECT * FROM sync_rows WHERE entity = ? AND id = ?');
  const upsertRow = statement(db, 
    `INSERT INTO sync_rows (entity, id, scope, version, parent_id, data) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity, id) DO UPDATE SET scope = excluded.scope, version = excluded.version, parent_id = excluded.parent_id, data = excluded.data`,
  );
  const deleteRow = statement(db, 'DELETE FROM sync_rows WHERE entity = ? AND id = ?');

  const cursor = (): Cursor => ({ epoch: state('epoch') || null, scopes: Scopes.parse(JSON.parse(state('scopes') ?? '{}')) });
  const checksums = (): Record<string, number> => Checksums.parse(JSON.parse(state('checksums') ?? '{}'));

  const reapply = (entry: OutboxEntry) => reapplyMutation(db, entry, mutationAuthor());

  /** Take a record out of the cache the way head office removed it. */
  const removeSynced = (row: Pick<SyncRow, 'entity' | 'id' | 'parent_id'>, touched: Set<string>) => {
    if (isLibrary(row.entity)) {
      const held = findRow.get(row.entity, row.id) as SyncRow | undefined;
      if (held) removeLibraryItem(db, row.entity, (JSON.parse(held.data) as { code: string }).code);
      deleteRow.run(row.entity, row.id);
      return;
    }
    deleteRow.run(row.entity, row.id);
    if (row.entity === 'ticket') {
      deleteTicket(db, row.id);
      touched.add(row.id);
    } else {
      statement(db, 'DELETE FROM ticket_events WHERE id = ?').run(row.id);
      if (row.parent_id) touched.add(row.parent_id);
    }
  };

  /**
   * Forget what the cache holds of a scope before pulling it again. Library
   * items stay where they are (with their use counts) and are rewritten as
   * they arrive; those head office no longer has go once the scope is
   * caught up (pruneLibrary).
   */
  const dropScope = (scope: string, touched: Set<string>) => {
    for (const row of statement(db, 'SELECT entity, id, parent_id FROM sync_rows WHERE scope = ?').all(scope) as SyncRow[]) {
      if (isLibrary(row.entity)) deleteRow.run(row.entity, row.id);
      else removeSynced(row, touched);
    }
  };

  /** Once the library is caught up with head office: what it does not publish (any more) leaves the desk. */
  const pruneLibrary = () => {
    for (const [entity, table, scoped] of [
      ['knowledge_article', 'knowledge_articles', ''],
      ['team_script', 'scripts', ` AND scope = 'team'`],
    ] as const) {
      const stray = statement(
        db,
        `SELECT code FROM ${table} WHERE code IS NOT NULL${scoped}
           AND code NOT IN (SELECT json_extract(data, '$.code') FROM sync_rows WHERE entity = '${entity}')`,
      )
        .pluck()
        .all() as string[];
      for (const code of stray) removeLibraryItem(db, entity, code);
    }
  };

  /** The ticket as head office last sent it, with this desk's pending changes on top. */
  const rebuildTicket = (id: string) => {
    deleteTicket(db, id);
    const ticket = findRow.get('ticket', id) as SyncRow | undefined;
    if (ticket) {
      writeSyncedTicket(db, SyncedTicket.parse(JSON.parse(ticket.data)), ticket.version);
      for (const e of statement(db, `SELECT data FROM sync_rows WHERE parent_id = ? AND entity = 'ticket_event'`).pluck().all(id) as string[]) {
        writeSyncedTicketEvent(db, SyncedTicketEvent.parse(JSON.parse(e)));
      }
    }
    for (const entry of outbox.pendingFor(id)) reapply(entry);
  };

  /** The cursor a page leaves behind once applied, unless its checksums disagree (so the next page can be asked for meanwhile). */
  const cursorAfter = (page: PullResponse): Cursor => {
    const next = { ...(page.reset ? {} : cursor().scopes), ...page.cursor.scopes };
    for (const scope of page.droppedScopes) delete next[scope];
    return { epoch: page.cursor.epoch, scopes: next };
  };

  return {
    cursor,
    cursorAfter,

    /**
     * One pulled page as one checkpoint, in one transaction: head office's
     * copies, tombstones, lost scopes, the new cursor, and this desk's
     * pending changes re-applied on top of every ticket the page touched.
     * A page with any record this desk cannot read is refused whole.
     */
    applyPage(page: PullResponse): PageReport {
      const parsed = page.changes.map((c) => {
        if (c.deleted) return { ...c, data: null };
        const data = ENTITY_DATA[c.entity].safeParse(c.data);
        if (!data.success) throw new HeadOfficeError('BAD_RESPONSE', `head office sent a ${c.entity} this desk cannot read`);
        return { ...c, data: data.data };
      });
      const touched = new Set<string>();
      const drifted: string[] = [];
      // Computed before anything is dropped: where this page leaves the cursor.
      const { scopes: next } = cursorAfter(page);
      const apply = db.transaction(() => {
        const sums = page.reset ? {} : checksums();
        if (page.reset) for (const { scope } of statement(db, 'SELECT DISTINCT scope FROM sync_rows').all() as { scope: string }[]) dropScope(scope, touched);
        for (const scope of page.droppedScopes) {
          dropScope(scope, touched);
          delete sums[scope];
        }
        for (const c of parsed) {
          const prev = findRow.get(c.entity, c.id) as SyncRow | undefined;
          sums[c.scope] = nextChecksum(sums[c.scope] ?? 0, c.entity, c.id, prev ? prev.version : null, c.data === null ? null : c.version);
          if (c.data === null) {
            if (prev) removeSynced(prev, touched);
            continue;
          }
          const parent = c.entity === 'ticket_event' ? (c.data as SyncedTicketEvent).ticketId : null;
          upsertRow.run(c.entity, c.id, c.scope, c.version, parent, JSON.stringify(c.data));
          // Indexed for search in the background (see search-backlog): a first sync brings thousands at once.
          if (c.entity === 'knowledge_article') upsertArticle(db, c.data as z.infer<typeof SyncedArticle>, Date.now(), 'later');
          else if (c.entity === 'team_script') upsertTeamScript(db, c.data as z.infer<typeof SyncedScript>, Date.now(), 'later');
          else if (c.entity === 'ticket') {
            writeSyncedTicket(db, c.data as SyncedTicket, c.version);
            touched.add(c.id);
          } else {
            writeSyncedTicketEvent(db, c.data as SyncedTicketEvent);
            touched.add(parent!);
          }
        }
        for (const [scope, expected] of Object.entries(page.checksums)) {
          if (String(sums[scope] ?? 0) === expected) continue;
          // Drifted (a lost write, a hand-edited file): this scope is pulled again from nothing.
          drifted.push(scope);
          dropScope(scope, touched);
          sums[scope] = 0;
          next[scope] = 0;
        }
        // Once the library is caught up after it moved (or after a reset), what head office no longer publishes goes.
        const libraryMoved = page.reset || parsed.some((c) => c.scope === LIBRARY_SCOPE);
        if (libraryMoved && page.checksums[LIBRARY_SCOPE] !== undefined && !drifted.includes(LIBRARY_SCOPE)) pruneLibrary();
        setState('epoch', page.cursor.epoch ?? '');
        setState('scopes', JSON.stringify(next));
        setState('checksums', JSON.stringify(sums));
        const pendingRecords = outbox.pendingRecords();
        for (const id of touched) if (pendingRecords.has(id)) for (const entry of outbox.pendingFor(id)) reapply(entry);
      });
      try {
        apply();
      } catch (err) {
        // Rolled back: the people it wrote are not in the cache after all.
        forgetKnownAgents(db);
        throw err;
      }
      return { tickets: touched, drifted };
    },

    rebuildTicket: (id: string) => db.transaction(() => rebuildTicket(id))(),

    /** Whether head office's copy of this record is here. */
    holds: (entity: SyncedEntity, id: string): boolean => findRow.get(entity, id) !== undefined,
  };
}

export type Replica = ReturnType<typeof createReplica>;

/** Re-apply one waiting mutation to the cache (a no-op for names with no cached effect yet). */
function reapplyMutation(db: CacheDb, entry: OutboxEntry, author: string | null): void {
  if (!Object.hasOwn(ticketMutators, entry.name)) return;
  const name = entry.name as TicketMutationName;
  const args = MutationArgs[name].parse(entry.args);
  (ticketMutators[name] as (d: CacheDb, a: unknown, agent: string | null) => void)(db, args, author);
}

/**
 * On start: whatever the outbox holds waiting is in the cache, since the
 * app may have stopped between the outbox's commit and the cache's.
 */
export function reapplyWaitingMutations(db: CacheDb, outbox: Outbox, author: string | null): void {
  db.transaction(() => {
    for (const entry of outbox.waiting()) reapplyMutation(db, entry, author);
  })();
}
