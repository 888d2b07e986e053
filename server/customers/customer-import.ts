import { readFile } from 'node:fs/promises';
import { CustomerImportFile } from '../../shared/head-office/customers.js';
import type { SqlClient } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { auditCustomerRecord, writeCustomerRecord, type WrittenRecord } from './customer-records.js';

/** A problem with an import file, naming the record (from 0) and the field. */
export class ImportError extends Error {}

const describePath = (path: readonly PropertyKey[]) => {
  const [index, ...field] = path;
  return typeof index === 'number' ? `record ${index}${field.length ? ` (${field.join('.')})` : ''}` : 'the file';
};

/**
 * Loads customer records from a JSON file (an array of records, see
 * ImportedCustomer): all of them in one transaction, or none. Records
 * already at head office (same id) are put again in place. A record with
 * no officeCode is filed under `o.officeCode` when given (the office that
 * serves these customers: its renewals and leads see them), otherwise it
 * stays head office's own.
 */
export async function importCustomers(db: SqlClient, file: string, o: { officeCode?: string } = {}): Promise<{ customers: number; vehicles: number; policies: number }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ImportError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = CustomerImportFile.safeParse(json);
  if (!parsed.success) {
    throw new ImportError(parsed.error.issues.slice(0, 10).map((i) => `${describePath(i.path)}: ${i.message}`).join('\n'));
  }
  const records = parsed.data;
  const ids = new Set<string>();
  const phones = new Set<string>();
  for (const [i, r] of records.entries()) {
    if (ids.has(r.id)) throw new ImportError(`record ${i} (id): listed twice in the file`);
    if (phones.has(r.phone)) throw new ImportError(`record ${i} (phone): another record of the file has this mobile number`);
    ids.add(r.id);
    phones.add(r.phone);
  }
  try {
    return await db.transaction(async (tx) => {
      const offices = new Map((await tx.query<{ id: string; code: string }>('SELECT id, code FROM offices')).map((f) => [f.code, f.id]));
      if (o.officeCode !== undefined && !offices.has(o.officeCode)) throw new ImportError(`--office: no office has the code ${o.officeCode}`);
      let vehicles = 0;
      let policies = 0;
      const written: WrittenRecord[] = [];
      for (const [i, { id, officeCode: own, ...fields }] of records.entries()) {
        const officeCode = own ?? o.officeCode ?? null;
        const officeId = officeCode === null ? null : offices.get(officeCode);
        if (officeId === undefined) throw new ImportError(`record ${i} (officeCode): no office has the code ${officeCode}`);
        const record = await writeCustomerRecord(tx, id, officeId, fields, `${i}.`);
        written.push(record);
        vehicles += record.saved.vehicles.length;
        policies += record.saved.policies.length;
      }
      // On the audit log last, once every record is written (an import is head office's own act: no account).
      for (const record of written) await auditCustomerRecord(tx, null, record, 'import');
      return { customers: records.length, vehicles, policies };
    });
  } catch (err) {
    if (err instanceof HttpError) {
      const issue = err.issues?.[0];
      const [index, ...field] = (issue?.path ?? '').split('.');
      throw new ImportError(issue ? `record ${index} (${field.join('.')}): ${issue.message}` : err.message);
    }
    throw err;
  }
}
