import { LATEST_INSTANT } from '../../../../shared/domain/working-calendar';

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
