/**
 * Renewals (续保): the proactive service around a policy's expiry. Four
 * reminder steps, each a fixed number of calendar days from the expiry date:
 * a first reminder a month ahead, a detailed plan two weeks ahead, the
 * personal renewal link a week ahead, and a call to those who let the
 * policy lapse three days after. Contacting too early is forgotten, too late
 * misses the decision, so the dates are the rule.
 */
import { z } from 'zod';
import { fillPlaceholders, type FilledScript, type PlaceholderValues } from './placeholders.js';
import { addCalendarDays, CalendarDay, daysBetween, type IsoDate } from './working-calendar.js';

export const RENEWAL_STEPS = ['first_reminder', 'detailed_plan', 'renewal_link', 'lapsed_follow_up'] as const;
export type RenewalStep = (typeof RENEWAL_STEPS)[number];

/** Calendar days from the expiry date (negative: before it). In step order. */
export const RENEWAL_STEP_OFFSETS: Readonly<Record<RenewalStep, number>> = {
  first_reminder: -30,
  detailed_plan: -15,
  renewal_link: -7,
  lapsed_follow_up: 3,
};

/** Tasks are made this many days ahead of their date, so the agent can see the coming week and month. */
export const RENEWAL_HORIZON_DAYS = 30;

/**
 * After its date, the last step stays worth making for this many days (head
 * office may have been down on the day); earlier steps stay worth making
 * until the next step's date, which supersedes them.
 */
export const LAPSED_FOLLOW_UP_GRACE_DAYS = 7;

/** The date a step falls on for a policy expiring on `expiresOn`. */
export function stepDueOn(expiresOn: IsoDate, step: RenewalStep): IsoDate {
  return addCalendarDays(expiresOn, RENEWAL_STEP_OFFSETS[step]);
}

export interface ScheduledStep {
  step: RenewalStep;
  dueOn: IsoDate;
}

/** All four steps of a policy with their dates, in order. */
export function renewalSchedule(expiresOn: IsoDate): ScheduledStep[] {
  return RENEWAL_STEPS.map((step) => ({ step, dueOn: stepDueOn(expiresOn, step) }));
}

/**
 * The steps a task should exist for on `today`: those due within the
 * horizon, minus those already superseded by the next step's date, minus a
 * lapsed follow-up whose grace has run out. Idempotent generation makes a
 * task for each one not made yet.
 */
export function stepsToOpen(expiresOn: IsoDate, today: IsoDate): ScheduledStep[] {
  const schedule = renewalSchedule(expiresOn);
  return schedule.filter((s, i) => {
    if (daysBetween(today, s.dueOn) > RENEWAL_HORIZON_DAYS) return false;
    const next = schedule[i + 1];
    if (next) return next.dueOn > today;
    return daysBetween(s.dueOn, today) <= LAPSED_FOLLOW_UP_GRACE_DAYS;
  });
}

/**
 * What the agent says at each step. Placeholders are filled from the policy
 * (到期日, 车牌); the rest falls back to neutral words. The greeting is a
 * plain 您好: the full name plus 好 ("陈建华好") is not how one addresses a
 * customer, and the record carries no title (先生/女士) to use with the
 * surname. The renewal link is made in the company's renewal app, not here:
 * the agent sends it from there and puts it in the slot left for it.
 */
export const RENEWAL_SCRIPTS_ZH: Readonly<Record<RenewalStep, string>> = {
  first_reminder:
    '您好，我是车险客服专员{{agentName}}。您车牌为{{plate|您爱车}}的车险将于{{expiryDate}}到期，提前和您说一声。现在续保可以享受老客户的续保优惠，想跟您约个方便的时间，详细介绍一下今年的方案，您看哪天合适？',
  detailed_plan:
    '您好，您的车险将在{{expiryDate}}到期。结合您这一年的用车和出险情况，我们为{{plate|您的车}}准备了今年的续保方案，我把各项保障和保费变化逐项给您说明。这一年里用车或家里情况有没有什么变化？有任何疑问都可以直接问我。',
  renewal_link:
    '您好，{{plate|您爱车}}的车险{{expiryDate}}就到期了，距今约一周。我现在把您的专属续保链接发给您：{{link}}，打开后核对信息、确认方案并支付即可完成续保，大约几分钟。操作中遇到问题随时找我，我一步步陪您完成。',
  lapsed_follow_up:
    '您好，我们注意到{{plate|您爱车}}的车险已于{{expiryDate}}到期，目前还没有续上。车辆脱保期间上路风险较大，想了解一下您这边是什么考虑，是价格、服务还是其他原因？我们可以根据您的情况调整方案。',
};

export function renewalScript(step: RenewalStep, values: PlaceholderValues): FilledScript {
  return fillPlaceholders(RENEWAL_SCRIPTS_ZH[step], values);
}

/**
 * The script as the agent reads and copies it: the renewal link they pasted
 * in its place, or until then a marked blank (`blank`, in the desk's
 * language), never the raw `{{link}}`. Returns the text and whether the
 * link is still missing (copying then waits for it).
 */
export function withRenewalLink(script: string, link: string, blank: string): { text: string; missingLink: boolean } {
  const value = link.trim();
  const filled = fillPlaceholders(script, { link: value });
  if (!filled.unfilled.includes('link')) return { text: filled.text, missingLink: false };
  return { text: fillPlaceholders(script, { link: blank }).text, missingLink: true };
}

/** A renewal link the agent pastes: one http(s) address, no spaces. */
export function isRenewalLink(link: string): boolean {
  return /^https?:\/\/[^\s{}]+$/.test(link.trim());
}

/** Why a customer does not renew: a list for reporting, with free text beside it. */
export const DECLINE_REASONS = ['price', 'switched_insurer', 'vehicle_sold', 'service_unhappy', 'rarely_drives', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

const Note = z.string().trim().max(500).optional();

/** What came of a step. `other` needs the reason written out. */
export const RenewalOutcome = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('renewed'), note: Note }),
  z.strictObject({
    outcome: z.literal('declined'),
    reason: z.enum(DECLINE_REASONS),
    reasonText: z.string().trim().max(200).optional(),
    note: Note,
  }),
  z.strictObject({ outcome: z.literal('callback'), callbackOn: CalendarDay, note: Note }),
]);
export type RenewalOutcome = z.infer<typeof RenewalOutcome>;
export type RenewalOutcomeKind = RenewalOutcome['outcome'];

export interface OutcomeProblem {
  path: string;
  message: string;
}

/** What the schema cannot know: the date of today. Null when the outcome may be recorded. */
export function outcomeProblem(outcome: RenewalOutcome, today: IsoDate): OutcomeProblem | null {
  if (outcome.outcome === 'callback') {
    // The schema has refused a date that does not exist.
    const later = daysBetween(today, outcome.callbackOn);
    if (later <= 0) return { path: 'callbackOn', message: 'the call back must be on a future date' };
    if (later > 90) return { path: 'callbackOn', message: 'the call back must be within 90 days' };
  }
  if (outcome.outcome === 'declined' && outcome.reason === 'other' && !outcome.reasonText) {
    return { path: 'reasonText', message: 'write the reason when it is "other"' };
  }
  return null;
}

export type RenewalTaskStatus = 'open' | 'done' | 'closed';

export interface OutcomeEffect {
  /** The worked task's new status. */
  status: RenewalTaskStatus;
  /** The task's new date (a call back moves it). */
  dueOn: IsoDate | null;
  /** True when the policy's other open steps are closed and no further step is made. */
  closesPolicy: boolean;
}

/**
 * What an outcome does. Renewed or declined settles the policy: this task is
 * done and the remaining steps are closed. A call back keeps the task open on
 * its new date.
 */
export function outcomeEffect(outcome: RenewalOutcome): OutcomeEffect {
  if (outcome.outcome === 'callback') return { status: 'open', dueOn: outcome.callbackOn, closesPolicy: false };
  return { status: 'done', dueOn: null, closesPolicy: true };
}

export type DueFilter = 'overdue' | 'today' | 'week';
/** The groups of the agent's list: the week's three, and call backs booked for later (已约回访). */
export type TaskGroup = DueFilter | 'callback';

/**
 * Which group a task's date puts it in on `today`: overdue, today, or later
 * this week (the next six days); null when later still. The `week` list
 * asks for all three: the week's work, late tasks first.
 */
export function dueGroup(dueOn: IsoDate, today: IsoDate): DueFilter | null {
  const d = daysBetween(today, dueOn);
  if (d < 0) return 'overdue';
  if (d === 0) return 'today';
  if (d <= 6) return 'week';
  return null;
}

/**
 * Which group a task goes in on `today`: a call back booked for a later
 * date stays visible under `callback` whatever its date (the agent may
 * work it early); on its date it is today's (or overdue) work like any
 * other task. Null: later than this week and no call back.
 */
export function taskGroup(task: { dueOn: IsoDate; outcome: RenewalOutcomeKind | null }, today: IsoDate): TaskGroup | null {
  if (task.outcome === 'callback' && task.dueOn > today) return 'callback';
  return dueGroup(task.dueOn, today);
}
