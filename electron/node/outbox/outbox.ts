import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { MUTATION_NAMES, type FieldConflict } from '../../../shared/head-office/sync.js';
import { uuidv7 } from '../../../shared/domain/ids.js';
import { DeskError } from '../../../shared/contract/errors.js';
import { migrate } from '../db/migration.js';
import { OUTBOX_MIGRATIONS } from '../db/outbox-migrations.js';

/** Named local mutations (`ticket.setStatus`, …), each written to the outbox with the change it describes. */
export type MutationName =
  | 'agent.register'
  | 'conversation.sendMessage'
  | 'conversation.logPhoneCall'
  | 'conversation.close'
  | 'ticket.create'
  | 'ticket.setStatus'
  | 'ticket.addNote'
  | 'ticket.edit'
  | 'ticket.setLevel'
  | 'ticket.assign'
  | 'ticket.setNextStep'
  | 'ticket.recordSatisfaction'
  | 'script.upsertPersonal'
  | 'script.deletePersonal'
  | 'usage.record';

/**
 * Only mutations head office knows get a push id. The others (messages,
 * calls, personal scripts, use counts) are held: the version that teaches
 * head office one of them gives the held ones push ids, in order.
 */
const PUSHABLE: ReadonlySet<string> = new Set(MUTATION_NAMES);

export interface OutboxEntry {
  mutationId: number;
  pushId: number | null;
  name: MutationName;
  args: Record<string, unknown>;
  recordId: string | null;
  createdAt: number;
}

export interface SyncNoticeRow {
  id: string;
  mutationName: string;
  ticketId: string | null;
  code: string;
  message: string;
  conflict: FieldConflict | null;
  ticketNo: string | null;
  at: number;
}

interface Row {
  mutation_id: number;
  push_id: number | null;
  name: MutationName;
  args: string;
  record_id: string | null;
  created_at: number;
}
const toEntry = (r: Row): OutboxEntry => ({
  mutationId: r.mutation_id,
  pushId: r.push_id,
  name: r.name,
  args: JSON.parse(r.args) as Record<string, unknown>,
  recordId: r.record_id,
  createdAt: r.created_at,
});

/** Confirmed mutations are kept this long, to resend if head office is restored from an older backup. */
const KEEP_CONFIRMED_MS = 7 * 24 * 3600_000;

/**
 * The outbox file. Writes to the cache append here through `unit`: the
 * mutations of one cache transaction are committed here, together, as the
 * last step before the cache commits. If the app dies between the two
 * commits the outbox holds a change the cache lacks; the next start
 * re-applies the waiting ticket mutations to the cache (they are
 * idempotent; see reapplyWaitingMutations), so a ticket change is never in
 * the cache without being in the outbox, nor lost from the cache.
 */
export function openOutbox(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // These changes exist nowhere else yet: every commit reaches the disk.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db, OUTBOX_MIGRATIONS);

  const getState = (key: string): string | null => (db.prepare('SELECT value FROM journal_state WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  const setState = (key: string, value: string | null) => {
    if (value === null) db.prepare('DELETE FROM journal_state WHERE key = ?').run(key);
    else db.prepare('INSERT INTO journal_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  };
  const insert = db.prepare('INSERT INTO mutations (name, args, created_at, state, push_id, record_id) VALUES (?, ?, ?, ?, ?, ?)');
  let buffered: { name: MutationName; args: Record<string, unknown>; at: number; recordId: string | null }[] | null = null;
  let appended: ((names: MutationName[]) => void) | null = null;

  /** Give every pending mutation a push id from 1, in the order they were made (a new desk id). */
  const renumber = () => {
    const ids = db.prepare(`SELECT mutation_id FROM mutations WHERE state = 'pending' ORDER BY mutation_id`).pluck().all() as number[];
    db.prepare(`UPDATE mutations SET push_id = NULL WHERE state <> 'pending'`).run();
    const set = db.prepare('UPDATE mutations SET push_id = ? WHERE mutation_id = ?');
    ids.forEach((id, i) => set.run(i + 1, id));
    setState('lastPushId', String(ids.length));
  };

  return {
    db,
    file,

    /** Run `write` (one cache transaction's work); what it appends is committed here at the end of it. */
    unit<T>(write: () => T): T {
      if (buffered) return write();
      buffered = [];
      try {
        const result = write();
        const batch = buffered;
        db.transaction(() => {
          let last = Number(getState('lastPushId') ?? 0);
          for (const m of batch) {
            const pushable = PUSHABLE.has(m.name);
            insert.run(m.name, JSON.stringify(m.args), m.at, pushable ? 'pending' : 'held', pushable ? ++last : null, m.recordId);
          }
          setState('lastPushId', String(last));
        })();
        if (batch.length > 0) queueMicrotask(() => appended?.(batch.map((m) => m.name)));
        return result;
      } finally {
        buffered = null;
      }
    },

    append(name: MutationName, args: Record<string, unknown>, at: number, recordId: string | null = null): void {
      if (!buffered) throw new DeskError('INTERNAL', `mutation ${name} appended outside a write`);
      buffered.push({ name, args, at, recordId });
    },

    /**
     * Mutations held for a head office that did not know them, and now
     * does: `decide` says which go (they get push ids, in the order they
     * were made) and which concern records head office never had (a
     * conversation only this desk knew): those are closed here, quietly.
     */
    releaseHeld(decide: (name: string, args: Record<string, unknown>) => 'push' | 'local', at: number): void {
      const held = (db.prepare(`SELECT mutation_id, name, args FROM mutations WHERE state = 'held' ORDER BY mutation_id`).all() as { mutation_id: number; name: string; args: string }[]).filter(
        (m) => PUSHABLE.has(m.name),
      );
      if (held.length === 0) return;
      db.transaction(() => {
        let last = Number(getState('lastPushId') ?? 0);
        const release = db.prepare(`UPDATE mutations SET state = 'pending', push_id = ? WHERE mutation_id = ?`);
        const close = db.prepare(`UPDATE mutations SET state = 'rejected', settled = 1, done_at = ? WHERE mutation_id = ?`);
        for (const m of held) {
          if (decide(m.name, JSON.parse(m.args) as Record<string, unknown>) === 'push') release.run(++last, m.mutation_id);
          else close.run(at, m.mutation_id);
        }
        setState('lastPushId', String(last));
      })();
    },

    /** Told (after the write) whenever a write added mutations: the sync engine sends them soon. */
    onAppend(listener: ((names: MutationName[]) => void) | null): void {
      appended = listener;
    },

    /** The next pending mutations in push order. */
    pushable(limit = 500): OutboxEntry[] {
      return (db.prepare(`SELECT * FROM mutations WHERE state = 'pending' ORDER BY push_id LIMIT ?`).all(limit) as Row[]).map(toEntry);
    },

    /** Every mutation still waiting (pending and held), in the order made. */
    waiting(): OutboxEntry[] {
      return (db.prepare(`SELECT * FROM mutations WHERE state IN ('pending', 'held') ORDER BY mutation_id`).all() as Row[]).map(toEntry);
    },

    /** The records that still have changes waiting. */
    pendingRecords(): Set<string> {
      return new Set(db.prepare(`SELECT DISTINCT record_id FROM mutations WHERE state = 'pending' AND record_id IS NOT NULL`).pluck().all() as string[]);
    },

    pendingFor(recordId: string): OutboxEntry[] {
      return (db.prepare(`SELECT * FROM mutations WHERE state = 'pending' AND record_id = ? ORDER BY mutation_id`).all(recordId) as Row[]).map(toEntry);
    },

    counts(): { pending: number; held: number } {
      const rows = db.prepare(`SELECT state, count(*) AS n FROM mutations WHERE state IN ('pending', 'held') GROUP BY state`).all() as { state: string; n: number }[];
      return { pending: rows.find((r) => r.state === 'pending')?.n ?? 0, held: rows.find((r) => r.state === 'held')?.n ?? 0 };
    },

    /** Head office has these (applied now, or before): one commit for the lot. */
    confirm(mutationIds: number[], epoch: string, at: number): void {
      const set = db.prepare(`UPDATE mutations SET state = 'confirmed', confirmed_epoch = ?, done_at = ?, settled = 0 WHERE mutation_id = ? AND state = 'pending'`);
      db.transaction(() => mutationIds.forEach((id) => set.run(epoch, at, id)))();
    },

    /** Head office refused it: it leaves the queue, and the agent is told why. */
    reject(entry: OutboxEntry, reason: { code: string; message: string; conflict?: FieldConflict | undefined }, at: number): void {
      db.transaction(() => {
        db.prepare(`UPDATE mutations SET state = 'rejected', done_at = ?, settled = 0 WHERE mutation_id = ?`).run(at, entry.mutationId);
        db.prepare('INSERT INTO notices (id, mutation_id, mutation_name, ticket_id, code, message, conflict, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          uuidv7(),
          entry.mutationId,
          entry.name,
          entry.recordId,
          reason.code.slice(0, 40),
          reason.message.slice(0, 500),
          reason.conflict ? JSON.stringify(reason.conflict) : null,
          at,
        );
      })();
    },

    /** Confirmed or refused mutations whose record the cache has not yet rebuilt from head office's copy. */
    unsettled(): { mutationId: number; recordId: string | null; eventId: string | null; state: 'confirmed' | 'rejected' }[] {
      return (
        db.prepare(`SELECT mutation_id, record_id, state, args FROM mutations WHERE state IN ('confirmed', 'rejected') AND settled = 0`).all() as {
          mutation_id: number;
          record_id: string | null;
          state: 'confirmed' | 'rejected';
          args: string;
        }[]
      ).map((r) => ({ mutationId: r.mutation_id, recordId: r.record_id, eventId: (JSON.parse(r.args) as { eventId?: string }).eventId ?? null, state: r.state }));
    },

    markSettled(mutationIds: number[]): void {
      const set = db.prepare('UPDATE mutations SET settled = 1 WHERE mutation_id = ?');
      db.transaction(() => mutationIds.forEach((id) => set.run(id)))();
    },

    /** This desk's id at head office, the account it belongs to, and the epoch of its last confirmation. */
    client(): { clientId: string | null; accountId: string | null; pushEpoch: string | null } {
      return { clientId: getState('clientId'), accountId: getState('clientAccountId'), pushEpoch: getState('pushEpoch') };
    },

    setPushEpoch(epoch: string): void {
      setState('pushEpoch', epoch);
    },

    /** A new desk id (another account signed in, or head office forgot this desk): pending mutations are numbered from 1. */
    startClient(accountId: string): string {
      const clientId = randomUUID();
      db.transaction(() => {
        setState('clientId', clientId);
        setState('clientAccountId', accountId);
        setState('pushEpoch', null);
        renumber();
      })();
      return clientId;
    },

    /**
     * Head office was restored from a backup: what it confirmed under the
     * old epoch may be lost there, so it goes back in the queue, in its
     * original order, under a new desk id. Records already there are
     * acknowledged by head office without being applied twice.
     */
    resendAfterRestore(accountId: string, oldEpoch: string | null): string {
      db.transaction(() => {
        if (oldEpoch !== null) db.prepare(`UPDATE mutations SET state = 'pending', confirmed_epoch = NULL, settled = 0 WHERE state = 'confirmed' AND confirmed_epoch = ?`).run(oldEpoch);
      })();
      return this.startClient(accountId);
    },

    /** Head office expects `from` next: put confirmed ones from there back in the queue, or start afresh if they are gone. */
    resendFrom(from: number, accountId: string): void {
      db.transaction(() => {
        db.prepare(`UPDATE mutations SET state = 'pending', settled = 0 WHERE state = 'confirmed' AND push_id >= ?`).run(from);
        const first = db.prepare(`SELECT min(push_id) FROM mutations WHERE state = 'pending'`).pluck().get() as number | null;
        if (first !== null && first !== from) this.startClient(accountId);
      })();
    },

    notices(): SyncNoticeRow[] {
      const rows = db
        .prepare('SELECT n.*, m.args FROM notices n LEFT JOIN mutations m ON m.mutation_id = n.mutation_id WHERE n.dismissed_at IS NULL ORDER BY n.at DESC LIMIT 200')
        .all() as {
        args: string | null;
        id: string;
        mutation_name: string;
        ticket_id: string | null;
        code: string;
        message: string;
        conflict: string | null;
        at: number;
      }[];
      return rows.map((r) => ({
        id: r.id,
        mutationName: r.mutation_name,
        ticketId: r.ticket_id,
        code: r.code,
        message: r.message,
        conflict: r.conflict ? (JSON.parse(r.conflict) as FieldConflict) : null,
        // A refused new ticket is gone from the cache; its number is still in the mutation.
        ticketNo: r.args ? ((JSON.parse(r.args) as { ticketNo?: string }).ticketNo ?? null) : null,
        at: r.at,
      }));
    },

    dismissNotice(id: string, at: number): boolean {
      return db.prepare('UPDATE notices SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL').run(at, id).changes > 0;
    },

    /** Forget confirmed mutations older than a week (they are head office's now). */
    prune(now: number): void {
      db.prepare(`DELETE FROM mutations WHERE state IN ('confirmed', 'rejected') AND settled = 1 AND done_at < ?`).run(now - KEEP_CONFIRMED_MS);
    },

    /**
     * Take over the outbox a cache from before the outbox file kept (schema
     * 3 and older). Rows keep their ids, so doing it again after a crash
     * between the two commits adds nothing.
     */
    adoptFromCache(cache: Database.Database): number {
      const has = cache.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'`).get();
      if (!has) return 0;
      const rows = cache.prepare('SELECT mutation_id, name, args, created_at FROM outbox ORDER BY mutation_id').all() as { mutation_id: number; name: MutationName; args: string; created_at: number }[];
      if (rows.length === 0) return 0;
      db.transaction(() => {
        let last = Number(getState('lastPushId') ?? 0);
        const adopt = db.prepare('INSERT OR IGNORE INTO mutations (mutation_id, name, args, created_at, state, push_id, record_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
        for (const r of rows) {
          const pushable = PUSHABLE.has(r.name);
          const recordId = r.name.startsWith('ticket.') ? ((JSON.parse(r.args) as { id?: string }).id ?? null) : null;
          if (adopt.run(r.mutation_id, r.name, r.args, r.created_at, pushable ? 'pending' : 'held', pushable ? last + 1 : null, recordId).changes > 0 && pushable) last++;
        }
        setState('lastPushId', String(last));
      })();
      cache.prepare('DELETE FROM outbox').run();
      return rows.length;
    },

    close: () => db.close(),
  };
}

export type Outbox = ReturnType<typeof openOutbox>;

/** The outbox file that goes with a cache file. */
export const outboxFileFor = (cacheFile: string): string => `${cacheFile.replace(/\.sqlite$/, '')}.outbox.sqlite`;
