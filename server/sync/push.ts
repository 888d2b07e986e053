import type { AccountView } from '../../shared/head-office/auth.js';
import { MutationArgs, type MutationResult, type PushRequest, type PushResponse } from '../../shared/head-office/sync.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import type { SyncEpoch } from './epoch.js';
import { AlreadyApplied, applyTicketMutation, MutationRejected } from './ticket-mutations.js';

type Outcome = { result: MutationResult } | { gap: number } | { forgotten: true };

/**
 * Apply a batch of mutations from one desk, each in its own transaction
 * together with the update of the desk's last applied id:
 * - an id already processed is acknowledged and skipped (a retried push applies nothing twice);
 * - a skipped id stops the batch until the desk resends from the gap;
 * - a mutation a rule refuses is recorded with its reason and the queue moves on.
 * A desk head office has never seen starts where its first mutation does.
 * A desk that says head office confirmed its mutations in this epoch, but
 * that head office does not know, means the database was restored from a
 * backup: the epoch is replaced and the desk resends everything it has.
 */
export async function push(db: SqlClient, account: AccountView, syncEpoch: SyncEpoch, request: PushRequest): Promise<PushResponse> {
  const epoch = await syncEpoch.current();
  const results: MutationResult[] = [];
  for (const m of request.mutations) {
    const outcome = await db.transaction(async (tx): Promise<Outcome> => {
      const last = await lastMutationId(tx, account, request, m.mutationId, epoch);
      if (last === 'forgotten') return { forgotten: true };
      if (m.mutationId <= last) return { result: { mutationId: m.mutationId, status: 'duplicate' } };
      if (m.mutationId > last + 1) return { gap: last + 1 };
      const result = await applyOne(tx, account, m.name, m.args);
      await tx.query('UPDATE sync_clients SET last_mutation_id = $2 WHERE client_id = $1', [request.clientId, m.mutationId]);
      await tx.query('INSERT INTO sync_mutations (client_id, mutation_id, name, status, reason) VALUES ($1, $2, $3, $4, $5)', [
        request.clientId,
        m.mutationId,
        m.name,
        result.status === 'rejected' ? 'rejected' : 'applied',
        result.reason ? `${result.reason.code}: ${result.reason.message}` : null,
      ]);
      return { result: { ...result, mutationId: m.mutationId } };
    });
    if ('forgotten' in outcome) return { epoch: await syncEpoch.rotate(epoch), results };
    if ('gap' in outcome) return { epoch, results, expectedMutationId: outcome.gap };
    results.push(outcome.result);
  }
  return { epoch, results };
}

async function lastMutationId(tx: SqlExecutor, account: AccountView, request: PushRequest, firstSeen: number, epoch: string): Promise<number | 'forgotten'> {
  const known = await tx.query('SELECT 1 FROM sync_clients WHERE client_id = $1', [request.clientId]);
  if (known.length === 0 && request.epoch === epoch) return 'forgotten';
  await tx.query('INSERT INTO sync_clients (client_id, account_id, last_mutation_id) VALUES ($1, $2, $3) ON CONFLICT (client_id) DO NOTHING', [
    request.clientId,
    account.id,
    firstSeen - 1,
  ]);
  const [client] = await tx.query<{ account_id: string; last_mutation_id: string }>('SELECT account_id, last_mutation_id FROM sync_clients WHERE client_id = $1 FOR UPDATE', [
    request.clientId,
  ]);
  // A desk's id is bound to the account that first used it: no pushing as someone else's desk.
  if (client!.account_id !== account.id) throw new HttpError('FORBIDDEN', 'this desk belongs to another account');
  return Number(client!.last_mutation_id);
}

/** The savepoint undoes a refused mutation's partial writes. */
async function applyOne(tx: SqlExecutor, account: AccountView, name: string, args: unknown): Promise<Omit<MutationResult, 'mutationId'>> {
  if (!Object.hasOwn(MutationArgs, name)) return { status: 'rejected', reason: { code: 'UNKNOWN_MUTATION', message: `head office does not know ${name.slice(0, 60)}` } };
  const parsed = MutationArgs[name as keyof typeof MutationArgs].safeParse(args);
  if (!parsed.success) {
    return { status: 'rejected', reason: { code: 'INVALID_INPUT', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
  }
  await tx.query('SAVEPOINT mutation');
  try {
    await (applyTicketMutation[name as keyof typeof applyTicketMutation] as (t: SqlExecutor, a: AccountView, x: unknown) => Promise<void>)(tx, account, parsed.data);
    await tx.query('RELEASE SAVEPOINT mutation');
    return { status: 'applied' };
  } catch (err) {
    if (!(err instanceof MutationRejected) && !(err instanceof AlreadyApplied)) throw err;
    await tx.query('ROLLBACK TO SAVEPOINT mutation');
    if (err instanceof AlreadyApplied) return { status: 'duplicate' };
    return { status: 'rejected', reason: { code: err.code, message: err.message, ...(err.conflict ? { conflict: err.conflict } : {}) } };
  }
}
