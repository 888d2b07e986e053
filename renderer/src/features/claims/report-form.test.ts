import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, reportFromDraft, stepComplete } from './report-form';

describe('claim report wizard fields', () => {
  const now = new Date('2026-11-26T10:00').getTime();
  it('needs a time that has happened and a place before going on', () => {
    expect(stepComplete('timePlace', { ...EMPTY_DRAFT, place: '中山路' }, now)).toBe(false);
    expect(stepComplete('timePlace', { ...EMPTY_DRAFT, accidentAt: '2026-11-27T10:00', place: '中山路' }, now)).toBe(false);
    expect(stepComplete('timePlace', { ...EMPTY_DRAFT, accidentAt: '2026-11-26T08:00', place: '中山路' }, now)).toBe(true);
  });
  it('asks for the other vehicle only when there is a third party', () => {
    expect(stepComplete('parties', EMPTY_DRAFT, now)).toBe(true);
    expect(stepComplete('parties', { ...EMPTY_DRAFT, thirdParty: true }, now)).toBe(false);
    expect(stepComplete('parties', { ...EMPTY_DRAFT, thirdParty: true, otherPlate: '苏A12345' }, now)).toBe(true);
  });
  it('builds the report with the third party when there is one', () => {
    const r = reportFromDraft({
      ...EMPTY_DRAFT,
      accidentAt: '2026-11-26T08:00',
      place: ' 中山路 ',
      thirdParty: true,
      otherPlate: '苏A12345',
      account: '追尾',
      damage: '保险杠',
      type: 'traffic',
      policyId: '0190a0a0-0000-7000-8000-000000000001',
    });
    expect(r.place).toBe('中山路');
    expect(r.parties).toEqual([
      { role: 'insured', plate: undefined, note: undefined },
      { role: 'third_party', plate: '苏A12345', name: undefined, phone: undefined },
    ]);
    expect(r.accidentAt).toBe(new Date('2026-11-26T08:00').getTime());
  });
});
