import { currentLocale } from './index';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = currentLocale();
  const id = `${locale}|${key}`;
  let f = cache.get(id);
  if (!f) cache.set(id, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** Time of day for today, date and time otherwise (message and list stamps). */
export function formatStamp(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  if (sameDay(d, new Date(now))) return dateFormat('time', { hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  if (d.getFullYear() === new Date(now).getFullYear()) {
    return dateFormat('md-time', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  }
  return formatDateTime(ms);
}

export function formatDateTime(ms: number): string {
  return dateFormat('full', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(ms));
}

/** `YYYY-MM-DD` calendar dates from the cache, shown in the agent's language. */
export function formatCalendarDate(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return isoDay;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(currentLocale(), { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(d);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

/** mm:ss of a running timer; minutes keep counting past an hour. */
/** Waiting time: mm:ss, or h:mm:ss past an hour (never a clock-like 75:12). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
