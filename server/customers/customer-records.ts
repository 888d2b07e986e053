import { randomUUID } from 'node:crypto';
import type { AccountView } from '../../shared/head-office/auth.js';
import type { CustomerRecordInput, CustomerRecordSaved } from '../../shared/head-office/customers.js';
import { normalizePlate } from '../../shared/domain/identity-check.js';
import { maskIdNumber, maskPhone, maskPlate, maskPolicyNumber } from '../../shared/domain/masking.js';
import { appendAudit } from '../audit/audit-log.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';

type RecordFields = Omit<CustomerRecordInput, 'officeId'>;

const conflict = (path: string, message: string) => new HttpError('CONFLICT', message, [{ path, message }]);

/**
 * A mobile or policy number another record holds. The message says no
 * more than that the number cannot be used here: whose it is, and which
 * office keeps them, is not the writer's to learn.
 */
export const PHONE_TAKEN = 'this mobile number cannot be used for this record';
export const POLICY_TAKEN = 'this policy number cannot be used for this record';

/** A record as the audit log shows it: identifiers masked, never in clear. */
export interface MaskedRecord {
  officeId: string | null;
  phone: string;
  idNumber: string | null;
  plates: string[];
  policies: string[];
}

export interface WrittenRecord {
  saved: CustomerRecordSaved;
  /** Null when the customer is new. */
  before: MaskedRecord | null;
  after: MaskedRecord;
  /** The phone or ID number changed: the identity checks on record were voided. */
  identityChanged: boolean;
}

async function maskedRecord(tx: SqlExecutor, id: string): Promise<{ masked: MaskedRecord; phone: string; idNumber: string | null } | null> {
  const [c] = await tx.query<{ phone: string; id_number: string | null; office_id: string | null }>('SELECT phone, id_number, office_id FROM customers WHERE id = $1', [id]);
  if (!c) return null;
  const plates = await tx.query<{ plate: string }>('SELECT plate FROM vehicles WHERE customer_id = $1 ORDER BY created_at, id', [id]);
  const policies = await tx.query<{ policy_no: string }>('SELECT policy_no FROM policies WHERE customer_id = $1 ORDER BY policy_no', [id]);
  return {
    phone: c.phone,
    idNumber: c.id_number,
    masked: {
      officeId: c.office_id,
      phone: maskPhone(c.phone),
      idNumber: c.id_number ? maskIdNumber(c.id_number) : null,
      plates: plates.map((v) => maskPlate(v.plate)),
      policies: policies.map((p) => maskPolicyNumber(p.policy_no)),
    },
  };
}

/**
 * Writes one customer's whole record in the caller's transaction. Vehicles
 * are matched by plate and policies by policy number, so putting the same
 * record again changes rows in place and claims or renewal tasks keep
 * their policy; policy changes (批改) already on record are not repeated.
 * Nothing is deleted. `at` prefixes the paths of errors (an import names
 * its record).
 */
export async function writeCustomerRecord(tx: SqlExecutor, id: string, officeId: string | null, input: RecordFields, at = ''): Promise<WrittenRecord> {
  const [phoneOwner] = await tx.query<{ id: string }>('SELECT id FROM customers WHERE phone = $1 AND id <> $2', [input.phone, id]);
  if (phoneOwner) throw conflict(`${at}phone`, PHONE_TAKEN);
  const before = await maskedRecord(tx, id);
  await tx.query(
    `INSERT INTO customers (id, name, phone, id_number, city, segment, office_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET name = $2, phone = $3, id_number = $4, city = $5, segment = $6, office_id = $7, updated_at = now()`,
    [id, input.name, input.phone, input.idNumber, input.city, input.segment, officeId],
  );
  // The name on open conversations follows the record.
  await tx.query(`UPDATE conversations SET customer_name = $2 WHERE customer_id = $1 AND state <> 'closed'`, [id, input.name]);

  const existingVehicles = await tx.query<{ id: string; plate: string }>('SELECT id, plate FROM vehicles WHERE customer_id = $1', [id]);
  const vehicleByPlate = new Map(existingVehicles.map((v) => [normalizePlate(v.plate), v.id]));
  const savedVehicles: CustomerRecordSaved['vehicles'] = [];
  for (const v of input.vehicles) {
    const key = normalizePlate(v.plate);
    let vehicleId = vehicleByPlate.get(key);
    if (vehicleId) {
      await tx.query('UPDATE vehicles SET plate = $2, model = $3, first_registered_on = $4, price_yuan = $5 WHERE id = $1', [vehicleId, v.plate, v.model, v.firstRegisteredOn, v.priceYuan]);
    } else {
      vehicleId = randomUUID();
      await tx.query('INSERT INTO vehicles (id, customer_id, plate, model, first_registered_on, price_yuan) VALUES ($1, $2, $3, $4, $5, $6)', [
        vehicleId,
        id,
        v.plate,
        v.model,
        v.firstRegisteredOn,
        v.priceYuan,
      ]);
      vehicleByPlate.set(key, vehicleId);
    }
    savedVehicles.push({ id: vehicleId, plateMasked: maskPlate(v.plate) });
  }

  const savedPolicies: CustomerRecordSaved['policies'] = [];
  for (const [i, p] of input.policies.entries()) {
    const vehicleId = p.plate === null ? null : (vehicleByPlate.get(normalizePlate(p.plate)) ?? null);
    const [existing] = await tx.query<{ id: string; customer_id: string }>('SELECT id, customer_id FROM policies WHERE policy_no = $1 FOR UPDATE', [p.policyNo]);
    if (existing && existing.customer_id !== id) throw conflict(`${at}policies.${i}.policyNo`, POLICY_TAKEN);
    const policyId = existing?.id ?? randomUUID();
    await tx.query(
      `INSERT INTO policies (id, customer_id, vehicle_id, policy_no, kind, coverages, starts_on, expires_on, status)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET vehicle_id = $3, kind = $5, coverages = $6::jsonb, starts_on = $7, expires_on = $8, status = $9`,
      [policyId, id, vehicleId, p.policyNo, p.kind, JSON.stringify(p.coverages), p.startsOn, p.expiresOn, p.status],
    );
    const known = await tx.query<{ changed_at: Date; what: string }>('SELECT changed_at, what FROM policy_changes WHERE policy_id = $1', [policyId]);
    const seen = new Set(known.map((c) => `${c.changed_at.getTime()}|${c.what}`));
    for (const c of p.changes) {
      const when = new Date(c.changedAt);
      if (seen.has(`${when.getTime()}|${c.what}`)) continue;
      seen.add(`${when.getTime()}|${c.what}`);
      await tx.query('INSERT INTO policy_changes (id, policy_id, changed_at, what) VALUES ($1, $2, $3, $4)', [randomUUID(), policyId, when, c.what]);
    }
    savedPolicies.push({ id: policyId, policyNoMasked: maskPolicyNumber(p.policyNo) });
  }
  // Whoever proved to be this customer did so against the old phone or ID
  // number: those checks, and any code sent to the old phone, are void.
  const identityChanged = before !== null && (before.phone !== input.phone || (before.idNumber ?? '') !== (input.idNumber ?? ''));
  if (identityChanged) {
    await tx.query('DELETE FROM verification_codes WHERE customer_id = $1', [id]);
    await tx.query('DELETE FROM identity_verifications WHERE customer_id = $1', [id]);
  }
  const after = (await maskedRecord(tx, id))!.masked;
  return { saved: { id, vehicles: savedVehicles, policies: savedPolicies }, before: before?.masked ?? null, after, identityChanged };
}

/**
 * The audit entry of a record written (the transaction's last write):
 * masked values before and after, filed under the office keeping the
 * record now, naming the writer's office. `actor` is null for an import
 * run at head office.
 */
export function auditCustomerRecord(tx: SqlExecutor, actor: AccountView | null, written: WrittenRecord, how: 'put' | 'import' | 'created') {
  return appendAudit(tx, {
    officeId: written.after.officeId ?? actor?.officeId ?? null,
    actor: actor ? { id: actor.id, login: actor.login } : null,
    action: 'customer.record',
    subjectType: 'customer',
    subjectId: written.saved.id,
    detail: { how, before: written.before as unknown as Record<string, unknown> | null, after: written.after as unknown as Record<string, unknown>, identityChanged: written.identityChanged, actingOfficeId: actor?.officeId ?? null },
  });
}

/**
 * Who may put a record: an administrator, any; a lead, only records their
 * own office keeps, and only into their office. A record no office keeps
 * (made before offices were given, imported for head office) is an
 * administrator's to give: a lead taking it over could rewrite its phone
 * and have the next identity check's code sent to themselves.
 */
export async function mustMayWriteRecord(tx: SqlExecutor, account: AccountView, id: string, officeId: string | null): Promise<void> {
  if (account.role === 'agent') throw new HttpError('FORBIDDEN', 'only team leads and administrators put customer records');
  if (officeId !== null) {
    const [office] = await tx.query('SELECT 1 FROM offices WHERE id = $1', [officeId]);
    if (!office) throw new HttpError('BAD_REQUEST', 'no such office', [{ path: 'officeId', message: 'no such office' }]);
  }
  if (account.role === 'admin') return;
  if (officeId !== account.officeId) throw new HttpError('FORBIDDEN', 'a team lead puts customer records of their own office only', [{ path: 'officeId', message: 'not your office' }]);
  const [current] = await tx.query<{ office_id: string | null }>('SELECT office_id FROM customers WHERE id = $1 FOR UPDATE', [id]);
  if (current && current.office_id !== account.officeId) throw new HttpError('FORBIDDEN', 'this customer record is not kept by your office');
}
