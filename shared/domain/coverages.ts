import { z } from 'zod';

/**
 * The coverages (险种) a motor policy can carry. 交强险 is the compulsory
 * policy on its own; a commercial policy combines the main coverages
 * (车损险, 三者险, 车上人员责任险, 盗抢险) with add-ons (附加险) that only
 * exist on top of a main coverage. Liability coverages carry a limit.
 */
export const COVERAGES = {
  compulsory_liability: { zh: '机动车交通事故责任强制保险（交强险）', short: '交强险', en: 'Compulsory traffic accident liability', group: 'compulsory', limit: 'fixed' },
  vehicle_damage: { zh: '机动车损失保险（车损险）', short: '车损险', en: 'Vehicle damage', group: 'main', limit: 'none' },
  third_party: { zh: '第三者责任保险（三者险）', short: '三者险', en: 'Third-party liability', group: 'main', limit: 'required' },
  driver_seat: { zh: '车上人员责任险（司机）', short: '司机座位险', en: 'Occupant liability (driver)', group: 'main', limit: 'required' },
  passenger_seat: { zh: '车上人员责任险（乘客）', short: '乘客座位险', en: 'Occupant liability (passengers)', group: 'main', limit: 'required' },
  theft: { zh: '全车盗抢险', short: '盗抢险', en: 'Theft and robbery', group: 'main', limit: 'none' },
  glass_breakage: { zh: '玻璃单独破碎险', short: '玻璃险', en: 'Glass breakage', group: 'addon', limit: 'none' },
  spontaneous_combustion: { zh: '自燃损失险', short: '自燃险', en: 'Spontaneous combustion', group: 'addon', limit: 'none' },
  wading: { zh: '涉水行驶损失险', short: '涉水险', en: 'Wading (flooded engine)', group: 'addon', limit: 'none' },
  engine_special: { zh: '发动机特别损失险', short: '发动机险', en: 'Engine special damage', group: 'addon', limit: 'none' },
  scratch: { zh: '车身划痕损失险', short: '划痕险', en: 'Body scratches', group: 'addon', limit: 'required' },
  roadside_assistance: { zh: '道路救援服务', short: '道路救援', en: 'Roadside assistance', group: 'addon', limit: 'none' },
  roadside_assistance_vip: { zh: '道路救援 VIP 服务', short: '救援 VIP', en: 'Roadside assistance VIP', group: 'addon', limit: 'none' },
  medical_outside_insurance: { zh: '医保外医疗费用责任险', short: '医保外用药', en: 'Medical costs outside social insurance', group: 'addon', limit: 'required' },
} as const satisfies Record<string, { zh: string; short: string; en: string; group: 'compulsory' | 'main' | 'addon'; limit: 'fixed' | 'none' | 'required' }>;

export type CoverageCode = keyof typeof COVERAGES;
export const COVERAGE_CODES = Object.keys(COVERAGES) as [CoverageCode, ...CoverageCode[]];

/** 交强险's limits are fixed by regulation (yuan, with liability): death/disability, medical, property. */
export const COMPULSORY_LIMITS_YUAN = { deathDisability: 180_000, medical: 18_000, property: 2_000 } as const;

/** One coverage on a policy: its code and, for liability coverages, the limit in yuan (e.g. 三者险 1,000,000). */
export const CoverageItem = z.strictObject({
  code: z.enum(COVERAGE_CODES),
  limitYuan: z.number().int().positive().max(100_000_000).nullable(),
});
export type CoverageItem = z.infer<typeof CoverageItem>;

export type PolicyKind = 'compulsory' | 'commercial';

/**
 * What is wrong with a policy's coverages, or null. A compulsory policy
 * holds 交强险 alone; a commercial one never does, holds each code once,
 * has at least one main coverage under its add-ons, and gives a limit
 * exactly where the coverage has one to give.
 */
export function coverageProblem(kind: PolicyKind, items: readonly CoverageItem[]): string | null {
  if (kind === 'compulsory') {
    if (items.length !== 1 || items[0]!.code !== 'compulsory_liability') return 'a compulsory policy carries 交强险 (compulsory_liability) and nothing else';
    return items[0]!.limitYuan === null ? null : '交强险 has fixed limits: give limitYuan null';
  }
  if (items.length === 0) return 'a commercial policy carries at least one coverage';
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const def = COVERAGES[item.code];
    if (def.group === 'compulsory') return `coverages.${i}: 交强险 is a compulsory policy of its own`;
    if (seen.has(item.code)) return `coverages.${i}: ${item.code} appears twice`;
    seen.add(item.code);
    if (def.limit === 'required' && item.limitYuan === null) return `coverages.${i}: ${def.short} needs its limit (limitYuan)`;
    if (def.limit === 'none' && item.limitYuan !== null) return `coverages.${i}: ${def.short} has no limit (limitYuan null)`;
  }
  if (!items.some((it) => COVERAGES[it.code].group === 'main')) return 'add-ons (附加险) need a main coverage on the same policy';
  return null;
}

/** "三者险 100万" style label for a coverage, in Chinese. */
export function coverageLabelZh(item: CoverageItem): string {
  const def = COVERAGES[item.code];
  if (item.limitYuan === null) return def.short;
  const limit = item.limitYuan >= 10_000 && item.limitYuan % 10_000 === 0 ? `${item.limitYuan / 10_000}万` : `${item.limitYuan}元`;
  return `${def.short} ${limit}`;
}
