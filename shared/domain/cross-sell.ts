/**
 * Cross-sell (二次销售) suggestions: simple rules on the customer profile,
 * each readable on its own, each saying why it fires. A high-end car owner
 * values service quality (VIP roadside assistance); an older car's engine
 * deserves its own cover at renewal; a customer on a small budget gets the
 * basic plan with glass cover; a high-value customer gets a dedicated
 * manager; a customer who claimed in the last twelve months is offered
 * personal accident cover for driver and passengers. Suggestions are hints
 * for the agent, never sent to the customer by themselves; the desk words
 * them in its own language from the code and the facts.
 */
import type { CoverageCode } from './coverages.js';
import { daysBetween, type IsoDate } from './working-calendar.js';
import { vehicleAgeYears } from './vehicles.js';

// Re-exported for the callers that read it here; the rule lives in vehicles.ts.
export { vehicleAgeYears };

/** New-car price from which a car counts as high-end (yuan). */
export const LUXURY_PRICE_YUAN = 500_000;
/** Age from which a car counts as old enough for engine cover (years since first registration). */
export const OLD_CAR_YEARS = 5;

export interface CrossSellVehicle {
  id: string;
  plate: string;
  model: string;
  firstRegisteredOn: IsoDate | null;
  priceYuan: number | null;
}

export interface CrossSellPolicy {
  vehicleId: string | null;
  kind: 'compulsory' | 'commercial';
  status: 'active' | 'expired' | 'cancelled';
  coverages: readonly { code: CoverageCode }[];
}

export interface CrossSellProfile {
  segment: 'standard' | 'high_value';
  vehicles: readonly CrossSellVehicle[];
  policies: readonly CrossSellPolicy[];
  /** The customer's claims, by the date they were reported. */
  claims: readonly { reportedOn: IsoDate }[];
}

export const CROSS_SELL_CODES = ['roadside_assistance_vip', 'engine_special', 'glass_breakage', 'basic_commercial_plan', 'dedicated_manager', 'occupant_accident'] as const;
export type CrossSellCode = (typeof CROSS_SELL_CODES)[number];

/** A claim reported within this many days (the last twelve months) counts as recent. */
export const RECENT_CLAIM_DAYS = 365;

export interface CrossSellSuggestion {
  code: CrossSellCode;
  /** The facts behind the suggestion, for the display language to word the reason. */
  facts: { plates?: string[]; models?: string[]; years?: number; priceYuan?: number; claims?: number };
  /** The vehicles it is about (none for suggestions about the customer). */
  vehicleIds: string[];
}

const activePolicies = (p: CrossSellProfile, vehicleId: string) => p.policies.filter((x) => x.vehicleId === vehicleId && x.status === 'active');

/** True when an active policy on the vehicle carries the coverage. */
export function vehicleHas(p: CrossSellProfile, vehicleId: string, code: CoverageCode): boolean {
  return activePolicies(p, vehicleId).some((x) => x.coverages.some((c) => c.code === code));
}

const hasCommercial = (p: CrossSellProfile, vehicleId: string) => activePolicies(p, vehicleId).some((x) => x.kind === 'commercial');

export interface CrossSellOptions {
  /** How plates appear in the facts (masked: suggestions show before the identity check). */
  maskPlate: (plate: string) => string;
}

/** Each rule: readable on its own, returns its suggestion or null. */
type Rule = (p: CrossSellProfile, today: IsoDate, o: CrossSellOptions) => CrossSellSuggestion | null;

/** 高端车主重服务品质: a high-end car without VIP roadside assistance. */
const luxuryRoadsideVip: Rule = (p, _today, o) => {
  const cars = p.vehicles.filter((v) => (v.priceYuan ?? 0) >= LUXURY_PRICE_YUAN && !vehicleHas(p, v.id, 'roadside_assistance_vip'));
  if (cars.length === 0) return null;
  const top = Math.max(...cars.map((v) => v.priceYuan ?? 0));
  return {
    code: 'roadside_assistance_vip',
    facts: { plates: cars.map((v) => o.maskPlate(v.plate)), models: cars.map((v) => v.model), priceYuan: top },
    vehicleIds: cars.map((v) => v.id),
  };
};

/** 老车主重性价比, but an older engine wears: engine cover at renewal. */
const oldCarEngine: Rule = (p, today, o) => {
  const cars = p.vehicles.filter((v) => (vehicleAgeYears(v.firstRegisteredOn, today) ?? 0) >= OLD_CAR_YEARS && !vehicleHas(p, v.id, 'engine_special'));
  if (cars.length === 0) return null;
  const oldest = Math.max(...cars.map((v) => vehicleAgeYears(v.firstRegisteredOn, today) ?? 0));
  return {
    code: 'engine_special',
    facts: { plates: cars.map((v) => o.maskPlate(v.plate)), models: cars.map((v) => v.model), years: oldest },
    vehicleIds: cars.map((v) => v.id),
  };
};

/** An add-on needs a main coverage: glass cover for vehicles already on a commercial policy. */
const glassBreakage: Rule = (p, _today, o) => {
  const cars = p.vehicles.filter((v) => hasCommercial(p, v.id) && !vehicleHas(p, v.id, 'glass_breakage'));
  if (cars.length === 0) return null;
  return {
    code: 'glass_breakage',
    facts: { plates: cars.map((v) => o.maskPlate(v.plate)), models: cars.map((v) => v.model) },
    vehicleIds: cars.map((v) => v.id),
  };
};

/** 小微客户: a car on 交强险 alone gets the economical basic plan (with glass cover on top). */
const basicPlan: Rule = (p, _today, o) => {
  const cars = p.vehicles.filter((v) => activePolicies(p, v.id).length > 0 && !hasCommercial(p, v.id));
  if (cars.length === 0) return null;
  return {
    code: 'basic_commercial_plan',
    facts: { plates: cars.map((v) => o.maskPlate(v.plate)), models: cars.map((v) => v.model) },
    vehicleIds: cars.map((v) => v.id),
  };
};

/** 高净值客户: a dedicated manager and a priority channel. */
const dedicatedManager: Rule = (p) =>
  p.segment === 'high_value'
    ? { code: 'dedicated_manager', facts: {}, vehicleIds: [] }
    : null;

/**
 * A claim in the last twelve months (not the calendar year: on 2 January a
 * December claim still counts): offer personal accident cover for driver
 * and passengers.
 */
const recentClaim: Rule = (p, today) => {
  const claims = p.claims.filter((c) => {
    const ago = daysBetween(c.reportedOn, today);
    return ago >= 0 && ago < RECENT_CLAIM_DAYS;
  }).length;
  if (claims === 0) return null;
  return {
    code: 'occupant_accident',
    facts: { claims },
    vehicleIds: [],
  };
};

const RULES: readonly Rule[] = [luxuryRoadsideVip, dedicatedManager, oldCarEngine, basicPlan, glassBreakage, recentClaim];

/** Every suggestion that applies on `today`, at most one per code, in a fixed order. */
export function crossSellSuggestions(profile: CrossSellProfile, today: IsoDate, options: CrossSellOptions): CrossSellSuggestion[] {
  return RULES.map((rule) => rule(profile, today, options)).filter((s): s is CrossSellSuggestion => s !== null);
}
