import { describe, expect, it } from 'vitest';
import { draftProblems, EMPTY_DRAFT, knownReason, reportFromDraft, stepComplete, verifiedNow } from './report-form';

const REPORT_ID = '0190a0a0-0000-7000-8000-0000000000aa';

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
    const r = reportFromDraft({ ...traffic, accidentAt: '2026-11-26T08:00', place: '中山路', account: 'a', damage: 'b', policyId: '0190a0a0-0000-7000-8000-000000000001' }, REPORT_ID);
    expect(r.accidentAt).toBe(Date.parse('2026-11-26T00:00:00Z'));
  });
  it('lets a theft go on without a damage description, but not an accident', () => {
    expect(stepComplete('damage', { ...EMPTY_DRAFT, type: 'theft' }, now)).toBe(true);
    expect(stepComplete('damage', traffic, now)).toBe(false);
    expect(draftProblems(traffic, now, null)).toEqual({ damage: 'damage_required' });
    // Head office refuses an empty damage with the same code, so the wizard says it in the agent's words, not the generic text.
    expect(knownReason('damage_required')).toBe('damage_required');
    expect(reportFromDraft({ ...EMPTY_DRAFT, type: 'theft', accidentAt: '2026-11-26T08:00', policyId: '0190a0a0-0000-7000-8000-000000000001' }, REPORT_ID).damage).toBeUndefined();
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
    }, REPORT_ID);
    expect(r.place).toBe('中山路');
    expect(r.parties).toEqual([
      { role: 'insured', plate: undefined, note: undefined },
      { role: 'third_party', plate: '苏A12345', name: undefined, phone: undefined },
    ]);
    expect(r.accidentAt).toBe(Date.parse('2026-11-26T08:00:00+08:00'));
  });

  it('sends the draft\'s id with the report, the same on every attempt (a retry finds the claim the first attempt made)', () => {
    const d = { ...traffic, accidentAt: '2026-11-26T08:00', place: '中山路', account: '追尾', damage: '保险杠', policyId: '0190a0a0-0000-7000-8000-000000000001' };
    expect(reportFromDraft(d, REPORT_ID).id).toBe(REPORT_ID);
    expect(reportFromDraft({ ...d, place: '建设路' }, REPORT_ID).id).toBe(REPORT_ID);
  });

  it('reads the identity check on head office\'s clock, as the customer panel does', () => {
    const serverNow = Date.parse('2026-11-26T10:00:00+08:00');
    const status = { state: 'verified', expiresAt: serverNow + 60_000 };
    // The desk's clock runs 5 minutes ahead of head office: still verified for another minute there.
    expect(verifiedNow(status, serverNow + 5 * 60_000, 5 * 60_000)).toBe(true);
    // The desk's clock runs 5 minutes behind: head office's verification has already run out.
    expect(verifiedNow(status, serverNow - 5 * 60_000 + 2 * 60_000, -5 * 60_000)).toBe(false);
    expect(verifiedNow({ state: 'partial', expiresAt: null }, serverNow, 0)).toBe(false);
  });
});
