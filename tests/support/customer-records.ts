import { randomInt, randomUUID } from 'node:crypto';
import type { CoverageItem } from '../../shared/domain/coverages.js';
import { idCheckCharacter } from '../../shared/domain/identity-check.js';
import type { CustomerRecordSaved } from '../../shared/head-office/customers.js';
import { api } from './head-office-process.js';

/** A calendar day `days` from today (UTC), YYYY-MM-DD. */
export const dayFromToday = (days: number, from = new Date()): string => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** A resident ID number with a right check character: region, birth date, sequence. */
export function makeIdNumber(region = '320102', born = '19850612', sequence = String(randomInt(100, 999))): string {
  const first17 = `${region}${born}${sequence}`;
  return first17 + idCheckCharacter(first17);
}

/** A mobile number nobody else in this test run has. */
export const uniqueMobile = (): string => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

export interface TestVehicle {
  plate: string;
  model: string;
  firstRegisteredOn: string;
  priceYuan: number | null;
}
export interface TestPolicy {
  policyNo: string;
  kind: 'compulsory' | 'commercial';
  plate: string | null;
  coverages: CoverageItem[];
  startsOn: string;
  expiresOn: string;
  status: 'active' | 'expired' | 'cancelled';
  changes: { changedAt: string; what: string }[];
}
export interface TestCustomerRecord {
  name: string;
  phone: string;
  idNumber: string;
  city: string;
  segment: 'standard' | 'high_value';
  officeId: string | null;
  vehicles: TestVehicle[];
  policies: TestPolicy[];
}

const FULL_COVER: CoverageItem[] = [
  { code: 'vehicle_damage', limitYuan: null },
  { code: 'third_party', limitYuan: 1_000_000 },
  { code: 'driver_seat', limitYuan: 10_000 },
  { code: 'passenger_seat', limitYuan: 10_000 },
  { code: 'glass_breakage', limitYuan: null },
  { code: 'spontaneous_combustion', limitYuan: null },
  { code: 'wading', limitYuan: null },
];

/**
 * A realistic customer: one car with a compulsory and a commercial policy
 * (车损险, 三者险 100万, 车上人员, 玻璃, 自燃, 涉水) expiring in `expiresInDays`.
 * Plates and policy numbers are unique per call.
 */
export function sampleCustomerRecord(o: Partial<TestCustomerRecord> & { expiresInDays?: number; startedDaysAgo?: number } = {}): TestCustomerRecord {
  const tag = String(randomInt(10_000, 99_999));
  const plate = `苏A·${String.fromCharCode(65 + randomInt(0, 26))}${tag.slice(0, 4)}`;
  const expires = dayFromToday(o.expiresInDays ?? 25);
  const starts = o.startedDaysAgo !== undefined ? dayFromToday(-o.startedDaysAgo) : dayFromToday((o.expiresInDays ?? 25) - 365);
  return {
    name: o.name ?? '王建国',
    phone: o.phone ?? uniqueMobile(),
    idNumber: o.idNumber ?? makeIdNumber(),
    city: o.city ?? '南京',
    segment: o.segment ?? 'standard',
    officeId: o.officeId ?? null,
    vehicles: o.vehicles ?? [{ plate, model: '大众 帕萨特 2021款', firstRegisteredOn: '2021-03-18', priceYuan: 220_000 }],
    policies: o.policies ?? [
      {
        policyNo: `PDZA2025320100${tag}${randomInt(0, 10)}`,
        kind: 'compulsory',
        plate,
        coverages: [{ code: 'compulsory_liability', limitYuan: null }],
        startsOn: starts,
        expiresOn: expires,
        status: 'active',
        changes: [],
      },
      {
        policyNo: `PDAA2025320100${tag}${randomInt(0, 10)}`,
        kind: 'commercial',
        plate,
        coverages: FULL_COVER,
        startsOn: starts,
        expiresOn: expires,
        status: 'active',
        changes: [{ changedAt: new Date(Date.now() - 90 * 86_400_000).toISOString(), what: '变更联系电话' }],
      },
    ],
  };
}

/** Put a customer record through head office's API (a lead of its office, or an administrator). */
export async function putCustomerRecord(base: string, token: string, record: TestCustomerRecord, id: string = randomUUID()): Promise<CustomerRecordSaved & { record: TestCustomerRecord }> {
  const res = await api(base, 'PUT', `/api/customers/${id}`, record, token);
  if (res.status !== 200) throw new Error(`putting customer ${record.name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...(res.body as CustomerRecordSaved), record };
}
