import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  addWorkingTime,
  calendarCovers,
  closeOfWorkingDay,
  DEFAULT_OFFICE_HOURS,
  holidayName,
  isWorkingDay,
  isWorkingTime,
  OfficeHours,
  workingDaysBetween,
  workingMinutesBetween,
  workingMinutesPerDay,
} from '../../../shared/domain/working-calendar.js';

/** An instant given in China Standard Time. */
const cst = (local: string) => Date.parse(`${local}+08:00`);

describe('working days (official calendar)', () => {
  it('knows national holidays and the weekends worked in lieu (调休)', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // 国庆节, a Thursday
    expect(holidayName('2026-10-01')).toBe('国庆节');
    expect(isWorkingDay('2026-10-10')).toBe(true); // a Saturday worked instead
    expect(isWorkingDay('2026-02-14')).toBe(true); // a Saturday before the Spring Festival
    expect(isWorkingDay('2026-02-17')).toBe(false); // 春节
    expect(isWorkingDay('2026-11-25')).toBe(true); // an ordinary Wednesday
    expect(isWorkingDay('2026-11-28')).toBe(false); // an ordinary Saturday
  });

  it('counts working days across the National Day week, not weekdays', () => {
    // Wednesday 30 September 2026 + 3 working days: 1–7 October are off, Friday 9 and Saturday 10 (in lieu) are worked.
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    // Counting weekdays would have said Monday 5 October.
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3);
    expect(addWorkingDays('2026-10-01', 0)).toBe('2026-10-08');
    expect(addWorkingDays('2026-11-25', 0)).toBe('2026-11-25');
  });

  it('counts across the Spring Festival', () => {
    // Friday 13 February 2026 + 1: Saturday 14 is worked in lieu.
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    // Then the holiday runs 15–23 February; 28 February (Saturday) is worked in lieu.
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(addWorkingDays('2026-02-14', 5)).toBe('2026-02-28');
  });

  it('falls back to weekends for years not yet published, and says so', () => {
    expect(calendarCovers('2026-12-31')).toBe(true);
    expect(calendarCovers('2030-01-01')).toBe(false);
    expect(isWorkingDay('2030-01-05')).toBe(false); // a Saturday
    expect(isWorkingDay('2030-01-07')).toBe(true);
  });

  it('moves calendar dates across month ends and leap days', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addCalendarDays('2026-03-01', -30)).toBe('2026-01-30');
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('working time (office hours with a lunch break)', () => {
  const hours = DEFAULT_OFFICE_HOURS;

  it('has 7.5 working hours a day by default', () => {
    expect(workingMinutesPerDay(hours)).toBe(450);
  });

  it('stops the clock over lunch', () => {
    expect(addWorkingTime(cst('2026-11-25T11:30:00'), 60, hours)).toBe(cst('2026-11-25T14:00:00'));
    expect(isWorkingTime(cst('2026-11-25T12:30:00'), hours)).toBe(false);
    expect(isWorkingTime(cst('2026-11-25T13:30:00'), hours)).toBe(true);
  });

  it('stops it overnight and over the weekend', () => {
    // Friday 17:00 + 2 working hours → Monday 10:00.
    expect(addWorkingTime(cst('2026-11-27T17:00:00'), 120, hours)).toBe(cst('2026-11-30T10:00:00'));
    // Saturday: the clock starts on Monday morning.
    expect(addWorkingTime(cst('2026-11-28T10:00:00'), 30, hours)).toBe(cst('2026-11-30T09:30:00'));
  });

  it('stops it over a public holiday and runs on a day worked in lieu', () => {
    // 30 September 17:00 + one working day (450 min): an hour that evening, 1–7 October off, the rest on Thursday 8 October.
    expect(addWorkingTime(cst('2026-09-30T17:00:00'), 450, hours)).toBe(cst('2026-10-08T17:00:00'));
  });

  it('measures working time between two instants, negative when overdue', () => {
    expect(workingMinutesBetween(cst('2026-11-27T17:00:00'), cst('2026-11-30T10:00:00'), hours)).toBe(120);
    expect(workingMinutesBetween(cst('2026-11-30T10:00:00'), cst('2026-11-27T17:00:00'), hours)).toBe(-120);
  });

  it('finds the close of the working day', () => {
    expect(closeOfWorkingDay(cst('2026-11-25T10:00:00'), hours)).toBe(cst('2026-11-25T18:00:00'));
    expect(closeOfWorkingDay(cst('2026-11-25T19:00:00'), hours)).toBe(cst('2026-11-26T18:00:00'));
    expect(closeOfWorkingDay(cst('2026-11-28T10:00:00'), hours)).toBe(cst('2026-11-30T18:00:00'));
  });

  it('refuses office hours that overlap or run backwards, naming the period', () => {
    const bad = OfficeHours.safeParse({ utcOffsetMinutes: 480, periods: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '10:00' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['periods.1.end', 'periods.1.start']));
  });
});
