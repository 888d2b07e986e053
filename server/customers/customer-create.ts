import { randomUUID } from 'node:crypto';
import type { AccountView } from '../../shared/head-office/auth.js';
import { maskPhone } from '../../shared/domain/masking.js';
import { appendAudit } from '../audit/audit-log.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { PHONE_TAKEN } from './customer-records.js';

/**
 * A bare customer record (name and mobile) made from a chat by a lead or
 * an administrator. A lead's record is kept by the lead's office from the
 * start: a record no office keeps is an administrator's alone to hand out.
 * On the audit log like every record written.
 */
export async function createBareCustomer(db: SqlClient, account: AccountView, name: string, phone: string): Promise<{ id: string; name: string }> {
  const officeId = account.role === 'admin' ? null : account.officeId;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>('INSERT INTO customers (id, name, phone, office_id) VALUES ($1, $2, $3, $4) ON CONFLICT (phone) DO NOTHING RETURNING id', [
      randomUUID(),
      name,
      phone,
      officeId,
    ]);
    if (!row) throw new HttpError('CONFLICT', PHONE_TAKEN);
    const after = { officeId, phone: maskPhone(phone), idNumber: null, plates: [], policies: [] };
    await appendAudit(tx, {
      officeId: officeId ?? account.officeId,
      actor: { id: account.id, login: account.login },
      action: 'customer.record',
      subjectType: 'customer',
      subjectId: row.id,
      detail: { how: 'created', before: null, after, identityChanged: false, actingOfficeId: account.officeId },
    });
    return { id: row.id, name };
  });
}
