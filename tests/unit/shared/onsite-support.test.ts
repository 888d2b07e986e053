import { describe, expect, it } from 'vitest';
import { fieldOfficeProblem, fieldResultNote, fieldTicketTitle, reportsFieldResult } from '../../../shared/domain/onsite-support.js';
import { TICKET_STATUSES } from '../../../shared/domain/ticket-status.js';

const OWN = '0190b4c8-0000-7000-8000-00000000000a';
const FIELD = '0190b4c8-0000-7000-8000-00000000000b';

describe('on-site support requests', () => {
  it('go only from an on-site support ticket to another office that exists', () => {
    expect(fieldOfficeProblem('onsite_support', FIELD, OWN, true)).toBeNull();
    expect(fieldOfficeProblem('onsite_support', OWN, OWN, true)).toBe('own_office');
    expect(fieldOfficeProblem('onsite_support', FIELD, OWN, false)).toBe('unknown_office');
    for (const type of ['consultation', 'claim_followup', 'complaint'] as const) expect(fieldOfficeProblem(type, FIELD, OWN, true)).toBe('not_onsite_support');
  });

  it('report the field result once per finish, not on every later step', () => {
    const reported = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.filter((to) => reportsFieldResult(from, to)).map((to) => `${from}>${to}`));
    expect(reported.sort()).toEqual(['in_progress>closed', 'in_progress>resolved', 'new>closed', 'new>resolved', 'pending_customer>closed', 'pending_customer>resolved'].sort());
  });

  it('name the field office and keep its words, without an empty tail', () => {
    expect(fieldResultNote('苏州网点', '  已上门收齐行驶证与维修发票 ')).toBe('网点已处理：苏州网点：已上门收齐行驶证与维修发票');
    expect(fieldResultNote('苏州网点', '   ')).toBe('网点已处理：苏州网点');
    expect(fieldResultNote('苏州网点', null)).toBe('网点已处理：苏州网点');
  });

  it('titles the field ticket within the title limit', () => {
    expect(fieldTicketTitle('老人不会上传照片')).toBe('现场支援：老人不会上传照片');
    expect(fieldTicketTitle('车'.repeat(120))).toHaveLength(120);
  });
});
