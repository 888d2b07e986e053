import type { AccountView } from '../../shared/head-office/auth.js';
import type { CrossSellList } from '../../shared/head-office/renewals.js';
import type { CoverageItem } from '../../shared/domain/coverages.js';
import { crossSellSuggestions, type CrossSellProfile } from '../../shared/domain/cross-sell.js';
import { maskPlate } from '../../shared/domain/masking.js';
import type { IsoDate } from '../../shared/domain/working-calendar.js';
import { officeToday } from '../customers/office-day.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';

/**
 * The cross-sell suggestions for one customer, from the record kept here.
 * Who may ask is who may see the customer's profile
 * (server/customers/conversation-customer.ts): an administrator; the agent
 * serving one of the customer's conversations; a team lead of the office
 * keeping the record or of an agent serving one of its conversations. A
 * record no office keeps is no one office's to read. The facts name
 * vehicles by model and masked plate only, and no policy number or limit,
 * so they show before the identity check.
 */
export async function customerCrossSell(db: SqlExecutor, account: AccountView, customerId: string, today: IsoDate): Promise<CrossSellList> {
  const [customer] = await db.query<{ segment: CrossSellProfile['segment']; office_id: string | null; serving: boolean; office_serving: boolean }>(
    `SELECT segment, office_id,
            EXISTS (SELECT 1 FROM conversations WHERE customer_id = $1 AND assignee_id = $2) AS serving,
            EXISTS (SELECT 1 FROM conversations cv JOIN accounts a ON a.id = cv.assignee_id WHERE cv.customer_id = $1 AND a.office_id = $3::uuid) AS office_serving
       FROM customers WHERE id = $1`,
    [customerId, account.id, account.officeId],
  );
  const leadOfOffice = account.role === 'lead' && account.officeId !== null && (customer?.office_id === account.officeId || customer?.office_serving === true);
  const allowed = customer && (account.role === 'admin' || customer.serving || leadOfOffice);
  if (!customer || !allowed) throw new HttpError('NOT_FOUND', 'no such customer');
  const vehicles = await db.query<{ id: string; plate: string; model: string; first_registered_on: string | null; price_yuan: number | null }>(
    'SELECT id, plate, model, first_registered_on::text AS first_registered_on, price_yuan FROM vehicles WHERE customer_id = $1 ORDER BY created_at, id',
    [customerId],
  );
  const policies = await db.query<{ vehicle_id: string | null; kind: 'compulsory' | 'commercial'; status: 'active' | 'expired' | 'cancelled'; coverages: CoverageItem[] | string }>(
    'SELECT vehicle_id, kind, status, coverages FROM policies WHERE customer_id = $1',
    [customerId],
  );
  const claims = await db.query<{ reported_at: Date }>('SELECT reported_at FROM claims WHERE customer_id = $1', [customerId]);
  const profile: CrossSellProfile = {
    segment: customer.segment,
    vehicles: vehicles.map((v) => ({ id: v.id, plate: v.plate, model: v.model, firstRegisteredOn: v.first_registered_on, priceYuan: v.price_yuan })),
    policies: policies.map((p) => ({
      vehicleId: p.vehicle_id,
      kind: p.kind,
      status: p.status,
      coverages: typeof p.coverages === 'string' ? (JSON.parse(p.coverages) as CoverageItem[]) : p.coverages,
    })),
    claims: claims.map((c) => ({ reportedOn: officeToday(new Date(c.reported_at).getTime()) })),
  };
  return { customerId, suggestions: crossSellSuggestions(profile, today, { maskPlate }) };
}
