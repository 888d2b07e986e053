/**
 * Service levels (SLA) of tickets (工单) and complaints (投诉), from the
 * complaint procedure (投诉受理流程) of the service course:
 *
 * - 一级 (simple misunderstandings, an agent's attitude): handled by the
 *   agent who received it, within 24 hours.
 * - 二级 (claim disputes, failures of our systems): handed to the complaint
 *   team (转投诉处理团队), within 48 hours, priority at least high. The
 *   complaint team is the office's staff with the complaints skill
 *   (accounts.skills, routing.ts SKILL_GROUPS; every account has it by
 *   default). A rise to level 2 always takes the complaint from its owner:
 *   it waits unowned, listed as 投诉组待处理, until one of the team takes it
 *   (only they may; the agent who received it may take it back if they are
 *   in the team). Handing over is the point of the level, so it cannot
 *   hinge on whether the owner happens to hold the skill.
 * - 三级 (major disputes, complaints through the media, group incidents):
 *   escalated at once to management, emergency plan, first priority: the
 *   priority becomes urgent, every lead of the office is told at once on
 *   their desk, and a running level-3 complaint heads every timers list
 *   (even above overdue tickets). Management decides its outcome: only a
 *   lead (or admin) resolves or closes it; the owner keeps working it
 *   (management takes charge without losing the agent who knows the case).
 * - 事不过夜: before the working day ends every open ticket has an owner and
 *   a next step with a time; the system warns of tickets about to time out.
 * - After a complaint is solved the customer is called back (满意度回访).
 *
 * Time limits count WORKING time of the office that holds the ticket
 * (working-calendar.ts): the clock stops over lunch, at night, at weekends
 * and on public holidays, and runs on a Saturday worked in lieu (调休).
 * "24 hours" is read as one working day of that office (its working minutes
 * per day: 450 for 09:00–12:00 + 13:30–18:00), "48 hours" as two: a
 * complaint taken at 10:00 on a Friday is due at 10:00 on the next working
 * day, not on Saturday morning when nobody is there to handle it.
 *
 * Pure functions; head office stores the deadline when a ticket changes,
 * desks use the same rules for their own changes until head office answers.
 */
import { allowedTransitions, TICKET_PRIORITIES, type TicketPriority, type TicketStatus, type TicketType } from './ticket-status.js';
import { addWorkingTime, closeOfWorkingDay, workingMinutesBetween, workingMinutesPerDay, type OfficeHours } from './working-calendar.js';

export const COMPLAINT_LEVELS = [1, 2, 3] as const;
export type ComplaintLevel = (typeof COMPLAINT_LEVELS)[number];

/** Who handles a complaint of each level. */
export const COMPLAINT_HANDLERS = ['receiving_agent', 'complaint_team', 'management'] as const;
export type ComplaintHandler = (typeof COMPLAINT_HANDLERS)[number];

export function complaintHandler(level: ComplaintLevel): ComplaintHandler {
  return COMPLAINT_HANDLERS[level - 1]!;
}

/** Where a complaint of this level has been escalated to (level 1 stays with the agent who took it). */
export function escalationTarget(level: ComplaintLevel): Exclude<ComplaintHandler, 'receiving_agent'> | null {
  const handler = complaintHandler(level);
  return handler === 'receiving_agent' ? null : handler;
}

export const isComplaintLevel = (v: unknown): v is ComplaintLevel => v === 1 || v === 2 || v === 3;

/** A level-2 complaint nobody of the complaint team has taken yet (投诉组待处理). */
export function awaitsComplaintTeam(t: { complaintLevel: ComplaintLevel | null; ownerId: string | null; status: TicketStatus }): boolean {
  return t.complaintLevel === 2 && t.ownerId === null && slaRunning(t.status);
}

/** A running level-3 complaint: management (the office's leads) is told at once. */
export function needsManagement(t: { complaintLevel: ComplaintLevel | null; status: TicketStatus }): boolean {
  return t.complaintLevel === 3 && slaRunning(t.status);
}

/**
 * Management's first action on a level-3 complaint: two working hours. The
 * course says "at once"; the timer is how "at once" is checked.
 */
export const LEVEL_3_FIRST_ACTION_MINUTES = 120;
/**
 * On-site support (现场与网络联动支持): the field office is contacted and
 * the visit arranged within half a working day (the visit itself is the
 * field office's to schedule with the customer).
 */
export const ONSITE_ARRANGEMENT_DAYS = 0.5;

/**
 * The working minutes a ticket has, by type (and level for complaints):
 * - complaint level 1: one working day ("24 hours");
 * - complaint level 2: two working days ("48 hours");
 * - complaint level 3: two working hours for management's first action;
 * - consultation needing follow-up: one working day (a plain question is
 *   answered in the conversation and needs no ticket);
 * - claim follow-up: two working days to get back to the customer with the
 *   claim's progress;
 * - on-site support: half a working day to arrange the visit.
 * A complaint without a level is taken as level 1 (the agent who took it
 * keeps it) until someone grades it.
 */
export function slaBudgetMinutes(type: TicketType, level: ComplaintLevel | null, hours: OfficeHours): number {
  const day = workingMinutesPerDay(hours);
  switch (type) {
    case 'complaint':
      return level === 3 ? LEVEL_3_FIRST_ACTION_MINUTES : level === 2 ? 2 * day : day;
    case 'consultation':
      return day;
    case 'claim_followup':
      return 2 * day;
    case 'onsite_support':
      return Math.round(ONSITE_ARRANGEMENT_DAYS * day);
  }
}

/** The deadline of a clock started at `startedAt` (the ticket's creation, a change of level, or its reopening). */
export function slaDueAt(type: TicketType, level: ComplaintLevel | null, startedAt: number, hours: OfficeHours): number {
  return addWorkingTime(startedAt, slaBudgetMinutes(type, level, hours), hours);
}

/**
 * When a ticket's clock starts: the moment the agent acted, as their desk
 * recorded it (a desk that was offline does not lend the ticket the hours
 * it spent offline), but never later than `now` (the clock of whoever
 * counts: head office, or the desk for its own change) nor before `floor`
 * (the ticket's creation), so a wrong clock cannot move a deadline into
 * the future or before the ticket existed. Desk and head office count
 * the same way, so the desk's deadline is the one head office stores.
 */
export function clockStart(at: number, floor = 0, now = Date.now()): number {
  return Math.max(floor, Math.min(at, now));
}

/** The clock runs while the ticket is being worked on; a resolved or closed ticket has met (or missed) its deadline. */
export function slaRunning(status: TicketStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/**
 * When the clock starts again, by status change: reopening (resolved →
 * in progress) gives the ticket a fresh deadline, counted from then.
 */
export function restartsSla(from: TicketStatus, to: TicketStatus): boolean {
  return from === 'resolved' && to === 'in_progress';
}

/**
 * The warning threshold: the last 20% of the ticket's working time, but
 * never more than two working hours (a two-day complaint warns two working
 * hours ahead, a two-hour level-3 one in its last 24 minutes).
 */
export const WARNING_SHARE = 0.2;
export const WARNING_CAP_MINUTES = 120;

export function warningMinutes(budgetMinutes: number): number {
  return Math.min(budgetMinutes * WARNING_SHARE, WARNING_CAP_MINUTES);
}

export type SlaState = 'on_track' | 'due_soon' | 'overdue';

export interface SlaTimer {
  state: SlaState;
  /** Working minutes left (negative: working minutes overdue). */
  minutesLeft: number;
  dueAt: number;
}

/**
 * A running timer at `now`: working minutes left, and whether it is on
 * track, due soon (inside the warning threshold) or overdue. The budget is
 * measured on the same calendar the deadline was set with.
 */
export function slaTimer(clock: { startedAt: number; dueAt: number }, now: number, hours: OfficeHours): SlaTimer {
  const budget = workingMinutesBetween(clock.startedAt, clock.dueAt, hours);
  const minutesLeft = now >= clock.dueAt ? -workingMinutesBetween(clock.dueAt, now, hours) : workingMinutesBetween(now, clock.dueAt, hours);
  // Past the deadline is overdue even when no working time has passed since (it fell due at 18:00, it is 19:00).
  const state: SlaState = now >= clock.dueAt ? 'overdue' : minutesLeft <= warningMinutes(budget) ? 'due_soon' : 'on_track';
  return { state, minutesLeft, dueAt: clock.dueAt };
}

const STATE_RANK: Record<SlaState, number> = { overdue: 0, due_soon: 1, on_track: 2 };

/**
 * Most urgent first: level-3 complaints (first priority, escalated at once
 * to management) above everything, then overdue timers, then the least
 * working time left (the most overdue first among the overdue); on a tie
 * the earlier deadline.
 */
export function compareUrgency(
  a: { timer: SlaTimer; complaintLevel?: ComplaintLevel | null; id: string },
  b: { timer: SlaTimer; complaintLevel?: ComplaintLevel | null; id: string },
): number {
  return (
    (b.complaintLevel === 3 ? 1 : 0) - (a.complaintLevel === 3 ? 1 : 0) ||
    STATE_RANK[a.timer.state] - STATE_RANK[b.timer.state] ||
    a.timer.minutesLeft - b.timer.minutesLeft ||
    a.timer.dueAt - b.timer.dueAt ||
    a.id.localeCompare(b.id)
  );
}

export interface NextStep {
  /** What will be done next (call the customer back, ask the claims adjuster…). */
  action: string;
  /** By when. */
  dueAt: number;
}

/**
 * 事不过夜: the moment an open ticket was flagged for having no next step at
 * the close of a working day, or null. A ticket is planned from the moment
 * its clock last started or its next step was last set; at the first close
 * of the working day after that, it needs a next step whose time is still
 * ahead. A next step whose time has passed covers the ticket until the
 * close of that day; after that the ticket is flagged again. Computed on
 * read from what the ticket holds, so every desk and head office agree
 * without a job running at each office's closing time.
 */
export function overnightFlaggedAt(
  ticket: { status: TicketStatus; slaStartedAt: number; nextStep: NextStep | null; nextStepSetAt: number | null },
  now: number,
  hours: OfficeHours,
): number | null {
  if (!slaRunning(ticket.status)) return null;
  const plannedAt = Math.max(ticket.slaStartedAt, ticket.nextStepSetAt ?? 0);
  const check = ticket.nextStep ? closeOfWorkingDay(Math.max(plannedAt, ticket.nextStep.dueAt), hours) : closeOfWorkingDay(plannedAt, hours);
  return now >= check ? check : null;
}

/** A next step must lie ahead of the moment it is set (a plan for the past plans nothing). */
export function nextStepProblem(step: NextStep, at: number): 'in_the_past' | null {
  return step.dueAt <= at ? 'in_the_past' : null;
}

export const SATISFACTION_RATINGS = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

/**
 * Closing a solved complaint needs the customer's satisfaction from the
 * call back (回访). A complaint closed straight from new (a duplicate, a
 * mistake) was never solved: it needs its reason (ticket-status.ts), not a
 * call back. Other ticket types close without one.
 */
export function closeNeedsSatisfaction(type: TicketType, from: TicketStatus, to: TicketStatus): boolean {
  return type === 'complaint' && from === 'resolved' && to === 'closed';
}

/**
 * The priority a complaint has at `level`: level 3 is urgent (first
 * priority), level 2 at least high; level 1 keeps what it had. Raising the
 * level never lowers the priority.
 */
export function priorityAtLevel(level: ComplaintLevel | null, current: TicketPriority): TicketPriority {
  const floor = priorityFloor(level);
  return TICKET_PRIORITIES.indexOf(current) >= TICKET_PRIORITIES.indexOf(floor) ? current : floor;
}

/** The lowest priority a complaint of `level` may have (null: any ticket without a level, no floor). */
export function priorityFloor(level: ComplaintLevel | null): TicketPriority {
  return level === 3 ? 'urgent' : level === 2 ? 'high' : 'low';
}

/**
 * The priorities a ticket may be edited to: none below its level's floor,
 * so a level-3 complaint cannot be edited back from urgent (its level is
 * lowered first, by a lead, with a reason).
 */
export function allowedPriorities(level: ComplaintLevel | null): TicketPriority[] {
  return TICKET_PRIORITIES.slice(TICKET_PRIORITIES.indexOf(priorityFloor(level)));
}

/** The skill (accounts.skills, routing.ts SKILL_GROUPS) of the complaint team (投诉组). */
export const COMPLAINT_TEAM_SKILL = 'complaints';

/**
 * Who owns a complaint once it goes from level `from` to `to`. A rise to
 * level 2 always takes it from its owner (it waits for the complaint
 * team); a lead lowering level 3 to 2 keeps the owner only if they are in
 * the team. Levels 1 and 3 keep their owner. `ownerInTeam` is null where
 * the owner's skills are not known (a desk that never received them):
 * the owner stays until head office, which knows, decides.
 */
export function ownerAtLevel(ownerId: string | null, from: ComplaintLevel | null, to: ComplaintLevel | null, ownerInTeam: boolean | null): string | null {
  if (ownerId === null || to !== 2) return ownerId;
  if (from === null || from < 2) return null;
  return ownerInTeam === false ? null : ownerId;
}

/**
 * Whether someone may own a complaint of `level`: at level 2 only the
 * complaint team. `inTeam` null (skills not known here) is not refused;
 * head office checks again with what it knows.
 */
export function ownerAllowedAtLevel(level: ComplaintLevel | null, inTeam: boolean | null): boolean {
  return level !== 2 || inTeam !== false;
}

/**
 * Who may take a ticket to `to`: a level-3 complaint is management's, so
 * only a lead (or admin) resolves or closes it; every other step is open to
 * anyone in the office (the state machine, ticket-status.ts, says which
 * steps exist).
 */
export function statusChangeAllowed(role: 'agent' | 'lead' | 'admin', ticket: { type: TicketType; complaintLevel: ComplaintLevel | null }, to: TicketStatus): boolean {
  if (role !== 'agent') return true;
  return !(ticket.type === 'complaint' && ticket.complaintLevel === 3 && (to === 'resolved' || to === 'closed'));
}

/**
 * The steps offered to `role` on a ticket: the state machine's steps this
 * role may take. Desk and head office accept exactly these (a close from
 * new also needs its reason, asked for when offered).
 */
export function offeredTransitions(
  role: 'agent' | 'lead' | 'admin',
  ticket: { type: TicketType; complaintLevel: ComplaintLevel | null; status: TicketStatus },
): TicketStatus[] {
  return allowedTransitions(ticket.status).filter((to) => statusChangeAllowed(role, ticket, to));
}

/** Who may change a complaint's level: anyone in the office raises it; lowering it is a lead's decision. */
export function levelChangeAllowed(role: 'agent' | 'lead' | 'admin', from: ComplaintLevel, to: ComplaintLevel): boolean {
  return to >= from || role !== 'agent';
}

/**
 * Who may give a ticket an owner: a lead (or admin) assigns and reassigns;
 * an agent may take a ticket nobody owns, for themselves, and nothing else.
 */
export function assignAllowed(role: 'agent' | 'lead' | 'admin', actorId: string, currentOwnerId: string | null, newOwnerId: string): boolean {
  if (role !== 'agent') return true;
  return currentOwnerId === null && newOwnerId === actorId;
}
