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
