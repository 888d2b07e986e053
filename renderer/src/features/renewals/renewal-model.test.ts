import { describe, expect, it } from 'vitest';
import type { RenewalTask } from '../../../../shared/head-office/renewals';
import { groupByDue } from './renewal-model';

const task = (id: string, dueOn: string, outcome: RenewalTask['outcome'] = null): RenewalTask => ({
  id,
  policyId: id,
  policies: [{ taskId: id, policyId: id, kind: 'commercial', policyNoMasked: 'PDAA****1234' }],
  customerId: id,
  customerName: id,
  phoneMasked: '138****5678',
  plateMasked: '苏A·***45',
  vehicleModel: null,
  policyNoMasked: 'PDAA****1234',
  expiresOn: '2026-07-01',
  step: 'first_reminder',
  dueOn,
  assigneeId: null,
  assigneeName: null,
  mine: false,
  status: 'open',
  outcome,
  declineReason: null,
  declineDetail: null,
  callbackOn: outcome === 'callback' ? dueOn : null,
  note: null,
  script: '',
});

describe('renewal task groups', () => {
  it('puts each task under overdue, today or this week, keeping the order', () => {
    const groups = groupByDue([task('a', '2026-06-03'), task('b', '2026-05-30'), task('c', '2026-06-01'), task('d', '2026-06-02'), task('e', '2026-06-09')], '2026-06-01');
    expect(groups.overdue.map((t) => t.id)).toEqual(['b']);
    expect(groups.today.map((t) => t.id)).toEqual(['c']);
    expect(groups.week.map((t) => t.id)).toEqual(['a', 'd']);
  });

  it('keeps call backs booked for later in their own group, whatever the date, until their day comes', () => {
    const groups = groupByDue([task('soon', '2026-06-03', 'callback'), task('far', '2026-07-20', 'callback'), task('due', '2026-06-01', 'callback')], '2026-06-01');
    expect(groups.callback.map((t) => t.id)).toEqual(['soon', 'far']);
    expect(groups.today.map((t) => t.id)).toEqual(['due']);
    expect(groups.week).toEqual([]);
  });
});
