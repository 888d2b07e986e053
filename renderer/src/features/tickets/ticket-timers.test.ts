import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../../shared/contract/schemas';
import { slaDueAt } from '../../../../shared/domain/ticket-sla';
import { DEFAULT_OFFICE_HOURS } from '../../../../shared/domain/working-calendar';
import { newManagementNotices, newWarnings, runningTimers, watches, workingTimeParts } from './ticket-timers';

const cst = (s: string) => Date.parse(`${s}:00+08:00`);
const ME = '0190b4c8-0000-7000-8000-000000000001';
const OTHER = '0190b4c8-0000-7000-8000-000000000002';

function ticket(id: string, o: Partial<Ticket> & { startedAt: number; level?: 1 | 2 | 3 }): Ticket {
  const level = o.level ?? 1;
  return {
    id,
    ticketNo: `GD260310-${id.slice(-6).toUpperCase()}`,
    type: 'complaint',
    category: '理赔争议',
    priority: 'normal',
    status: 'in_progress',
    title: id,
    description: '',
    customerId: null,
    customerName: null,
    conversationId: null,
    ownerName: null,
    createdAt: o.startedAt,
    updatedAt: o.startedAt,
    allowedNext: [],
    complaintLevel: level,
    escalatedTo: null,
    ownerId: ME,
    slaStartedAt: o.startedAt,
    slaDueAt: slaDueAt('complaint', level, o.startedAt, DEFAULT_OFFICE_HOURS),
    slaHours: DEFAULT_OFFICE_HOURS,
    nextStep: null,
    nextStepSetAt: null,
    satisfaction: null,
    satisfactionNote: null,
    linkedTicket: null,
    ...o,
  };
}

describe('running timers on the desk', () => {
  const now = cst('2026-03-11T11:00');
  const list = [
    ticket('a-calm', { startedAt: cst('2026-03-11T10:00'), level: 2 }),
    ticket('b-late', { startedAt: cst('2026-03-10T09:30') }),
    ticket('c-l3', { startedAt: cst('2026-03-11T09:30'), level: 3 }),
    ticket('d-theirs', { startedAt: cst('2026-03-10T09:00'), ownerId: OTHER }),
    ticket('e-solved', { startedAt: cst('2026-03-10T09:00'), status: 'resolved' }),
    ticket('f-free', { startedAt: cst('2026-03-11T10:30'), ownerId: null }),
  ];

  it('shows an agent their own and unowned timers, a lead all, most urgent first, without solved tickets', () => {
    expect(runningTimers(list, now, { id: ME, role: 'agent' }).map((r) => r.ticket.id)).toEqual(['c-l3', 'b-late', 'f-free', 'a-calm']);
    expect(runningTimers(list, now, { id: ME, role: 'lead' }).map((r) => r.ticket.id)).toEqual(['c-l3', 'd-theirs', 'b-late', 'f-free', 'a-calm']);
    expect(watches(null, list[0]!)).toBe(false);
  });

  it('flags 事不过夜 for a ticket left without a next step past closing time', () => {
    const [late] = runningTimers([ticket('x', { startedAt: cst('2026-03-10T09:30') })], now, { id: ME, role: 'agent' });
    expect(late!.overnightAt).toBe(cst('2026-03-10T18:00'));
  });

  it('warns the owner and the lead once as a timer becomes due soon, and again when overdue', () => {
    const seen = new Map();
    const t = ticket('w', { startedAt: cst('2026-03-10T10:00') });
    const at = (s: string) => runningTimers([t], cst(s), { id: ME, role: 'agent' });
    expect(newWarnings(seen, at('2026-03-10T17:00'), { id: ME, role: 'agent' })).toHaveLength(0);
    expect(newWarnings(seen, at('2026-03-11T09:00'), { id: ME, role: 'agent' }).map((r) => r.timer.state)).toEqual(['due_soon']);
    expect(newWarnings(seen, at('2026-03-11T09:30'), { id: ME, role: 'agent' })).toHaveLength(0);
    expect(newWarnings(seen, at('2026-03-11T10:30'), { id: ME, role: 'agent' }).map((r) => r.timer.state)).toEqual(['overdue']);
    // Not the owner and not a lead: no notice (the timers list still shows unowned work).
    expect(newWarnings(new Map(), at('2026-03-11T10:30'), { id: OTHER, role: 'agent' })).toHaveLength(0);
    expect(newWarnings(new Map(), at('2026-03-11T10:30'), { id: OTHER, role: 'lead' })).toHaveLength(1);
  });

  it('tells every lead at once of a running level-3 complaint, once, whoever owns it; agents are not told', () => {
    const told = new Set<string>();
    const lead = { id: OTHER, role: 'lead' as const };
    const timers = runningTimers(list, now, lead);
    expect(newManagementNotices(told, timers, lead).map((r) => r.ticket.id)).toEqual(['c-l3']);
    expect(newManagementNotices(told, timers, lead)).toHaveLength(0);
    expect(newManagementNotices(new Set(), runningTimers(list, now, { id: ME, role: 'agent' }), { id: ME, role: 'agent' })).toHaveLength(0);
    // Solved, it is no notice.
    const solved = runningTimers([ticket('s-l3', { startedAt: cst('2026-03-11T09:30'), level: 3, status: 'resolved' })], now, lead);
    expect(newManagementNotices(new Set(), solved, lead)).toHaveLength(0);
  });

  it('reads working minutes as hours and minutes', () => {
    expect(workingTimeParts(200)).toEqual({ h: 3, m: 20 });
    expect(workingTimeParts(-45.5)).toEqual({ h: 0, m: 45 });
  });
});
