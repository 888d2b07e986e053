import { describe, expect, it } from 'vitest';
import { draftProblems, EMPTY_DRAFT, knownReason, reportFromDraft, stepComplete } from './report-form';

describe('claim report wizard fields', () => {
  /** 10:00 at the office (China, UTC+8): the desk's own zone does not matter. */
  const now = Date.parse('2026-11-26T10:00:00+08:00');
  const traffic = { ...EMPTY_DRAFT, type: 'traffic' as const };
  it('needs the type, a time that has happened and a place before going on', () => {
    expect(stepComplete('timePlace', { ...traffic, place: '中山路' }, now)).toBe(false);
    expect(stepComplete('timePlace', { ...traffic, accidentAt: '2026-11-27T10:00', place: '中山路' }, now)).toBe(false);
    expect(stepComplete('timePlace', { ...EMPTY_DRAFT, accidentAt: '2026-11-26T08:00', place: '中山路' }, now)).toBe(false);
    expect(stepComplete('timePlace', { ...traffic, accidentAt: '2026-11-26T08:00', place: '中山路' }, now)).toBe(true);
  });
  it('says why a time cannot be used instead of only greying out the button', () => {
    expect(draftProblems({ ...traffic, accidentAt: '2026-11-26T10:30', damage: 'x' }, now, null)).toEqual({ accidentAt: 'accident_in_future' });
    expect(draftProblems({ ...traffic, accidentAt: '2026-02-30T10:00', damage: 'x' }, now, null)).toEqual({ accidentAt: 'invalid_time' });
    const period = { startsOn: '2026-11-20', expiresOn: '2027-11-19' };
    expect(draftProblems({ ...traffic, accidentAt: '2026-11-19T23:59', damage: 'x' }, now, period)).toEqual({ accidentAt: 'accident_outside_policy' });
    expect(draftProblems({ ...traffic, accidentAt: '2026-11-20T00:00', damage: 'x' }, now, period)).toEqual({});
    expect(knownReason('accident_outside_policy')).toBe('accident_outside_policy');
    expect(knownReason('Too small')).toBeNull();
  });
  it('reads the time in office time (UTC+8), whatever the desk\'s zone', () => {
    const r = reportFromDraft({ ...traffic, accidentAt: '2026-11-26T08:00', place: '中山路', account: 'a', damage: 'b', policyId: '0190a0a0-0000-7000-8000-000000000001' });
    expect(r.accidentAt).toBe(Date.parse('2026-11-26T00:00:00Z'));
  });
  it('lets a theft go on without a damage description, but not an accident', () => {
    expect(stepComplete('damage', { ...EMPTY_DRAFT, type: 'theft' }, now)).toBe(true);
    expect(stepComplete('damage', traffic, now)).toBe(false);
    expect(draftProblems(traffic, now, null)).toEqual({ damage: 'damage_required' });
    expect(reportFromDraft({ ...EMPTY_DRAFT, type: 'theft', accidentAt: '2026-11-26T08:00', policyId: '0190a0a0-0000-7000-8000-000000000001' }).damage).toBeUndefined();
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
    expect(r.accidentAt).toBe(Date.parse('2026-11-26T08:00:00+08:00'));
  });
});
