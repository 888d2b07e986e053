/**
 * Working days and working time (工作日 / 工作时间) for claim handling times
 * and ticket SLAs. Chinese public holidays move every year and weekends are
 * traded for them (调休: a Saturday or Sunday worked instead), so weekdays
 * are not working days: the State Council's calendar, as published in the
 * `chinese-days` package, decides. Dates are office-local calendar dates
 * (YYYY-MM-DD); instants are epoch milliseconds; an office's clock is a
 * fixed offset from UTC (China keeps no daylight saving time).
 */
import { z } from 'zod';
import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export type IsoDate = string;

const HOLIDAYS: ReadonlyMap<string, string> = new Map(Object.entries((calendar as { holidays: Record<string, string> }).holidays));
const ADJUSTED_WORKDAYS: ReadonlyMap<string, string> = new Map(Object.entries((calendar as { workdays: Record<string, string> }).workdays));
const PUBLISHED_YEARS: ReadonlySet<number> = new Set([...HOLIDAYS.keys()].map((d) => Number(d.slice(0, 4))));

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function dayNumber(date: IsoDate): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return Math.floor(ms / DAY_MS);
}
const fromDayNumber = (n: number): IsoDate => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A calendar day that exists, as YYYY-MM-DD: the one schema every request with a date uses. */
export const CalendarDay = z
  .string()
  .regex(DATE, 'a date as YYYY-MM-DD')
  .refine((s) => {
    try {
      dayNumber(s);
      return true;
    } catch {
      return false;
    }
  }, 'no such date');

/**
 * The largest instant a request may carry (the year 2100): JavaScript's own
 * limit is far beyond, but a time past it is a typo or an attack, and
 * formatting one fails.
 */
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);

/** Calendar days later (negative: earlier); month ends and 29 February handled by the calendar itself. */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * True when the official holiday calendar for that year has been published
 * (the State Council announces the next year's around November). Beyond it
 * only weekends are known, and callers should say the date may still move.
 */
export function calendarCovers(date: IsoDate): boolean {
  return PUBLISHED_YEARS.has(Number(date.slice(0, 4)));
}

/** A public holiday's name in Chinese (春节, 国庆节…), or null. */
export function holidayName(date: IsoDate): string | null {
  const entry = HOLIDAYS.get(date);
  return entry ? (entry.split(',')[1] ?? entry) : null;
}

/** A working day: a weekday that is not a public holiday, or a weekend day worked in lieu (调休上班). */
export function isWorkingDay(date: IsoDate): boolean {
  if (ADJUSTED_WORKDAYS.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const weekday = (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** The `n`-th working day after `date` (`date` itself does not count); n = 0 gives `date` or the next working day. */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
  let day = dayNumber(date);
  if (n === 0) {
    while (!isWorkingDay(fromDayNumber(day))) day += 1;
    return fromDayNumber(day);
  }
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDay(fromDayNumber(day))) left -= 1;
  }
  return fromDayNumber(day);
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = dayNumber(from) + 1; d <= dayNumber(to); d += 1) if (isWorkingDay(fromDayNumber(d))) count += 1;
  return count;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const Clock = z.string().regex(CLOCK, 'a time of day as HH:MM');

/**
 * An office's working hours: the periods of a working day, in office-local
 * time, in order and not overlapping (the gap between two is a break, such
 * as lunch). Every working day has the same periods.
 */
export const OfficeHours = z
  .strictObject({
    /** Minutes east of UTC: 480 for China Standard Time. */
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    periods: z.array(z.strictObject({ start: Clock, end: Clock })).min(1).max(6),
  })
  .superRefine((h, ctx) => {
    let last = -1;
    h.periods.forEach((p, i) => {
      const start = minuteOfDay(p.start);
      const end = minuteOfDay(p.end);
      if (end <= start) ctx.addIssue({ code: 'custom', path: ['periods', i, 'end'], message: 'a period must end after it starts' });
      if (start < last) ctx.addIssue({ code: 'custom', path: ['periods', i, 'start'], message: 'periods must be in order and not overlap' });
      last = end;
    });
  });
export type OfficeHours = z.infer<typeof OfficeHours>;

/** 09:00–12:00 and 13:30–18:00 China Standard Time: a call centre's day with its lunch break. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  utcOffsetMinutes: 480,
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
};

function minuteOfDay(clock: string): number {
  const m = CLOCK.exec(clock);
  if (!m) throw new RangeError(`not a time of day (HH:MM): ${clock}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The office-local calendar date of an instant. */
export function localDate(at: number, hours: Pick<OfficeHours, 'utcOffsetMinutes'>): IsoDate {
  return new Date(at + hours.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant a period boundary falls on, on a given office-local date. */
function instantOf(date: IsoDate, clock: string, hours: OfficeHours): number {
  return dayNumber(date) * DAY_MS + (minuteOfDay(clock) - hours.utcOffsetMinutes) * 60_000;
}

/** The working periods of one date as instants (none on a non-working day). */
function periodsOn(date: IsoDate, hours: OfficeHours): { start: number; end: number }[] {
  if (!isWorkingDay(date)) return [];
  return hours.periods.map((p) => ({ start: instantOf(date, p.start, hours), end: instantOf(date, p.end, hours) }));
}

/** Minutes in one working day of this office (450 for the default hours). */
export function workingMinutesPerDay(hours: OfficeHours): number {
  return hours.periods.reduce((sum, p) => sum + minuteOfDay(p.end) - minuteOfDay(p.start), 0);
}

/** Longest search for working time, in days: more than any run of holidays. */
const SEARCH_DAYS = 400;

/**
 * The instant `minutes` of working time after `at`: the clock runs only in
 * the office's periods on working days, so a deadline set on a Friday
 * evening or before the Spring Festival lands after the break.
 */
export function addWorkingTime(at: number, minutes: number, hours: OfficeHours): number {
  if (!(minutes >= 0)) throw new RangeError(`working minutes must be ≥ 0, got ${minutes}`);
  let left = minutes * 60_000;
  let date = localDate(at, hours);
  for (let i = 0; i < SEARCH_DAYS; i += 1, date = addCalendarDays(date, 1)) {
    for (const p of periodsOn(date, hours)) {
      const from = Math.max(p.start, at);
      if (from >= p.end) continue;
      if (from + left <= p.end) return from + left;
      left -= p.end - from;
    }
  }
  throw new RangeError('no working time found within a year');
}

/** Working minutes from `from` to `to` (negative when `to` is earlier: time overdue). */
export function workingMinutesBetween(from: number, to: number, hours: OfficeHours): number {
  if (to < from) return -workingMinutesBetween(to, from, hours);
  let total = 0;
  for (let date = localDate(from, hours); dayNumber(date) <= dayNumber(localDate(to, hours)); date = addCalendarDays(date, 1)) {
    for (const p of periodsOn(date, hours)) total += Math.max(0, Math.min(p.end, to) - Math.max(p.start, from));
  }
  return total / 60_000;
}

/** True while the office is working (inside a period of a working day). */
export function isWorkingTime(at: number, hours: OfficeHours): boolean {
  return periodsOn(localDate(at, hours), hours).some((p) => at >= p.start && at < p.end);
}

/**
 * The end of the working day `at` belongs to: today's close if the office
 * works today and has not closed yet, else the close of the next working
 * day. The moment 事不过夜 ("nothing stays overnight") checks every ticket.
 */
export function closeOfWorkingDay(at: number, hours: OfficeHours): number {
  let date = localDate(at, hours);
  for (let i = 0; i < SEARCH_DAYS; i += 1, date = addCalendarDays(date, 1)) {
    const periods = periodsOn(date, hours);
    const close = periods.at(-1)?.end;
    if (close !== undefined && close > at) return close;
  }
  throw new RangeError('no working day found within a year');
}
