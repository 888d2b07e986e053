import { describe, expect, it } from 'vitest';
import {
  canAdvance,
  claimNumber,
  CLAIM_NO_PATTERN,
  expectedCompletion,
  fillNotification,
  formatClaimDate,
  formatClaimTime,
  formatYuan,
  isLateReport,
  LATE_REPORT_MATERIALS,
  lateReportScript,
  maskedParty,
  materialRequestStatus,
  materialsChecklist,
  materialsDueAt,
  MATERIAL_REQUEST_NOTICE,
  nextStage,
  stageNotification,
  STAGE_NOTIFICATIONS,
  STAGE_INPUTS,
  UnfilledPlaceholderError,
  accidentTimeProblem,
  damageRequired,
  outstandingRequests,
  PAYOUT_CEILING_YUAN,
  payoutCeilingYuan,
  policyInForce,
  payoutProblem,
  reportedNotification,
  stageNotice,
  surveyTimeProblem,
} from '../../../shared/domain/claims.js';

/** An instant given in China time. */
const cst = (s: string) => Date.parse(`${s}+08:00`);

describe('claim handling time', () => {
  it('counts a traffic accident in working days across the National Day holiday and its 调休 Saturday', () => {
    // Reported Tue 30 Sep 2025: 1–8 Oct are holidays, Sat 11 Oct is worked in lieu.
    const e = expectedCompletion('traffic', cst('2025-09-30T10:00:00'));
    expect(e).toEqual({ from: '2025-10-11', to: '2025-10-16', unit: 'working_days', provisional: false });
  });

  it('counts a natural disaster 5–10 working days, skipping the 2026 holiday and working Sat 10 Oct', () => {
    // Reported Mon 28 Sep 2026: 29, 30 Sep work (1, 2); 1–7 Oct off; Thu 8 (3), Fri 9 (4), Sat 10 worked in lieu (5);
    // then Mon 12 – Fri 16 (6–10).
    const e = expectedCompletion('natural_disaster', cst('2026-09-28T09:00:00'));
    expect(e.from).toBe('2026-10-10');
    expect(e.to).toBe('2026-10-16');
  });

  it('uses the China date of the report, not the UTC one', () => {
    // 23:30 UTC on Sunday is Monday morning in China.
    const e = expectedCompletion('traffic', Date.parse('2026-11-22T23:30:00Z'));
    expect(e.from).toBe('2026-11-26');
  });

  it('gives theft sixty calendar days, holidays included', () => {
    const e = expectedCompletion('theft', cst('2026-09-01T12:00:00'));
    expect(e).toMatchObject({ from: '2026-10-31', to: '2026-10-31', unit: 'calendar_days' });
  });

  it('marks the range provisional when it runs into a year whose holidays are not published', () => {
    expect(expectedCompletion('natural_disaster', cst('2026-12-24T09:00:00')).provisional).toBe(true);
    expect(expectedCompletion('traffic', cst('2026-11-26T09:00:00')).provisional).toBe(false);
  });
});

describe('materials checklist', () => {
  it('asks a traffic claim for the third party only when there is one', () => {
    expect(materialsChecklist('traffic', [{ role: 'insured' }])).not.toContain('第三方车辆及驾驶人信息');
    const withOther = materialsChecklist('traffic', [{ role: 'insured' }, { role: 'third_party', plate: '苏A12345' }]);
    expect(withOther).toEqual(expect.arrayContaining(['交警事故认定书', '维修发票', '第三方车辆及驾驶人信息', '事故现场照片']));
  });
  it('asks for before-and-after photos for a natural disaster and the police papers for theft', () => {
    expect(materialsChecklist('natural_disaster')).toContain('灾前灾后照片');
    expect(materialsChecklist('theft')).toEqual(expect.arrayContaining(['报警证明（公安立案）', '未找回证明']));
  });
});

describe('report number', () => {
  it('is BA, the China date and the day sequence', () => {
    expect(claimNumber(cst('2026-11-26T08:00:00'), 42)).toBe('BA20261126000042');
    expect(claimNumber(Date.parse('2026-11-26T17:00:00Z'), 1)).toBe('BA20261127000001');
    expect(CLAIM_NO_PATTERN.test(claimNumber(Date.now(), 999_999))).toBe(true);
  });
  it('refuses a sequence out of range', () => {
    expect(() => claimNumber(Date.now(), 0)).toThrow(RangeError);
    expect(() => claimNumber(Date.now(), 1_000_000)).toThrow(RangeError);
  });
});

describe('claim stages', () => {
  it('go 报案受理 → 查勘定损 → 资料提示 → 核赔结案, one at a time', () => {
    expect(nextStage('reported')).toBe('surveying');
    expect(nextStage('surveying')).toBe('materials');
    expect(nextStage('materials')).toBe('settled');
    expect(nextStage('settled')).toBeNull();
    expect(canAdvance('reported', 'materials')).toBe(false);
    expect(canAdvance('materials', 'surveying')).toBe(false);
    expect(canAdvance('surveying', 'materials')).toBe(true);
  });
});

describe('stage notifications', () => {
  it('fill every placeholder each stage declares', () => {
    const values = { claimNo: 'BA20261126000001', surveyTime: '11月27日 14:00', deadline: '11月30日', missingMaterials: '维修发票', amount: '3,200' };
    for (const stage of ['reported', 'surveying', 'materials', 'settled'] as const) {
      const text = stageNotification(stage, values);
      expect(text).not.toMatch(/\{\{/);
      expect(text).toContain('BA20261126000001');
      for (const key of STAGE_INPUTS[stage]) expect(text).toContain(values[key as keyof typeof values]);
    }
    expect(stageNotification('settled', values)).toContain('1–3 个工作日');
  });

  it('refuse to produce a notification with a gap, naming what is missing', () => {
    expect(() => stageNotification('settled', { claimNo: 'BA20261126000001' })).toThrow(UnfilledPlaceholderError);
    const gap = () => stageNotification('materials', { claimNo: 'BA20261126000001', deadline: ' ' });
    expect(gap).toThrow(UnfilledPlaceholderError);
    expect(gap).toThrow(expect.objectContaining({ missing: ['deadline', 'missingMaterials'] }));
    expect(() => fillNotification(STAGE_NOTIFICATIONS.surveying, { surveyTime: '明天' })).toThrow(/claimNo/);
  });

  it('the 24-hour request names the materials and its deadline', () => {
    const text = fillNotification(MATERIAL_REQUEST_NOTICE, { claimNo: 'BA1', deadline: '11月27日 10:00', missingMaterials: '维修发票、事故认定书' });
    expect(text).toContain('24 小时内');
    expect(text).toContain('维修发票、事故认定书');
  });
});

describe('late reports', () => {
  const accident = cst('2026-11-20T08:00:00');
  it('are reports more than 48 hours after the accident', () => {
    expect(isLateReport(accident, accident + 48 * 3_600_000)).toBe(false);
    expect(isLateReport(accident, accident + 48 * 3_600_000 + 60_000)).toBe(true);
    expect(isLateReport(accident, accident + 3_600_000)).toBe(false);
  });
  it('ask for the proof the claim type needs: no traffic police finding for a theft or a storm', () => {
    expect(lateReportScript('traffic')).toContain('交警事故认定书');
    for (const type of ['theft', 'natural_disaster'] as const) expect(lateReportScript(type)).not.toContain('交警');
    expect(lateReportScript('theft')).toContain('报警回执');
    expect(lateReportScript('natural_disaster')).toContain('气象');
    // Named once: the script is the list, not the list twice.
    for (const type of ['traffic', 'theft', 'natural_disaster'] as const) {
      for (const m of LATE_REPORT_MATERIALS[type]) expect(lateReportScript(type).split(m)).toHaveLength(2);
    }
  });
});

describe('what the customer reads', () => {
  it('dates, amounts and times in the notifications', () => {
    expect(formatClaimDate('2026-03-05')).toBe('3月5日');
    expect(formatYuan(3250.5)).toBe('3,250.5');
    expect(formatYuan(1000)).toBe('1,000');
    expect(formatClaimTime(cst('2026-11-27T14:30:00'))).toBe('11月27日 14:30');
  });
  it('masks every party\'s phone and plate and keeps only the surname', () => {
    expect(maskedParty({ role: 'third_party', name: '孙小明', plate: '苏A67890', phone: '13900001111', note: '身份证 320102199001011234' })).toEqual({
      role: 'third_party',
      name: '孙**',
      plate: '苏A***90',
      phone: '139****1111',
      note: '身份证 3201**********1234',
    });
    expect(maskedParty({ role: 'insured' })).toEqual({ role: 'insured' });
  });
});

describe('missing-materials requests', () => {
  const sent = cst('2026-11-26T10:00:00');
  it('are due 24 hours after they are sent, then overdue until received', () => {
    const due = materialsDueAt(sent);
    expect(due - sent).toBe(24 * 3_600_000);
    expect(materialRequestStatus({ dueAt: due, receivedAt: null }, due - 1)).toBe('open');
    expect(materialRequestStatus({ dueAt: due, receivedAt: null }, due + 1)).toBe('overdue');
    expect(materialRequestStatus({ dueAt: due, receivedAt: due + 5 }, due + 10)).toBe('received');
  });
});

describe('payout rule (核赔结案)', () => {
  // The sample car: 交强险 on one policy, the commercial covers on another, a 120,000-yuan new-car price.
  const compulsory = [{ code: 'compulsory_liability', limitYuan: null }];
  const commercial = [
    { code: 'vehicle_damage', limitYuan: null },
    { code: 'third_party', limitYuan: 1_000_000 },
    { code: 'driver_seat', limitYuan: 10_000 },
    { code: 'passenger_seat', limitYuan: 40_000 },
    { code: 'glass_breakage', limitYuan: null },
    { code: 'wading', limitYuan: null },
  ];
  const both = [...compulsory, ...commercial];
  it('lets a traffic claim pay under several covers at once: their sum, not the largest one', () => {
    // 交强险 200,000 + 车损 up to the car's 120,000 + 三者险 1,000,000 + 车上人员 10,000 + 40,000.
    expect(payoutCeilingYuan('traffic', both, 120_000)).toBe(1_370_000);
    expect(payoutProblem(1_200_000, payoutCeilingYuan('traffic', both, 120_000))).toBeNull();
  });
  it('counts the commercial policy for a claim filed on the 交强险 policy (the caller passes every policy of the car in force)', () => {
    expect(payoutCeilingYuan('traffic', compulsory, 120_000)).toBe(200_000);
    expect(payoutCeilingYuan('traffic', [...compulsory, ...commercial], 120_000)).toBeGreaterThan(200_000);
  });
  it('holds the car\'s own loss to its new-car price: 车损 on a 120,000-yuan car is not paid up to 三者险\'s 1,000,000', () => {
    expect(payoutCeilingYuan('natural_disaster', both, 120_000)).toBe(120_000);
    expect(payoutProblem(1_000_000, payoutCeilingYuan('natural_disaster', both, 120_000))).toBe('payout_over_limit');
    // 涉水险 or 自燃险 alone still pays for the car, and together with 车损 never more than it is worth.
    expect(payoutCeilingYuan('natural_disaster', [{ code: 'wading', limitYuan: null }], 120_000)).toBe(120_000);
    expect(payoutCeilingYuan('natural_disaster', [{ code: 'spontaneous_combustion', limitYuan: null }, { code: 'vehicle_damage', limitYuan: null }], 120_000)).toBe(120_000);
  });
  it('pays a theft from 盗抢险 or 车损险, up to the car\'s price', () => {
    expect(payoutCeilingYuan('theft', [{ code: 'theft', limitYuan: null }, { code: 'third_party', limitYuan: 1_000_000 }], 120_000)).toBe(120_000);
    expect(payoutCeilingYuan('theft', both, 120_000)).toBe(120_000);
  });
  it('counts a cover held on two policies once, at its larger limit', () => {
    expect(payoutCeilingYuan('traffic', [{ code: 'third_party', limitYuan: 1_000_000 }, { code: 'third_party', limitYuan: 2_000_000 }], null)).toBe(2_000_000);
    expect(payoutCeilingYuan('traffic', [...compulsory, { code: 'third_party', limitYuan: 1_000_000 }, { code: 'third_party', limitYuan: 2_000_000 }], 120_000)).toBe(2_200_000);
    expect(payoutCeilingYuan('traffic', [...both, ...commercial], 120_000)).toBe(1_370_000);
  });
  it('falls back to 5,000,000 when nothing is known: no cover of the type, or the car\'s price missing', () => {
    expect(PAYOUT_CEILING_YUAN).toBe(5_000_000);
    expect(payoutCeilingYuan('traffic', [], null)).toBe(PAYOUT_CEILING_YUAN);
    expect(payoutCeilingYuan('theft', compulsory, 120_000)).toBe(PAYOUT_CEILING_YUAN);
    expect(payoutCeilingYuan('natural_disaster', both, null)).toBe(PAYOUT_CEILING_YUAN);
    // Known covers above the fallback are kept: a 10,000,000 三者险 is not cut to 5,000,000.
    expect(payoutCeilingYuan('traffic', [...compulsory, { code: 'vehicle_damage', limitYuan: null }, { code: 'third_party', limitYuan: 10_000_000 }], null)).toBe(10_200_000);
    expect(payoutCeilingYuan('traffic', [...compulsory, { code: 'third_party', limitYuan: 10_000_000 }], 300_000)).toBe(10_200_000);
  });
  it('takes the policies in force on the accident\'s day, an expired one too, never a cancelled one', () => {
    const p = { startsOn: '2025-12-01', expiresOn: '2026-11-30', status: 'active' };
    expect(policyInForce(p, '2025-12-01')).toBe(true);
    expect(policyInForce(p, '2026-11-30')).toBe(true);
    expect(policyInForce(p, '2026-12-01')).toBe(false);
    expect(policyInForce(p, '2025-11-30')).toBe(false);
    expect(policyInForce({ ...p, status: 'expired' }, '2026-06-01')).toBe(true);
    expect(policyInForce({ ...p, status: 'cancelled' }, '2026-06-01')).toBe(false);
  });
  it('refuses, never clamps: 1e9, zero, negatives, fractions of a fen, anything above the bound', () => {
    expect(payoutProblem(1e9, 1_000_000)).toBe('payout_over_limit');
    expect(payoutProblem(1_000_000.01, 1_000_000)).toBe('payout_over_limit');
    expect(payoutProblem(1_000_000, 1_000_000)).toBeNull();
    expect(payoutProblem(3250.5, 1_000_000)).toBeNull();
    expect(payoutProblem(0.305, 1_000_000)).toBe('payout_cents');
    // Binary floating point: 0.1 + 0.2 is 0.3 yuan, not a fraction of a fen.
    expect(payoutProblem(0.1 + 0.2, 1_000_000)).toBeNull();
    expect(payoutProblem(19.99, 1_000_000)).toBeNull();
    expect(payoutProblem(0, 1_000_000)).toBe('payout_not_positive');
    expect(payoutProblem(-5, 1_000_000)).toBe('payout_not_positive');
    expect(payoutProblem(Number.NaN, 1_000_000)).toBe('payout_not_positive');
    expect(payoutProblem(Number.POSITIVE_INFINITY, 1_000_000)).toBe('payout_not_positive');
  });
  it('waits for every open 24-hour request, received ones aside', () => {
    const open = { id: 'a', dueAt: 10, receivedAt: null };
    const overdue = { id: 'b', dueAt: 1, receivedAt: null };
    const done = { id: 'c', dueAt: 1, receivedAt: 5 };
    expect(outstandingRequests([open, overdue, done]).map((r) => r.id)).toEqual(['a', 'b']);
    expect(outstandingRequests([done])).toEqual([]);
  });
});

describe('stage notice preview', () => {
  it('is the exact text sent, every placeholder filled as the customer reads it, in China time', () => {
    const text = stageNotice('BA20261126000001', { to: 'surveying', surveyAt: Date.parse('2026-11-27T02:00:00Z') });
    expect(text).toBe('您的车辆已安排查勘定损，预计 11月27日 10:00 完成（报案号 BA20261126000001）。请备好行驶证、驾驶证原件，并保持联系电话畅通。');
    expect(stageNotice('BA20261126000001', { to: 'materials', materials: ['交警事故认定书', '维修发票'], dueOn: '2026-11-30' })).toContain(
      '请您在 11月30日 前提交以下理赔资料：交警事故认定书、维修发票（报案号 BA20261126000001）',
    );
    expect(stageNotice('BA20261126000001', { to: 'settled', payoutYuan: 1_000_000 })).toContain('赔付金额 1,000,000 元');
  });
  it('cannot be produced while a value is missing (no raw {{placeholders}})', () => {
    expect(() => stageNotice('BA20261126000001', { to: 'surveying' })).toThrow(UnfilledPlaceholderError);
    expect(() => stageNotice('BA20261126000001', { to: 'settled' })).toThrow(/amount/);
  });
  it('报案受理 lists the claim\'s whole checklist for its type', () => {
    const traffic = reportedNotification('BA20261126000001', 'traffic', [{ role: 'third_party' }]);
    const list = materialsChecklist('traffic', [{ role: 'third_party' }]);
    expect(list).toHaveLength(7);
    expect(traffic).toContain(`请您上传以下资料：${list.join('、')}。`);
    const theft = reportedNotification('BA20261126000002', 'theft');
    expect(theft).toContain('报警证明（公安立案）');
    expect(theft).not.toContain('事故现场照片');
    expect(theft).not.toContain('车辆受损部位照片');
  });
});

describe('theft reports', () => {
  it('have no scene or damage photos to ask for, and may leave the damage empty', () => {
    expect(materialsChecklist('theft')).toEqual(['报警证明（公安立案）', '未找回证明', '行驶证照片', '驾驶证照片']);
    expect(materialsChecklist('natural_disaster')).toContain('车辆受损部位照片');
    expect(damageRequired('theft')).toBe(false);
    expect(damageRequired('traffic')).toBe(true);
    expect(damageRequired('natural_disaster')).toBe(true);
  });
});

describe('report field checks shared by desk and head office', () => {
  const policy = { startsOn: '2026-01-01', expiresOn: '2026-12-31' };
  const now = cst('2026-11-26T10:00:00');
  it('refuses an accident in the future (beyond clock drift) or outside the policy\'s China-time dates', () => {
    expect(accidentTimeProblem(now + 4 * 60_000, now, policy)).toBeNull();
    expect(accidentTimeProblem(now + 6 * 60_000, now, policy)).toBe('accident_in_future');
    expect(accidentTimeProblem(cst('2026-01-01T00:30:00'), now, policy)).toBeNull();
    // 2025-12-31 23:30 in China is still before the cover, though UTC already reads 15:30 that day.
    expect(accidentTimeProblem(cst('2025-12-31T23:30:00'), now, policy)).toBe('accident_outside_policy');
  });
  it('refuses a survey time already past (an hour\'s grace for typing)', () => {
    expect(surveyTimeProblem(now - 30 * 60_000, now)).toBeNull();
    expect(surveyTimeProblem(now - 2 * 3_600_000, now)).toBe('survey_in_past');
  });
});
