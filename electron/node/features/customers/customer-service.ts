import { DeskError } from '../../../../shared/contract/errors.js';
import type { CustomerProfile } from '../../../../shared/contract/schemas.js';
import { maskIdNumber, maskPhone, maskPlate, maskPolicyNumber } from '../../../../shared/domain/masking.js';
import type { DeskContext } from '../../app/desk-context.js';

/**
 * Customer profile for the side panel. Identifiers leave the main process
 * masked: the renderer never holds a clear ID or phone number it could leak
 * before the customer's identity has been verified (身份核实).
 */
export function createCustomerService(ctx: DeskContext) {
  return {
    get(customerId: string): CustomerProfile {
      const c = ctx.db.prepare('SELECT * FROM customers WHERE id = ?').get(customerId) as
        | { id: string; name: string; phone: string; id_number: string; city: string; segment: string }
        | undefined;
      if (!c) throw new DeskError('NOT_FOUND', `customer ${customerId} not found`);
      const vehicles = ctx.db.prepare('SELECT id, plate, model, first_registered_on FROM vehicles WHERE customer_id = ? ORDER BY rowid').all(customerId) as {
        id: string;
        plate: string;
        model: string;
        first_registered_on: string;
      }[];
      const policies = ctx.db
        .prepare('SELECT id, policy_no, kind, coverages, starts_on, expires_on, status FROM policies WHERE customer_id = ? ORDER BY expires_on DESC')
        .all(customerId) as { id: string; policy_no: string; kind: 'compulsory' | 'commercial'; coverages: string; starts_on: string; expires_on: string; status: 'active' | 'expired' | 'cancelled' }[];
      return {
        id: c.id,
        name: c.name,
        phoneMasked: c.phone ? maskPhone(c.phone) : '',
        idNumberMasked: c.id_number ? maskIdNumber(c.id_number) : '',
        city: c.city,
        segment: c.segment,
        vehicles: vehicles.map((v) => ({ id: v.id, plateMasked: maskPlate(v.plate), model: v.model, firstRegisteredOn: v.first_registered_on })),
        policies: policies.map((p) => ({
          id: p.id,
          policyNoMasked: maskPolicyNumber(p.policy_no),
          kind: p.kind,
          coverages: JSON.parse(p.coverages) as string[],
          startsOn: p.starts_on,
          expiresOn: p.expires_on,
          status: p.status,
        })),
      };
    },
  };
}
