import { describe, expect, it } from 'vitest';
import { accidentDates, cashInsistence, clockTimes, earlyClaim, EARLY_CLAIM_DAYS, fraudSignals, frequentPolicyChanges, places, samePlace, storyChanged } from '../../../shared/domain/fraud-signals.js';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const msg = (id: string, body: string, at = cst('2026-11-26T10:00:00')) => ({ id, body, at });

describe('claim soon after the policy starts', () => {
  it('flags an accident within 30 days of the start, with the dates', () => {
    const s = earlyClaim({ policyStartsOn: '2026-11-01', accidentAt: cst('2026-11-20T09:00:00') });
    expect(s?.code).toBe('early_claim');
    expect(s?.labelZh).toBe('投保后短期内出险');
    expect(s?.evidence[0]!.text).toContain('相隔 19 天');
  });
  it('flags day 30 and leaves day 31 alone (the boundary, in China time)', () => {
    expect(EARLY_CLAIM_DAYS).toBe(30);
    // 2026-12-01 is day 30 after 2026-11-01; 00:30 China time is still the previous day in UTC.
    expect(earlyClaim({ policyStartsOn: '2026-11-01', accidentAt: cst('2026-12-01T00:30:00') })?.evidence[0]!.text).toContain('相隔 30 天');
    expect(earlyClaim({ policyStartsOn: '2026-11-01', accidentAt: cst('2026-12-02T00:30:00') })).toBeNull();
  });
  it('leaves an accident months later alone', () => {
    expect(earlyClaim({ policyStartsOn: '2026-03-01', accidentAt: cst('2026-11-20T09:00:00') })).toBeNull();
  });
});

describe('story details that change', () => {
  it('reads clock times, dates and places in Chinese', () => {
    expect(clockTimes('下午3点半在路口').map((t) => t.minutes)).toEqual([15 * 60 + 30]);
    expect(clockTimes('大概14:20').map((t) => t.minutes)).toEqual([14 * 60 + 20]);
    expect(clockTimes('晚上八点左右').map((t) => t.minutes)).toEqual([20 * 60]);
    expect(clockTimes('麻烦快一点，早一点处理')).toEqual([]);
    expect(accidentDates('11月24日出的事', cst('2026-11-26T10:00:00'))[0]!.date).toBe('11-24');
    expect(accidentDates('昨天撞的', cst('2026-11-26T10:00:00'))[0]!.date).toBe('11-25');
    expect(places('我在中山路和别人追尾了')[0]!.place).toBe('中山路');
  });

  it('reads 中午1点 as 13:00 and 晚上12点 / 凌晨12点 as midnight', () => {
    expect(clockTimes('中午1点左右').map((t) => t.minutes)).toEqual([13 * 60]);
    expect(clockTimes('中午12点半').map((t) => t.minutes)).toEqual([12 * 60 + 30]);
    expect(clockTimes('中午11点').map((t) => t.minutes)).toEqual([11 * 60]);
    expect(clockTimes('晚上12点').map((t) => t.minutes)).toEqual([0]);
    expect(clockTimes('凌晨12点10分').map((t) => t.minutes)).toEqual([10]);
    expect(clockTimes('下午12点').map((t) => t.minutes)).toEqual([12 * 60]);
  });

  it('reads 差不多三点 as three o\'clock but 多一点 / 差一点 as "a little"', () => {
    expect(clockTimes('差不多三点吧').map((t) => t.minutes)).toEqual([3 * 60]);
    expect(clockTimes('大概多两点的时候').map((t) => t.minutes)).toEqual([2 * 60]);
    expect(clockTimes('再多一点，差一点就撞上了')).toEqual([]);
  });

  it('takes 中山路 and 中山路口 (or a longer name of it) for one place', () => {
    expect(samePlace('中山路', '中山路口')).toBe(true);
    expect(samePlace('南京市中山路', '中山路')).toBe(true);
    expect(samePlace('中山路', '建设路')).toBe(false);
    expect(storyChanged({ customerMessages: [msg('a', '我在中山路被追尾了'), msg('b', '对，就在中山路口')] })).toBeNull();
    expect(storyChanged({ customerMessages: [msg('a', '我在中山路被追尾了'), msg('b', '其实是在建设路')] })?.evidence).toHaveLength(2);
  });

  it('flags a time and a place that differ between messages and quotes both', () => {
    const s = storyChanged({
      customerMessages: [msg('m1', '昨天下午3点在中山路被追尾了。'), msg('m2', '好的'), msg('m3', '其实是晚上8点，在建设大道出的事。')],
    });
    expect(s?.code).toBe('story_changed');
    const texts = s!.evidence.map((e) => e.text);
    expect(texts.some((t) => t.startsWith('时间') && t.includes('下午3点'))).toBe(true);
    expect(texts.some((t) => t.startsWith('时间') && t.includes('晚上8点'))).toBe(true);
    expect(texts.some((t) => t.startsWith('地点') && t.includes('建设大道'))).toBe(true);
    expect(s!.evidence.map((e) => e.messageId)).toContain('m3');
  });

  it('flags a date that changes from 24th to 22nd', () => {
    const s = storyChanged({ customerMessages: [msg('a', '11月24日撞的'), msg('b', '记错了，是11月22号')] });
    expect(s?.evidence.map((e) => e.text)).toEqual(['日期：“11月24日撞的”', '日期：“记错了，是11月22号”']);
  });

  it('leaves a story told the same way twice alone', () => {
    expect(storyChanged({ customerMessages: [msg('a', '下午3点在中山路被追尾'), msg('b', '对，就是15:00在中山路')] })).toBeNull();
  });
});

describe('insistence on cash', () => {
  it('flags cash asked for in two messages, quoting them', () => {
    const s = cashInsistence({ customerMessages: [msg('a', '能不能直接给现金？'), msg('b', '车我不修了，把钱给我就行。')] });
    expect(s?.code).toBe('cash_insistence');
    expect(s?.evidence).toEqual([
      { text: '能不能直接给现金？', messageId: 'a' },
      { text: '车我不修了，把钱给我就行。', messageId: 'b' },
    ]);
  });
  it('does not count a refusal of cash (我不要现金, 不用给我现金) as insisting on it', () => {
    expect(cashInsistence({ customerMessages: [msg('a', '我不要现金，修好车就行'), msg('b', '再说一遍，我不要现金')] })).toBeNull();
    expect(cashInsistence({ customerMessages: [msg('a', '不用给我现金'), msg('b', '不需要现金，也不想要现金')] })).toBeNull();
    // A refusal in one message, a request in two others: still insistence, quoting the requests only.
    const s = cashInsistence({ customerMessages: [msg('a', '我不要现金'), msg('b', '还是给现金吧'), msg('c', '直接给钱')] });
    expect(s?.evidence.map((e) => e.messageId)).toEqual(['b', 'c']);
  });
  it('leaves a single question about payment alone', () => {
    expect(cashInsistence({ customerMessages: [msg('a', '赔款是打到银行卡还是现金？'), msg('b', '好的谢谢')] })).toBeNull();
  });
});

describe('frequent policy changes', () => {
  const reportedAt = cst('2026-11-26T10:00:00');
  it('flags three changes within twelve months, listing them', () => {
    const s = frequentPolicyChanges({
      reportedAt,
      policyChanges: [
        { changedAt: cst('2026-02-01T10:00:00'), what: '变更被保险人' },
        { changedAt: cst('2026-06-01T10:00:00'), what: '加保车损险' },
        { changedAt: cst('2026-11-01T10:00:00'), what: '提高三者险限额' },
      ],
    });
    expect(s?.code).toBe('frequent_policy_changes');
    expect(s?.evidence.map((e) => e.text)).toEqual(['2026-02-01 批改：变更被保险人', '2026-06-01 批改：加保车损险', '2026-11-01 批改：提高三者险限额']);
  });
  it('counts from midnight at the office a year before the report\'s day', () => {
    const changes = (first: number) => [
      { changedAt: first, what: 'a' },
      { changedAt: cst('2026-06-01T10:00:00'), what: 'b' },
      { changedAt: cst('2026-11-01T10:00:00'), what: 'c' },
    ];
    // 2026-11-26 less 365 days is 2025-11-26; its midnight in China is 2025-11-25T16:00Z.
    expect(frequentPolicyChanges({ reportedAt, policyChanges: changes(cst('2025-11-26T00:00:00')) })).not.toBeNull();
    expect(frequentPolicyChanges({ reportedAt, policyChanges: changes(cst('2025-11-25T23:59:00')) })).toBeNull();
  });
  it('leaves three changes spread over more than a year alone', () => {
    expect(
      frequentPolicyChanges({
        reportedAt,
        policyChanges: [
          { changedAt: cst('2025-10-01T10:00:00'), what: 'a' },
          { changedAt: cst('2026-06-01T10:00:00'), what: 'b' },
          { changedAt: cst('2026-11-01T10:00:00'), what: 'c' },
        ],
      }),
    ).toBeNull();
  });
});

describe('all signals', () => {
  it('lists only the signs present', () => {
    const none = fraudSignals({ policyStartsOn: '2025-01-01', accidentAt: cst('2026-11-20T09:00:00'), reportedAt: cst('2026-11-20T10:00:00'), customerMessages: [msg('a', '下午3点在中山路被追尾')], policyChanges: [] });
    expect(none).toEqual([]);
    const some = fraudSignals({ policyStartsOn: '2026-11-10', accidentAt: cst('2026-11-20T09:00:00'), reportedAt: cst('2026-11-20T10:00:00'), customerMessages: [], policyChanges: [] });
    expect(some.map((s) => s.code)).toEqual(['early_claim']);
  });
});
