import { describe, expect, it } from 'vitest';
import { suggestTicketType } from './ticket-type';

describe('suggestTicketType', () => {
  it('reads a claim from the subject or the customer’s messages', () => {
    expect(suggestTicketType('追尾报案', [])).toBe('claim_followup');
    expect(suggestTicketType('理赔进度', ['上周报的案，赔款什么时候到账？'])).toBe('claim_followup');
    expect(suggestTicketType('', ['定损做完了吗'])).toBe('claim_followup');
    expect(suggestTicketType('咨询', ['我在路口出了事故'])).toBe('claim_followup');
    expect(suggestTicketType('暴雨', ['昨晚车被水淹了'])).toBe('claim_followup');
    expect(suggestTicketType('', ['车在地库泡水了'])).toBe('claim_followup');
    expect(suggestTicketType('车辆盗抢', [])).toBe('claim_followup');
  });

  it('reads a complaint, which wins over a claim it is about', () => {
    expect(suggestTicketType('投诉理赔慢', ['理赔拖了半个月还没结果'])).toBe('complaint');
    expect(suggestTicketType('续保', ['对你们的服务很不满'])).toBe('complaint');
    expect(suggestTicketType('', ['再这样我就给差评了'])).toBe('complaint');
  });

  it('is an enquiry otherwise', () => {
    expect(suggestTicketType('续保咨询', ['我的保险下个月到期，今年续保保费为什么涨了？'])).toBe('consultation');
    expect(suggestTicketType('三者险保额', ['三者险买100万够不够？'])).toBe('consultation');
    expect(suggestTicketType('', [])).toBe('consultation');
  });

  it('reads only the latest messages', () => {
    const older = ['上次报案的事已经处理好了'];
    const latest = ['请问续保怎么办', '保费多少', '可以分期吗', '发票怎么开', '谢谢'];
    expect(suggestTicketType('', [...older, ...latest])).toBe('consultation');
    expect(suggestTicketType('', [...latest, '对了，我想报案'])).toBe('claim_followup');
  });
});
