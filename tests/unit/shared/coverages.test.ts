import { describe, expect, it } from 'vitest';
import { COVERAGES, CoverageItem, coverageLabelZh, coverageProblem } from '../../../shared/domain/coverages.js';

describe('coverages (险种)', () => {
  it('names every coverage in Chinese, including the ones the course lists', () => {
    const names = Object.values(COVERAGES).map((c) => c.zh).join(' ');
    for (const n of ['交强险', '车损险', '三者险', '车上人员责任险', '玻璃单独破碎险', '自燃', '涉水', '发动机特别损失险', '道路救援']) expect(names).toContain(n);
  });

  it('labels limits in 万 where they are round', () => {
    expect(coverageLabelZh({ code: 'third_party', limitYuan: 1_000_000 })).toBe('三者险 100万');
    expect(coverageLabelZh({ code: 'scratch', limitYuan: 2_500 })).toBe('划痕险 2500元');
    expect(coverageLabelZh({ code: 'glass_breakage', limitYuan: null })).toBe('玻璃险');
  });

  it('takes a compulsory policy with 交强险 alone', () => {
    expect(coverageProblem('compulsory', [{ code: 'compulsory_liability', limitYuan: null }])).toBeNull();
    expect(coverageProblem('compulsory', [])).not.toBeNull();
    expect(coverageProblem('compulsory', [{ code: 'compulsory_liability', limitYuan: null }, { code: 'glass_breakage', limitYuan: null }])).not.toBeNull();
  });

  it('wants limits on liability coverages, none elsewhere, a main coverage under add-ons, and no repeats', () => {
    const ok = [
      { code: 'vehicle_damage', limitYuan: null },
      { code: 'third_party', limitYuan: 1_000_000 },
      { code: 'glass_breakage', limitYuan: null },
    ] as const;
    expect(coverageProblem('commercial', [...ok])).toBeNull();
    expect(coverageProblem('commercial', [{ code: 'third_party', limitYuan: null }])).toContain('coverages.0');
    expect(coverageProblem('commercial', [{ code: 'vehicle_damage', limitYuan: 5 }])).toContain('coverages.0');
    expect(coverageProblem('commercial', [{ code: 'glass_breakage', limitYuan: null }])).toContain('main coverage');
    expect(coverageProblem('commercial', [...ok, { code: 'third_party', limitYuan: 2_000_000 }])).toContain('twice');
    expect(coverageProblem('commercial', [{ code: 'compulsory_liability', limitYuan: null }])).not.toBeNull();
  });

  it('parses a coverage item strictly', () => {
    expect(CoverageItem.safeParse({ code: 'third_party', limitYuan: 1_000_000 }).success).toBe(true);
    expect(CoverageItem.safeParse({ code: 'unknown', limitYuan: null }).success).toBe(false);
    expect(CoverageItem.safeParse({ code: 'third_party', limitYuan: -1 }).success).toBe(false);
    expect(CoverageItem.safeParse({ code: 'third_party' }).success).toBe(false);
  });
});
