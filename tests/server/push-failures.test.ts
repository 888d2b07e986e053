import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountView } from '../../shared/head-office/auth.js';
import { ticketNumber } from '../../shared/domain/ids.js';
import { migrateServer } from '../../server/db/migrate.js';
import { SERVER_MIGRATIONS } from '../../server/db/migrations/index.js';
import { openSqlClient, type SqlClient } from '../../server/db/sql-client.js';
import { openSyncEpoch } from '../../server/sync/epoch.js';
import { push } from '../../server/sync/push.js';
import { freshStore } from '../support/head-office-process.js';

// A next step named "format fails" throws as a mutation's code does on a value no rule foresaw.
vi.mock('../../server/tickets/sla-mutations.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../server/tickets/sla-mutations.js')>();
  const setNextStep = real.applySlaMutation['ticket.setNextStep'];
  return {
    ...real,
    applySlaMutation: {
      ...real.applySlaMutation,
      'ticket.setNextStep': (...args: Parameters<typeof setNextStep>) => {
        if (args[2].action === 'format fails') throw new RangeError('Invalid time value');
        return setNextStep(...args);
      },
    },
  };
});

/**
 * One change whose applying code throws on its data must not block the
 * desk's outbox: it is refused with its id recorded, and the changes
 * behind it apply, in the same push.
 */
describe('a push with a change the code cannot apply', () => {
  let db: SqlClient;
  const office = randomUUID();
  const agent: AccountView = { id: randomUUID(), login: 'agent_push', displayName: 'agent_push', role: 'agent', officeId: office };

  beforeAll(async () => {
    const { dataDir, env } = await freshStore('pglite');
    db = await openSqlClient({ databaseUrl: env.DATABASE_URL, dataDir });
    await migrateServer(db, SERVER_MIGRATIONS);
    await db.query(`INSERT INTO offices (id, code, name) VALUES ($1, 'PUSH1', '推送网点')`, [office]);
    await db.query(`INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, $2, $2, 'agent', $3, 'x')`, [agent.id, agent.login, office]);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('refuses that change and applies the ones behind it', async () => {
    const epoch = await openSyncEpoch(db);
    const clientId = randomUUID();
    const ticketId = randomUUID();
    const at = Date.now();
    const create = { id: ticketId, eventId: randomUUID(), ticketNo: ticketNumber(new Date(at)), type: 'consultation', category: '续保', priority: 'normal', title: '续保咨询', description: '', conversationId: null, customerId: null, at };
    const request = (mutations: [number, string, Record<string, unknown>][]) => ({ clientId, epoch: null, mutations: mutations.map(([mutationId, name, args]) => ({ mutationId, name, args })) });
    const out = await push(db, agent, epoch, request([
      [1, 'ticket.create', create],
      [2, 'ticket.setNextStep', { id: ticketId, eventId: randomUUID(), action: 'format fails', dueAt: at + 3_600_000, at }],
      [3, 'ticket.addNote', { id: ticketId, eventId: randomUUID(), note: '已回电', at }],
    ]));
    expect(out.results.map((r) => [r.mutationId, r.status])).toEqual([[1, 'applied'], [2, 'rejected'], [3, 'applied']]);
    expect(out.results[1]!.reason).toMatchObject({ code: 'INTERNAL' });
    const kinds = await db.query<{ kind: string }>('SELECT kind FROM ticket_events WHERE ticket_id = $1 ORDER BY version', [ticketId]);
    expect(kinds.map((k) => k.kind)).toEqual(['created', 'note']);
    // Sent again (the answer was lost): the same refusal, nothing applied twice.
    const again = await push(db, agent, epoch, request([[2, 'ticket.setNextStep', { id: ticketId, eventId: randomUUID(), action: 'format fails', dueAt: at + 3_600_000, at }]]));
    expect(again.results).toMatchObject([{ mutationId: 2, status: 'rejected', reason: { code: 'INTERNAL' } }]);
  });
});
