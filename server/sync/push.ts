import type { AccountView } from '../../shared/head-office/auth.js';
import { MutationArgs, type MutationResult, type PushRequest, type PushResponse } from '../../shared/head-office/sync.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { applyTicketMutation, MutationRejected } from './ticket-mutations.js';

/**
 * Apply a batch of mutations from one desk, each in its own transaction
 * together with the update of the desk's last applied id:
 * - an id already processed is acknowledged and skipped (a retried push applies nothing twice);
 * - a skipped id stops the batch until the desk resends from the gap;
 * - a mutation a rule refuses is recorded with its reason and the queue moves on.
 * A desk head office has never seen starts where its first mutation does
 * (its earlier ones may have been confirmed by a database since restored).
 */
export async function push(db: SqlClient, account: AccountView, epoch: string, request: PushRequest): Promise<PushResponse> {
  const results: MutationResult[] = [];
  for (const m of request.mutations) {
    const outcome = await db.transaction(async (tx): Promise<MutationResult | { gap: number }> => {
      const last = await lastMutationId(tx, account, request.clientId, m.mutationId);
      if (m.mutationId <= last) return { mutationId: m.mutationId, status: 'duplicate' };
      if (m.mutationId > last + 1) return { gap: last + 1 };
      const result = await applyOne(tx, account, m.name, m.args);
      await tx.query('UPDATE sync_clients SET last_mutation_id = $2 WHERE client_id = $1', [request.clientId, m.mutationId]);
      await tx.query('INSERT INTO sync_mutations (client_id, mutation_id, name, status, reason) VALUES ($1, $2, $3, $4, $5)', [
        request.clientId,
        m.mutationId,
        m.name,
        result === null ? 'applied' : 'rejected',
        result === null ? null : `${result.code}: ${result.message}`,
      ]);
      return result === null ? { mutationId: m.mutationId, status: 'applied' } : { mutationId: m.mutationId, status: 'rejected', reason: result };
    });
    if ('gap' in outcome) return { epoch, results, expectedMutationId: outcome.gap };
    results.push(outcome);
  }
  return { epoch, results };
}

async function lastMutationId(tx: SqlExecutor, account: AccountView, clientId: string, firstSeen: number): Promise<number> {
  await tx.query('INSERT INTO sync_clients (client_id, account_id, last_mutation_id) VALUES ($1, $2, $3) ON CONFLICT (client_id) DO NOTHING', [clientId, account.id, firstSeen - 1]);
  const [client] = await tx.query<{ account_id: string; last_mutation_id: string }>('SELECT account_id, last_mutation_id FROM sync_clients WHERE client_id = $1 FOR UPDATE', [clientId]);
  // A desk's id is bound to the account that first used it: no pushing as someone else's desk.
  if (client!.account_id !== account.id) throw new HttpError('FORBIDDEN', 'this desk belongs to another account');
  return Number(client!.last_mutation_id);
}

/** Null when applied; the refusal otherwise. The savepoint undoes a refused mutation's partial writes. */
async function applyOne(tx: SqlExecutor, account: AccountView, name: string, args: unknown): Promise<{ code: string; message: string } | null> {
  if (!Object.hasOwn(MutationArgs, name)) return { code: 'UNKNOWN_MUTATION', message: `head office does not know ${name.slice(0, 60)}` };
  const parsed = MutationArgs[name as keyof typeof MutationArgs].safeParse(args);
  if (!parsed.success) return { code: 'INVALID_INPUT', message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  await tx.query('SAVEPOINT mutation');
  try {
    await (applyTicketMutation[name as keyof typeof applyTicketMutation] as (t: SqlExecutor, a: AccountView, x: unknown) => Promise<void>)(tx, account, parsed.data);
    await tx.query('RELEASE SAVEPOINT mutation');
    return null;
  } catch (err) {
    if (!(err instanceof MutationRejected)) throw err;
    await tx.query('ROLLBACK TO SAVEPOINT mutation');
    return { code: err.code, message: err.message };
  }
}
