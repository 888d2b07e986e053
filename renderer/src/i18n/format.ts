import { currentLocale } from './index';

const cache = new Map<string, Intl.DateTimeFormat>();

type DateKind = 'time' | 'md-time' | 'full' | 'day';

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hour12: false };

/**
 * Dates must read one way only. Chinese keeps year/month/day in that order
 * (2025/11/12); English names the month (12 Nov 2025), never US 11/12/2025.
 */
const FORMATS: Record<'zh-CN' | 'en', { intl: string; options: Record<DateKind, Intl.DateTimeFormatOptions> }> = {
  'zh-CN': {
    intl: 'zh-CN',
    options: {
      time: TIME,
      'md-time': { month: '2-digit', day: '2-digit', ...TIME },
      full: { year: 'numeric', month: '2-digit', day: '2-digit', ...TIME },
      day: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' },
    },
  },
  en: {
    intl: 'en-GB',
    options: {
      time: TIME,
      'md-time': { day: 'numeric', month: 'short', ...TIME },
      full: { day: 'numeric', month: 'short', year: 'numeric', ...TIME },
      day: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
    },
  },
};

function dateFormat(kind: DateKind): Intl.DateTimeFormat {
  const locale = currentLocale();
  const id = `${locale}|${kind}`;
  let f = cache.get(id);
  if (!f) {
    const { intl, options } = FORMATS[locale];
    cache.set(id, (f = new Intl.DateTimeFormat(intl, options[kind])));
  }
  return f;
}

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** Time of day for today, date and time otherwise (message and list stamps). */
export function formatStamp(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  if (sameDay(d, new Date(now))) return dateFormat('time').format(d);
  if (d.getFullYear() === new Date(now).getFullYear()) return dateFormat('md-time').format(d);
  return formatDateTime(ms);
}

export function formatDateTime(ms: number): string {
  return dateFormat('full').format(new Date(ms));
}

/** `YYYY-MM-DD` calendar dates from the cache, shown in the agent's language. */
export function formatCalendarDate(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) return isoDay;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateFormat('day').format(d);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

/** Waiting time: mm:ss, or h:mm:ss past an hour (never a clock-like 75:12). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
