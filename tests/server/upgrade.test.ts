import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openSqlClient } from '../../server/db/sql-client.js';
import { migrateServer } from '../../server/db/migrate.js';
import { SERVER_MIGRATIONS } from '../../server/db/migrations/index.js';
import { openHeadOffice } from '../../server/head-office.js';
import { pull } from '../../server/sync/pull.js';
import { nextChecksum } from '../../shared/head-office/checksum.js';
import { SyncedTicket, SyncedTicketEvent, officeScope } from '../../shared/head-office/sync.js';

/**
 * A head office that ran the first sync version (schema 2) logged head
 * office's raw rows as changes and kept no checksums. Upgrading must give
 * desks the shape they read, and a checksum that matches what they hold.
 */
it('upgrades a head office from the first sync schema: old changes in the desks\' shape, checksums computed', async () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'motordesk-upgrade-')), 'data');
  const old = await openSqlClient({ dataDir });
  await migrateServer(old, SERVER_MIGRATIONS.filter((m) => m.version <= 2));
  const office = randomUUID();
  const account = randomUUID();
  const ticket = randomUUID();
  const event = randomUUID();
  await old.query(`INSERT INTO offices (id, code, name) VALUES ($1, 'NJ01', '南京网点')`, [office]);
  await old.query(`INSERT INTO accounts (id, login, display_name, role, office_id, password_hash) VALUES ($1, 'zhang01', '张敏', 'agent', $2, 'x')`, [account, office]);
  await old.query(
    `INSERT INTO tickets (id, office_id, ticket_no, type, category, priority, status, title, description, owner_account_id, version)
     VALUES ($1, $2, 'GD261125-ABC123', 'complaint', '服务', 'high', 'new', '升级前的工单', '', $3, 1)`,
    [ticket, office, account],
  );
  await old.query(`INSERT INTO ticket_events (id, ticket_id, kind, to_value, account_id, client_at) VALUES ($1, $2, 'created', 'new', $3, 1)`, [event, ticket, account]);
  // As the first sync version logged them: the rows as they were.
  const scope = officeScope(office);
  await old.query(`INSERT INTO sync_changes (scope, version, entity, entity_id, data) SELECT $1, 1, 'ticket', id, to_jsonb(t) FROM tickets t`, [scope]);
  await old.query(`INSERT INTO sync_changes (scope, version, entity, entity_id, data) SELECT $1, 2, 'ticket_event', id, to_jsonb(e) FROM ticket_events e`, [scope]);
  await old.query(`INSERT INTO sync_scopes (scope, version) VALUES ($1, 2)`, [scope]);
  await old.close();

  const ho = await openHeadOffice({ dataDir, importLibrary: false });
  try {
    const page = await pull(ho.db, { id: account, login: 'zhang01', displayName: '张敏', role: 'agent', officeId: office }, ho.syncEpoch, { epoch: null, scopes: {} }, 100);
    const [t, e] = page.changes;
    expect(SyncedTicket.parse(t!.data)).toMatchObject({ id: ticket, ticketNo: 'GD261125-ABC123', status: 'new', owner: { id: account, displayName: '张敏' } });
    expect(SyncedTicketEvent.parse(e!.data)).toMatchObject({ id: event, ticketId: ticket, kind: 'created', author: { login: 'zhang01' } });
    const expected = nextChecksum(nextChecksum(0, 'ticket', ticket, null, 1), 'ticket_event', event, null, 2);
    expect(page.checksums[scope]).toBe(String(expected));
  } finally {
    await ho.close();
  }
}, 60_000);
