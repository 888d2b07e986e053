import { describe, expect, it } from 'vitest';
import { crossSellSuggestions, vehicleAgeYears, type CrossSellPolicy, type CrossSellProfile, type CrossSellVehicle } from '../../../shared/domain/cross-sell.js';
import { maskPlate } from '../../../shared/domain/masking.js';

const TODAY = '2026-06-01';
const opts = { maskPlate };

const car = (id: string, over: Partial<CrossSellVehicle> = {}): CrossSellVehicle => ({
  id,
  plate: `苏A·1234${id}`,
  model: '大众朗逸',
  firstRegisteredOn: '2024-03-01',
  priceYuan: 120_000,
  ...over,
});
const commercial = (vehicleId: string, codes: CrossSellPolicy['coverages'][number]['code'][] = ['vehicle_damage', 'third_party', 'glass_breakage']): CrossSellPolicy => ({
  vehicleId,
  kind: 'commercial',
  status: 'active',
  coverages: codes.map((code) => ({ code })),
});
const profile = (over: Partial<CrossSellProfile> = {}): CrossSellProfile => ({
  segment: 'standard',
  vehicles: [car('1')],
  policies: [commercial('1')],
  claims: [],
  ...over,
});
const codes = (p: CrossSellProfile) => crossSellSuggestions(p, TODAY, opts).map((s) => s.code);
const find = (p: CrossSellProfile, code: string) => crossSellSuggestions(p, TODAY, opts).find((s) => s.code === code);

describe('cross-sell rules', () => {
  it('suggests nothing for a young, ordinary, fully covered car without claims', () => {
    expect(codes(profile())).toEqual([]);
  });

  it('offers VIP roadside assistance for a luxury car without it, naming the car', () => {
    const p = profile({ vehicles: [car('1', { model: '奔驰S450', priceYuan: 1_200_000 })] });
    const s = find(p, 'roadside_assistance_vip');
    expect(s?.facts).toEqual({ plates: [maskPlate('苏A·12341')], models: ['奔驰S450'], priceYuan: 1_200_000 });
    expect(JSON.stringify(s)).not.toContain('苏A·12341');
    expect(s?.vehicleIds).toEqual(['1']);
  });

  it('counts 500,000 yuan as luxury and not 499,999, and stays quiet when the VIP service is on the policy', () => {
    expect(codes(profile({ vehicles: [car('1', { priceYuan: 500_000 })] }))).toContain('roadside_assistance_vip');
    expect(codes(profile({ vehicles: [car('1', { priceYuan: 499_999 })] }))).not.toContain('roadside_assistance_vip');
    expect(codes(profile({ vehicles: [car('1', { priceYuan: null })] }))).not.toContain('roadside_assistance_vip');
    const covered = profile({
      vehicles: [car('1', { priceYuan: 900_000 })],
      policies: [commercial('1', ['vehicle_damage', 'third_party', 'glass_breakage', 'roadside_assistance_vip'])],
    });
    expect(codes(covered)).not.toContain('roadside_assistance_vip');
  });

  it('names every luxury car of a customer with several in one suggestion', () => {
    const p = profile({
      segment: 'high_value',
      vehicles: [car('1', { model: '保时捷卡宴', priceYuan: 1_100_000 }), car('2', { model: '宝马X7', priceYuan: 1_300_000 })],
      policies: [commercial('1'), commercial('2')],
    });
    const s = find(p, 'roadside_assistance_vip');
    expect(s?.vehicleIds).toEqual(['1', '2']);
    expect(s?.facts.models).toEqual(['保时捷卡宴', '宝马X7']);
    expect(s?.facts.priceYuan).toBe(1_300_000);
    expect(codes(p)).toContain('dedicated_manager');
  });

  it('offers engine cover from a car\'s fifth year, and not when it is on the policy', () => {
    expect(vehicleAgeYears('2021-06-01', TODAY)).toBe(5);
    expect(vehicleAgeYears('2021-06-02', TODAY)).toBe(4);
    expect(vehicleAgeYears(null, TODAY)).toBeNull();
    expect(codes(profile({ vehicles: [car('1', { firstRegisteredOn: '2021-06-01' })] }))).toContain('engine_special');
    expect(find(profile({ vehicles: [car('1', { firstRegisteredOn: '2020-01-15' })] }), 'engine_special')?.facts.years).toBe(6);
    expect(codes(profile({ vehicles: [car('1', { firstRegisteredOn: '2021-06-02' })] }))).not.toContain('engine_special');
    expect(codes(profile({ vehicles: [car('1', { firstRegisteredOn: null })] }))).not.toContain('engine_special');
    const covered = profile({ vehicles: [car('1', { firstRegisteredOn: '2015-01-01' })], policies: [commercial('1', ['vehicle_damage', 'glass_breakage', 'engine_special'])] });
    expect(codes(covered)).not.toContain('engine_special');
  });

  it('offers glass cover on a commercial policy without it, and ignores expired policies', () => {
    expect(codes(profile({ policies: [commercial('1', ['vehicle_damage', 'third_party'])] }))).toContain('glass_breakage');
    expect(codes(profile())).not.toContain('glass_breakage');
    const expiredGlass = profile({ policies: [commercial('1', ['vehicle_damage', 'third_party']), { ...commercial('1'), status: 'expired' }] });
    expect(codes(expiredGlass)).toContain('glass_breakage');
  });

  it('offers the basic plan to a car on 交强险 alone, and not to one with a commercial policy', () => {
    const compulsoryOnly = profile({ policies: [{ vehicleId: '1', kind: 'compulsory', status: 'active', coverages: [{ code: 'compulsory_liability' }] }] });
    expect(codes(compulsoryOnly)).toEqual(['basic_commercial_plan']);
    expect(codes(profile())).not.toContain('basic_commercial_plan');
    expect(codes(profile({ policies: [] }))).toEqual([]);
  });

  it('offers a dedicated manager to high-value customers only', () => {
    expect(find(profile({ segment: 'high_value' }), 'dedicated_manager')).toEqual({ code: 'dedicated_manager', facts: {}, vehicleIds: [] });
    expect(codes(profile({ segment: 'standard' }))).not.toContain('dedicated_manager');
  });

  it('offers occupant accident cover after a claim in the last twelve months only', () => {
    const s = find(profile({ claims: [{ reportedOn: '2026-01-03' }, { reportedOn: '2026-05-30' }, { reportedOn: '2025-05-01' }] }), 'occupant_accident');
    expect(s?.facts.claims).toBe(2);
    // 365 days back from 1 June 2026 is 1 June 2025: outside; the day after is inside.
    expect(codes(profile({ claims: [{ reportedOn: '2025-06-01' }] }))).not.toContain('occupant_accident');
    expect(find(profile({ claims: [{ reportedOn: '2025-06-02' }] }), 'occupant_accident')?.facts.claims).toBe(1);
    // A claim not yet reported (a date after today) does not count.
    expect(codes(profile({ claims: [{ reportedOn: '2026-06-02' }] }))).not.toContain('occupant_accident');
  });

  it('still remembers a December claim on 2 January', () => {
    const newYear = (claims: CrossSellProfile['claims']) => crossSellSuggestions(profile({ claims }), '2027-01-02', opts).map((x) => x.code);
    expect(newYear([{ reportedOn: '2026-12-20' }])).toContain('occupant_accident');
    expect(newYear([{ reportedOn: '2026-01-02' }])).not.toContain('occupant_accident');
    expect(newYear([{ reportedOn: '2026-01-03' }])).toContain('occupant_accident');
  });
});
