import type { AccountView } from '../../shared/head-office/auth.js';
import { MutationArgs, type MutationResult, type PushRequest, type PushResponse } from '../../shared/head-office/sync.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import type { SyncEpoch } from './epoch.js';
import { applyTicketMutation } from './ticket-mutations.js';
import { applyConversationMutation } from '../conversations/agent-mutations.js';
import { AlreadyApplied, MutationRejected } from './mutation-errors.js';
import { changeLogOf } from './change-log.js';
import { flushAudits } from './audit-queue.js';

/** Every mutation head office applies, by name (see MutationArgs for what each carries). */
const APPLY = { ...applyTicketMutation, ...applyConversationMutation };

/** Mutations applied per transaction; a database error in a group reruns it one mutation per transaction. */
const GROUP = 100;

type GroupOutcome = { results: MutationResult[]; gap?: number };

/**
 * Apply a batch of mutations from one desk. Each mutation is applied
 * together with the update of the desk's last applied id, atomically:
 * - an id already processed is acknowledged and skipped (a retried push
 *   applies nothing twice); a refused one is answered with its refusal again;
 * - a skipped id stops the batch until the desk resends from the gap;
 * - a mutation a rule refuses is recorded with its reason and the queue
 *   moves on (every mutation checks its rules before its first write, so a
 *   refused one has written nothing).
 * Consecutive mutations share a transaction (group commit: a commit per
 * mutation would make a day of offline work take minutes to replay); the
 * group commits or rolls back whole with the desk's last id, so a crash
 * never keeps a mutation without its id or an id without its mutation. If
 * the database fails a group, it runs again one mutation per transaction;
 * a mutation that fails on its own every time (its data breaks a
 * constraint, or the code applying it throws on its data) is refused
 * (INTERNAL), so it never blocks the ones behind it.
 * A desk from another epoch is answered with the epoch and nothing applied:
 * it resends everything, in order, under a new desk id. A desk head office
 * has never seen starts where its first mutation does, unless it says head
 * office confirmed its changes in this epoch: then head office has lost
 * them (restored from a backup) and asks it to resend them first.
 */
export async function push(db: SqlClient, account: AccountView, syncEpoch: SyncEpoch, request: PushRequest): Promise<PushResponse> {
  const epoch = await syncEpoch.current();
  const first = request.mutations[0];
  if (!first || (request.epoch !== null && request.epoch !== epoch)) return { epoch, results: [] };
  if ((await registerClient(db, account, request, first.mutationId, epoch)) === 'forgotten') return { epoch, results: [], forgotten: true };
  const results: MutationResult[] = [];
  for (let i = 0; i < request.mutations.length; i += GROUP) {
    const group = request.mutations.slice(i, i + GROUP);
    let outcome: GroupOutcome;
    try {
      outcome = await applyGroup(db, account, request.clientId, group);
    } catch {
      outcome = { results: [] };
      for (const m of group) {
        const one = await applyGroup(db, account, request.clientId, [m]).catch((err: unknown) => {
          // Only a failure that would repeat (bad data, a broken constraint) refuses the change; a passing one
          // (a deadlock, a lost connection) fails the push, and the desk tries again.
          if (!failsEveryTime(err)) throw err;
          return refuseAsFailed(db, request.clientId, m);
        });
        outcome.results.push(...one.results);
        if (one.gap !== undefined) {
          outcome.gap = one.gap;
          break;
        }
      }
    }
    results.push(...outcome.results);
    if (outcome.gap !== undefined) return { epoch, results, expectedMutationId: outcome.gap };
  }
  return { epoch, results };
}

async function applyGroup(db: SqlClient, account: AccountView, clientId: string, group: PushRequest['mutations']): Promise<GroupOutcome> {
  return db.transaction(async (tx) => {
    // The desk's row lock: two pushes from one desk take turns.
    const [client] = await tx.query<{ last_mutation_id: string }>('SELECT last_mutation_id FROM sync_clients WHERE client_id = $1 FOR UPDATE', [clientId]);
    const start = Number(client!.last_mutation_id);
    let last = start;
    const out: GroupOutcome = { results: [] };
    for (const m of group) {
      if (m.mutationId <= last) {
        out.results.push(await processedBefore(tx, clientId, m.mutationId));
        continue;
      }
      if (m.mutationId > last + 1) {
        out.gap = last + 1;
        break;
      }
      const result = await applyOne(tx, account, m.name, m.args);
      // Refusals are kept with their reason; applied mutations are in the records they wrote.
      if (result.status === 'rejected') await recordRefusal(tx, clientId, m, result.reason!);
      last = m.mutationId;
      out.results.push({ ...result, mutationId: m.mutationId });
    }
    // Audit entries last: the chain's lock is taken only once the group's other locks are held, just before commit.
    await flushAudits(tx);
    await changeLogOf(tx).flush();
    if (last !== start) await tx.query('UPDATE sync_clients SET last_mutation_id = $2 WHERE client_id = $1', [clientId, last]);
    return out;
  });
}

/**
 * A failure that comes back on every try: the database refuses the data
 * (SQLSTATE classes 22 and 23), or the mutation's own code fails on a value
 * no rule foresaw (a RangeError or TypeError: a time too far to format, say).
 * Left to fail the push, it would block the desk's outbox for good.
 */
function failsEveryTime(err: unknown): boolean {
  if (err instanceof RangeError || err instanceof TypeError) return true;
  return /^(22|23)/.test(String((err as { code?: unknown }).code ?? ''));
}

type Refusal = NonNullable<MutationResult['reason']>;

async function recordRefusal(tx: SqlExecutor, clientId: string, m: PushRequest['mutations'][number], reason: Refusal): Promise<void> {
  await tx.query('INSERT INTO sync_mutations (client_id, mutation_id, name, status, reason, refusal) VALUES ($1, $2, $3, $4, $5, $6)', [
    clientId,
    m.mutationId,
    m.name.slice(0, 60),
    'rejected',
    `${reason.code}: ${reason.message}`,
    JSON.stringify(reason),
  ]);
}

/** An id processed before: applied (acknowledged again), or refused (the same refusal again, so a lost answer loses no notice). */
async function processedBefore(tx: SqlExecutor, clientId: string, mutationId: number): Promise<MutationResult> {
  const [refused] = await tx.query<{ refusal: Refusal | null; reason: string }>('SELECT refusal, reason FROM sync_mutations WHERE client_id = $1 AND mutation_id = $2', [
    clientId,
    mutationId,
  ]);
  if (!refused) return { mutationId, status: 'duplicate' };
  return { mutationId, status: 'rejected', reason: refused.refusal ?? { code: refused.reason.split(':')[0] ?? 'REJECTED', message: refused.reason } };
}

/** The database fails this mutation on its own, every time: refuse it, so the queue behind it moves on. */
async function refuseAsFailed(db: SqlClient, clientId: string, m: PushRequest['mutations'][number]): Promise<GroupOutcome> {
  return db.transaction(async (tx) => {
    const [client] = await tx.query<{ last_mutation_id: string }>('SELECT last_mutation_id FROM sync_clients WHERE client_id = $1 FOR UPDATE', [clientId]);
    const last = Number(client!.last_mutation_id);
    if (m.mutationId <= last) return { results: [await processedBefore(tx, clientId, m.mutationId)] };
    if (m.mutationId > last + 1) return { results: [], gap: last + 1 };
    const reason = { code: 'INTERNAL', message: 'head office could not store this change' };
    await recordRefusal(tx, clientId, m, reason);
    await tx.query('UPDATE sync_clients SET last_mutation_id = $2 WHERE client_id = $1', [clientId, m.mutationId]);
    return { results: [{ mutationId: m.mutationId, status: 'rejected', reason }] };
  });
}

/** Make sure head office knows the desk (bound to the account that first used it). */
async function registerClient(db: SqlClient, account: AccountView, request: PushRequest, firstSeen: number, epoch: string): Promise<'known' | 'forgotten'> {
  return db.transaction(async (tx) => {
    const [known] = await tx.query<{ account_id: string }>('SELECT account_id FROM sync_clients WHERE client_id = $1', [request.clientId]);
    // Only this desk is asked to resend: one account's claim never disturbs the others.
    if (!known && request.epoch === epoch) return 'forgotten';
    if (!known) {
      await tx.query('INSERT INTO sync_clients (client_id, account_id, last_mutation_id) VALUES ($1, $2, $3) ON CONFLICT (client_id) DO NOTHING', [
        request.clientId,
        account.id,
        firstSeen - 1,
      ]);
    }
    const [client] = await tx.query<{ account_id: string }>('SELECT account_id FROM sync_clients WHERE client_id = $1', [request.clientId]);
    // No pushing as someone else's desk.
    if (client!.account_id !== account.id) throw new HttpError('FORBIDDEN', 'this desk belongs to another account');
    return 'known';
  });
}

/** Every mutation checks its rules before its first write, so a refused one leaves nothing behind. */
async function applyOne(tx: SqlExecutor, account: AccountView, name: string, args: unknown): Promise<Omit<MutationResult, 'mutationId'>> {
  if (!Object.hasOwn(MutationArgs, name)) return { status: 'rejected', reason: { code: 'UNKNOWN_MUTATION', message: `head office does not know ${name.slice(0, 60)}` } };
  const parsed = MutationArgs[name as keyof typeof MutationArgs].safeParse(args);
  if (!parsed.success) {
    return { status: 'rejected', reason: { code: 'INVALID_INPUT', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  }
  try {
    await (APPLY[name as keyof typeof APPLY] as (t: SqlExecutor, a: AccountView, x: unknown) => Promise<void>)(tx, account, parsed.data);
    return { status: 'applied' };
  } catch (err) {
    if (err instanceof AlreadyApplied) return { status: 'duplicate' };
    if (err instanceof MutationRejected) return { status: 'rejected', reason: { code: err.code, message: err.message, ...(err.conflict ? { conflict: err.conflict } : {}) } };
    throw err;
  }
}
