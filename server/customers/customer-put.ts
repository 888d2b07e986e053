import type { AccountView } from '../../shared/head-office/auth.js';
import type { CustomerRecordInput, CustomerRecordSaved } from '../../shared/head-office/customers.js';
import { isUniqueViolation, transactionWithRetry } from '../db/retry.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { generateRenewalTasks } from '../renewals/renewal-tasks.js';
import { auditCustomerRecord, mustMayWriteRecord, writeCustomerRecord } from './customer-records.js';
import { officeToday } from './office-day.js';

/**
 * `PUT /api/customers/:id`: one customer's whole record, by an
 * administrator or a lead of the office keeping it, with its renewal
 * reminders and its audit entry, in one transaction. Two writers racing
 * for one mobile or policy number: the one that loses at the unique key
 * runs again and is refused by the check made before writing. Should the
 * key still refuse it, the answer is a conflict without the database's
 * detail, which quotes the number in clear.
 */
export async function putCustomerRecord(db: SqlClient, account: AccountView, id: string, input: CustomerRecordInput): Promise<CustomerRecordSaved> {
  const { officeId, ...fields } = input;
  try {
    return await transactionWithRetry(
      db,
      async (tx) => {
        await mustMayWriteRecord(tx, account, id, officeId);
        const written = await writeCustomerRecord(tx, id, officeId, fields);
        // A policy put close to its expiry gets its renewal reminders now, not at tomorrow's run.
        await generateRenewalTasks(tx, officeToday(), { customerId: id });
        await auditCustomerRecord(tx, account, written, 'put');
        return written.saved;
      },
      isUniqueViolation,
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new HttpError('CONFLICT', 'this mobile or policy number cannot be used for this record');
    throw err;
  }
}
