import { DEFAULT_OFFICE_HOURS, LATEST_INSTANT, type OfficeHours } from '../../../../shared/domain/working-calendar';
import { currentLocale } from '../../i18n';

/**
 * A date-time field (`<input type="datetime-local">`, `2026-03-10T15:00`)
 * read and written in the OFFICE's time, not the desk's: head office counts
 * deadlines and 事不过夜 in the office's offset (its working hours), so a
 * desk whose system clock is set to another zone (a laptop brought back
 * from abroad) must still mean 15:00 at the office when the agent types 15:00.
 */
export function officeInputValue(at: number, utcOffsetMinutes: number): string {
  return new Date(at + utcOffsetMinutes * 60_000).toISOString().slice(0, 16);
}

const FIELD = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The instant a field's value names in the office's time; null when it names none (empty, malformed, past LATEST_INSTANT). */
export function instantOfOfficeInput(value: string, utcOffsetMinutes: number): number | null {
  const m = FIELD.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const local = Date.UTC(y, mo - 1, d, h, mi);
  // 2026-02-30 rolls over in Date.UTC: not a date the agent meant.
  if (new Date(local).getUTCDate() !== d) return null;
  const at = local - utcOffsetMinutes * 60_000;
  return at >= 0 && at <= LATEST_INSTANT ? at : null;
}

/** The office whose clock a ticket's times are read in: the hours stored with its deadline, China time when none are. */
export function officeOffsetOf(ticket: { slaHours: OfficeHours | null }): number {
  return (ticket.slaHours ?? DEFAULT_OFFICE_HOURS).utcOffsetMinutes;
}

// Shifted by the office's offset and formatted as UTC: the same clock the input fields use, whatever the desk's zone.
const OFFICE_FORMATS = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' }),
};

/** An instant as the office's clock shows it (2026/11/27 02:00 at a China office, on a desk set to any zone). */
export function formatOfficeDateTime(at: number, utcOffsetMinutes: number): string {
  return OFFICE_FORMATS[currentLocale()].format(new Date(at + utcOffsetMinutes * 60_000));
}
