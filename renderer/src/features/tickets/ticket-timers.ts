import type { Ticket } from '../../../../shared/contract/schemas';
import { compareUrgency, needsManagement, overnightFlaggedAt, slaRunning, slaTimer, type SlaState, type SlaTimer } from '../../../../shared/domain/ticket-sla';
import { DEFAULT_OFFICE_HOURS } from '../../../../shared/domain/working-calendar';

export interface RunningTimer {
  ticket: Ticket;
  timer: SlaTimer;
  /** 事不过夜: when the ticket was flagged for having no next step at closing time, or null. */
  overnightAt: number | null;
}

export interface Viewer {
  id: string;
  role: 'agent' | 'lead';
}

/** Whose timers a desk watches: a lead the whole office's, an agent their own and those nobody owns yet. */
export function watches(viewer: Viewer | null, t: Pick<Ticket, 'ownerId'>): boolean {
  if (!viewer) return false;
  return viewer.role === 'lead' || t.ownerId === viewer.id || t.ownerId === null;
}

/** The clock of one ticket at `now`, counted in the office hours its deadline was set with. */
export function timerOf(t: Ticket, now: number): RunningTimer | null {
  if (!slaRunning(t.status) || t.slaDueAt === null || t.slaStartedAt === null) return null;
  const hours = t.slaHours ?? DEFAULT_OFFICE_HOURS;
  return {
    ticket: t,
    timer: slaTimer({ startedAt: t.slaStartedAt, dueAt: t.slaDueAt }, now, hours),
    overnightAt: overnightFlaggedAt({ status: t.status, slaStartedAt: t.slaStartedAt, nextStep: t.nextStep, nextStepSetAt: t.nextStepSetAt }, now, hours),
  };
}

/** Running timers the viewer watches, most urgent first. */
export function runningTimers(tickets: Ticket[], now: number, viewer: Viewer | null): RunningTimer[] {
  return tickets
    .filter((t) => watches(viewer, t))
    .flatMap((t) => {
      const r = timerOf(t, now);
      return r ? [r] : [];
    })
    .sort((a, b) => compareUrgency({ ...a, id: a.ticket.id, complaintLevel: a.ticket.complaintLevel }, { ...b, id: b.ticket.id, complaintLevel: b.ticket.complaintLevel }));
}

/** Working minutes as the agent reads them: "45 分钟", "3 小时 20 分". */
export function workingTimeParts(minutes: number): { h: number; m: number } {
  const whole = Math.floor(Math.abs(minutes));
  return { h: Math.floor(whole / 60), m: whole % 60 };
}

/**
 * The warnings to give now: a ticket whose timer has just moved into due
 * soon or overdue (once per ticket and state), for the owner and the lead.
 */
export function newWarnings(seen: Map<string, SlaState>, timers: RunningTimer[], viewer: Viewer | null): RunningTimer[] {
  const out: RunningTimer[] = [];
  for (const r of timers) {
    const before = seen.get(r.ticket.id);
    seen.set(r.ticket.id, r.timer.state);
    if (r.timer.state === 'on_track' || before === r.timer.state) continue;
    if (viewer && (viewer.role === 'lead' || r.ticket.ownerId === viewer.id)) out.push(r);
  }
  return out;
}

/**
 * 三级投诉 is escalated at once to management: each lead is told of every
 * running level-3 complaint of the office the first time their desk sees
 * it (at sign-in, or the moment it rises to level 3), whoever owns it.
 */
export function newManagementNotices(told: Set<string>, timers: RunningTimer[], viewer: Viewer | null): RunningTimer[] {
  if (viewer?.role !== 'lead') return [];
  const out: RunningTimer[] = [];
  for (const r of timers) {
    if (!needsManagement(r.ticket) || told.has(r.ticket.id)) continue;
    told.add(r.ticket.id);
    out.push(r);
  }
  return out;
}
