import { describe, expect, it } from 'vitest';
import {
  assignAllowed,
  closeNeedsSatisfaction,
  awaitsComplaintTeam,
  compareUrgency,
  complaintHandler,
  isComplaintLevel,
  needsManagement,
  escalationTarget,
  levelChangeAllowed,
  nextStepProblem,
  offeredTransitions,
  overnightFlaggedAt,
  priorityAtLevel,
  restartsSla,
  slaBudgetMinutes,
  slaDueAt,
  slaRunning,
  slaTimer,
  statusChangeAllowed,
  warningMinutes,
} from '../../../shared/domain/ticket-sla';
import { DEFAULT_OFFICE_HOURS, type OfficeHours } from '../../../shared/domain/working-calendar';

/** An instant in China Standard Time, as an office clock reads it. */
const cst = (s: string) => Date.parse(`${s}:00+08:00`);
const iso = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const H = DEFAULT_OFFICE_HOURS; // 09:00–12:00, 13:30–18:00: 450 working minutes a day

describe('complaint levels', () => {
  it('names who handles each level and where it is escalated to', () => {
    expect([1, 2, 3].map((l) => complaintHandler(l as 1 | 2 | 3))).toEqual(['receiving_agent', 'complaint_team', 'management']);
    expect(escalationTarget(1)).toBeNull();
    expect(escalationTarget(2)).toBe('complaint_team');
    expect(escalationTarget(3)).toBe('management');
  });

  it('gives every ticket type and level its working time', () => {
    expect(slaBudgetMinutes('complaint', 1, H)).toBe(450);
    expect(slaBudgetMinutes('complaint', 2, H)).toBe(900);
    expect(slaBudgetMinutes('complaint', 3, H)).toBe(120);
    // An ungraded complaint stays with the agent who took it.
    expect(slaBudgetMinutes('complaint', null, H)).toBe(450);
    expect(slaBudgetMinutes('consultation', null, H)).toBe(450);
    expect(slaBudgetMinutes('claim_followup', null, H)).toBe(900);
    expect(slaBudgetMinutes('onsite_support', null, H)).toBe(225);
  });

  it('reads "24 hours" as one working day of the office that holds the ticket', () => {
    const longDay: OfficeHours = { utcOffsetMinutes: 480, periods: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '20:00' }] };
    expect(slaBudgetMinutes('complaint', 1, longDay)).toBe(660);
    expect(iso(slaDueAt('complaint', 1, cst('2026-03-10T10:00'), longDay))).toBe('2026-03-11 10:00');
  });

  it('lets anyone raise a level and only a lead lower it', () => {
    expect(levelChangeAllowed('agent', 2, 3)).toBe(true);
    expect(levelChangeAllowed('agent', 3, 2)).toBe(false);
    expect(levelChangeAllowed('lead', 3, 1)).toBe(true);
  });

  it('makes level 3 urgent and level 2 at least high, never lowering a priority', () => {
    expect(priorityAtLevel(3, 'normal')).toBe('urgent');
    expect(priorityAtLevel(3, 'low')).toBe('urgent');
    expect(priorityAtLevel(2, 'normal')).toBe('high');
    expect(priorityAtLevel(2, 'urgent')).toBe('urgent');
    expect(priorityAtLevel(1, 'low')).toBe('low');
    expect(priorityAtLevel(null, 'normal')).toBe('normal');
  });

  it('leaves resolving and closing a level-3 complaint to a lead', () => {
    const l3 = { type: 'complaint', complaintLevel: 3 } as const;
    expect(statusChangeAllowed('agent', l3, 'resolved')).toBe(false);
    expect(statusChangeAllowed('agent', l3, 'closed')).toBe(false);
    expect(statusChangeAllowed('agent', l3, 'pending_customer')).toBe(true);
    expect(statusChangeAllowed('lead', l3, 'resolved')).toBe(true);
    expect(statusChangeAllowed('admin', l3, 'closed')).toBe(true);
    expect(statusChangeAllowed('agent', { type: 'complaint', complaintLevel: 2 }, 'resolved')).toBe(true);
    expect(statusChangeAllowed('agent', { type: 'consultation', complaintLevel: null }, 'closed')).toBe(true);
  });

  it('offers each role only the steps it may take', () => {
    expect(offeredTransitions('agent', { type: 'complaint', complaintLevel: 3, status: 'new' })).toEqual(['in_progress']);
    expect(offeredTransitions('agent', { type: 'complaint', complaintLevel: 3, status: 'in_progress' })).toEqual(['pending_customer']);
    expect(offeredTransitions('agent', { type: 'complaint', complaintLevel: 3, status: 'resolved' })).toEqual(['in_progress']);
    expect(offeredTransitions('lead', { type: 'complaint', complaintLevel: 3, status: 'new' })).toEqual(['in_progress', 'closed']);
    expect(offeredTransitions('agent', { type: 'complaint', complaintLevel: 1, status: 'new' })).toEqual(['in_progress', 'closed']);
  });

  it('lets an agent take an unowned ticket for themselves and nothing more', () => {
    expect(assignAllowed('agent', 'me', null, 'me')).toBe(true);
    expect(assignAllowed('agent', 'me', null, 'other')).toBe(false);
    expect(assignAllowed('agent', 'me', 'other', 'me')).toBe(false);
    expect(assignAllowed('agent', 'me', 'me', 'other')).toBe(false);
    expect(assignAllowed('lead', 'boss', 'other', 'me')).toBe(true);
  });
});

describe('deadlines in working time', () => {
  it('a level-1 complaint taken on a Tuesday morning is due at the same time the next working day', () => {
    expect(iso(slaDueAt('complaint', 1, cst('2026-03-10T10:00'), H))).toBe('2026-03-11 10:00');
  });

  it('stops the clock over lunch', () => {
    // 11:30 + 120 working minutes: 30 before lunch, 90 after 13:30.
    expect(iso(slaDueAt('complaint', 3, cst('2026-03-10T11:30'), H))).toBe('2026-03-10 15:00');
    // Taken during lunch: the clock starts at 13:30.
    expect(iso(slaDueAt('complaint', 3, cst('2026-03-10T12:10'), H))).toBe('2026-03-10 15:30');
  });

  it('stops the clock at night and over the weekend', () => {
    // Friday 17:00 + 120 working minutes: 60 on Friday, 60 on Monday.
    expect(iso(slaDueAt('complaint', 3, cst('2026-03-13T17:00'), H))).toBe('2026-03-16 10:00');
    // Level 2 on a Friday afternoon: two working days later is Tuesday.
    expect(iso(slaDueAt('complaint', 2, cst('2026-03-13T15:00'), H))).toBe('2026-03-17 15:00');
    // Taken at night: counted from the next opening.
    expect(iso(slaDueAt('complaint', 1, cst('2026-03-10T22:00'), H))).toBe('2026-03-11 18:00');
  });

  it('skips the National Day holiday and runs on the Saturday worked in lieu (调休)', () => {
    // Tuesday 30 September 2025, 15:00; 1–8 October is the holiday, Saturday 11 October is worked.
    expect(iso(slaDueAt('complaint', 1, cst('2025-09-30T15:00'), H))).toBe('2025-10-09 15:00');
    expect(iso(slaDueAt('complaint', 2, cst('2025-09-30T15:00'), H))).toBe('2025-10-10 15:00');
    // Friday 10 October + 2 working days: Saturday 11th counts, Sunday 12th does not.
    expect(iso(slaDueAt('claim_followup', null, cst('2025-10-10T10:00'), H))).toBe('2025-10-13 10:00');
    // A Sunday worked in lieu (28 September 2025) runs the clock too.
    expect(iso(slaDueAt('complaint', 3, cst('2025-09-28T09:00'), H))).toBe('2025-09-28 11:00');
  });

  it('skips the Spring Festival', () => {
    // Saturday 14 February 2026 is worked; 15–23 February is the holiday.
    expect(iso(slaDueAt('complaint', 2, cst('2026-02-13T10:00'), H))).toBe('2026-02-24 10:00');
  });

  it('crosses a month end and the New Year holiday', () => {
    // Wednesday 31 December 2025: 1–3 January 2026 is the holiday, Sunday 4 January is worked.
    expect(iso(slaDueAt('complaint', 1, cst('2025-12-31T16:00'), H))).toBe('2026-01-04 16:00');
    // Friday 30 January 2026 → Monday 2 February.
    expect(iso(slaDueAt('consultation', null, cst('2026-01-30T11:00'), H))).toBe('2026-02-02 11:00');
    // On-site support at 17:00: half a day is 225 working minutes, 60 today, 165 tomorrow.
    expect(iso(slaDueAt('onsite_support', null, cst('2026-04-30T17:00'), H))).toBe('2026-05-06 11:45');
  });
});

describe('running timers', () => {
  const clock = { startedAt: cst('2026-03-10T10:00'), dueAt: slaDueAt('complaint', 1, cst('2026-03-10T10:00'), H) };

  it('warns in the last 20% of the working time, at most two working hours ahead', () => {
    expect(warningMinutes(450)).toBe(90);
    expect(warningMinutes(900)).toBe(120);
    expect(warningMinutes(120)).toBe(24);
  });

  it('counts working minutes left, stopping at lunch and at night', () => {
    const t = slaTimer(clock, cst('2026-03-10T17:00'), H);
    expect(t).toMatchObject({ state: 'on_track', minutesLeft: 120 });
    // Over the night nothing is used up.
    expect(slaTimer(clock, cst('2026-03-10T23:00'), H).minutesLeft).toBe(60);
    expect(slaTimer(clock, cst('2026-03-11T08:30'), H).state).toBe('due_soon');
    expect(slaTimer(clock, cst('2026-03-11T09:00'), H)).toMatchObject({ state: 'due_soon', minutesLeft: 60 });
  });

  it('is overdue from its deadline on, counting working minutes late', () => {
    expect(slaTimer(clock, cst('2026-03-11T10:00'), H)).toMatchObject({ state: 'overdue', minutesLeft: -0 });
    expect(slaTimer(clock, cst('2026-03-11T14:00'), H)).toMatchObject({ state: 'overdue', minutesLeft: -150 });
  });

  it('puts a running level-3 complaint above everything, then overdue first, then the least working time left', () => {
    const now = cst('2026-03-11T11:00');
    const mk = (id: string, startedAt: number, level: 1 | 2 | 3) => {
      const c = { startedAt, dueAt: slaDueAt('complaint', level, startedAt, H) };
      return { id, complaintLevel: level, timer: slaTimer(c, now, H) };
    };
    const list = [
      mk('calm', cst('2026-03-11T10:00'), 2),
      mk('late', cst('2026-03-10T09:30'), 1),
      mk('soon', cst('2026-03-11T09:30'), 3),
      mk('later', cst('2026-03-10T09:00'), 1),
    ].sort(compareUrgency);
    expect(list.map((x) => x.id)).toEqual(['soon', 'later', 'late', 'calm']);
    // Among the rest, overdue before due soon before on track.
    expect(list.filter((x) => x.complaintLevel !== 3).map((x) => x.timer.state)).toEqual(['overdue', 'overdue', 'on_track']);
  });

  it('hands a level-2 complaint nobody owns to the complaint team and tells management of a running level-3 one', () => {
    const t = { complaintLevel: 2 as const, ownerId: null, status: 'new' as const };
    expect(awaitsComplaintTeam(t)).toBe(true);
    expect(awaitsComplaintTeam({ ...t, ownerId: 'someone' })).toBe(false);
    expect(awaitsComplaintTeam({ ...t, complaintLevel: 1 })).toBe(false);
    expect(awaitsComplaintTeam({ ...t, status: 'resolved' })).toBe(false);
    expect(needsManagement({ complaintLevel: 3, status: 'in_progress' })).toBe(true);
    expect(needsManagement({ complaintLevel: 3, status: 'closed' })).toBe(false);
    expect(needsManagement({ complaintLevel: 2, status: 'in_progress' })).toBe(false);
    expect([0, 1, 2, 3, 4, '2', null].filter(isComplaintLevel)).toEqual([1, 2, 3]);
  });

  it('runs until resolved and starts again when reopened', () => {
    expect(slaRunning('pending_customer')).toBe(true);
    expect(slaRunning('resolved')).toBe(false);
    expect(restartsSla('resolved', 'in_progress')).toBe(true);
    expect(restartsSla('pending_customer', 'in_progress')).toBe(false);
  });
});

describe('事不过夜: nothing stays overnight without a next step', () => {
  const created = cst('2026-03-10T10:00');

  it('flags an open ticket without a next step at the close of the working day', () => {
    const t = { status: 'in_progress' as const, slaStartedAt: created, nextStep: null, nextStepSetAt: null };
    expect(overnightFlaggedAt(t, cst('2026-03-10T17:59'), H)).toBeNull();
    expect(iso(overnightFlaggedAt(t, cst('2026-03-10T18:00'), H)!)).toBe('2026-03-10 18:00');
    // Resolved tickets are never flagged.
    expect(overnightFlaggedAt({ ...t, status: 'resolved' }, cst('2026-03-11T09:00'), H)).toBeNull();
  });

  it('a ticket opened after closing time is checked at the next close (across a holiday)', () => {
    const t = { status: 'new' as const, slaStartedAt: cst('2025-09-30T19:00'), nextStep: null, nextStepSetAt: null };
    expect(overnightFlaggedAt(t, cst('2025-10-05T12:00'), H)).toBeNull();
    expect(iso(overnightFlaggedAt(t, cst('2025-10-09T18:30'), H)!)).toBe('2025-10-09 18:00');
  });

  it('a next step ahead covers the ticket; once its time has passed the ticket is flagged at that day’s close', () => {
    const step = { action: '回电客户说明定损进度', dueAt: cst('2026-03-11T10:00') };
    const t = { status: 'in_progress' as const, slaStartedAt: created, nextStep: step, nextStepSetAt: cst('2026-03-10T16:00') };
    expect(overnightFlaggedAt(t, cst('2026-03-10T18:30'), H)).toBeNull();
    expect(overnightFlaggedAt(t, cst('2026-03-11T17:00'), H)).toBeNull();
    expect(iso(overnightFlaggedAt(t, cst('2026-03-11T18:00'), H)!)).toBe('2026-03-11 18:00');
  });

  it('refuses a next step in the past', () => {
    expect(nextStepProblem({ action: 'x', dueAt: 1000 }, 2000)).toBe('in_the_past');
    expect(nextStepProblem({ action: 'x', dueAt: 3000 }, 2000)).toBeNull();
  });
});

describe('满意度回访 before closing a complaint', () => {
  it('is needed to close a solved complaint, not a mistaken one nor other tickets', () => {
    expect(closeNeedsSatisfaction('complaint', 'resolved', 'closed')).toBe(true);
    expect(closeNeedsSatisfaction('complaint', 'new', 'closed')).toBe(false);
    expect(closeNeedsSatisfaction('consultation', 'resolved', 'closed')).toBe(false);
    expect(closeNeedsSatisfaction('complaint', 'in_progress', 'resolved')).toBe(false);
  });
});
