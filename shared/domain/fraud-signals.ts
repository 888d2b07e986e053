/**
 * Warning signs of a fraudulent claim (欺诈预警信号) from the anti-fraud
 * course: a claim soon after the policy starts, a story whose details change
 * between messages, insistence on a cash payout, frequent policy changes.
 * Each rule is small and readable, and every flag carries its evidence (the
 * customer's own words where there are any) so the agent judges, not the
 * rule: a flag is a reason to look closer and, if it holds, to refer the
 * claim to the anti-fraud team, never an accusation.
 */
import { CLAIM_CLOCK } from './claims.js';
import { addCalendarDays, daysBetween, localDate, type IsoDate } from './working-calendar.js';

export const FRAUD_SIGNAL_CODES = ['early_claim', 'story_changed', 'cash_insistence', 'frequent_policy_changes'] as const;
export type FraudSignalCode = (typeof FRAUD_SIGNAL_CODES)[number];

export const FRAUD_SIGNAL_LABELS: Readonly<Record<FraudSignalCode, string>> = {
  early_claim: '投保后短期内出险',
  story_changed: '事故描述前后不一致',
  cash_insistence: '坚持现金赔付',
  frequent_policy_changes: '频繁批改保单',
};

export interface FraudEvidence {
  text: string;
  /** The customer's message the text is quoted from. */
  messageId?: string;
}

export interface FraudSignal {
  code: FraudSignalCode;
  labelZh: string;
  evidence: FraudEvidence[];
}

export interface CustomerMessage {
  id: string;
  body: string;
  at: number;
}

export interface ClaimFacts {
  policyStartsOn: IsoDate;
  accidentAt: number;
  reportedAt: number;
  /** What the customer wrote in the claim's conversation, oldest first. */
  customerMessages: readonly CustomerMessage[];
  /** The policy's changes (批改). */
  policyChanges: readonly { changedAt: number; what: string }[];
}

/** An accident within this many days of the policy starting is flagged. */
export const EARLY_CLAIM_DAYS = 30;
/** This many policy changes within twelve months before the report are flagged. */
export const FREQUENT_CHANGES = 3;
/** Cash is insisted on when asked for in this many separate messages. */
export const CASH_MESSAGES = 2;

const signal = (code: FraudSignalCode, evidence: FraudEvidence[]): FraudSignal => ({ code, labelZh: FRAUD_SIGNAL_LABELS[code], evidence });

export function earlyClaim(f: Pick<ClaimFacts, 'policyStartsOn' | 'accidentAt'>): FraudSignal | null {
  const accidentDay = localDate(f.accidentAt, CLAIM_CLOCK);
  const days = daysBetween(f.policyStartsOn, accidentDay);
  if (days < 0 || days > EARLY_CLAIM_DAYS) return null;
  return signal('early_claim', [{ text: `保单 ${f.policyStartsOn} 起保，${accidentDay} 出险，相隔 ${days} 天` }]);
}

export function frequentPolicyChanges(f: Pick<ClaimFacts, 'reportedAt' | 'policyChanges'>): FraudSignal | null {
  // Midnight at the office (CLAIM_CLOCK), a year before the report's day.
  const since = Date.parse(`${addCalendarDays(localDate(f.reportedAt, CLAIM_CLOCK), -365)}T00:00:00Z`) - CLAIM_CLOCK.utcOffsetMinutes * 60_000;
  const recent = f.policyChanges.filter((c) => c.changedAt >= since && c.changedAt <= f.reportedAt).sort((a, b) => a.changedAt - b.changedAt);
  if (recent.length < FREQUENT_CHANGES) return null;
  return signal(
    'frequent_policy_changes',
    recent.map((c) => ({ text: `${localDate(c.changedAt, CLAIM_CLOCK)} 批改：${c.what}` })),
  );
}

/**
 * Asking for cash instead of a repair. "我不要现金" / "不用给我现金" say the
 * opposite: a refusal up to two characters before the words does not count.
 */
const CASH = /(?<!(?:不要|不用|不需要|不想要)[^，。,.！!？?；;\s]{0,2})(?:现金|现钱|折现|直接给钱|直接打钱|把钱给我|不修车|不修了|不去修|不想修)/;

export function cashInsistence(f: Pick<ClaimFacts, 'customerMessages'>): FraudSignal | null {
  const hits = f.customerMessages.filter((m) => CASH.test(m.body));
  if (hits.length < CASH_MESSAGES) return null;
  return signal(
    'cash_insistence',
    hits.map((m) => ({ text: quoteAround(m.body, m.body.search(CASH)), messageId: m.id })),
  );
}

// ── Story details: clock times, dates and places the customer gives ──────────

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** 一 … 二十四 and Arabic digits as a number. */
function smallNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.startsWith('十')) return 10 + (s.length > 1 ? CN_DIGITS[s[1]!]! : 0);
  if (s.length === 3 && s[1] === '十') return CN_DIGITS[s[0]!]! * 10 + CN_DIGITS[s[2]!]!;
  if (s.length === 2 && s[1] === '十') return CN_DIGITS[s[0]!]! * 10;
  return CN_DIGITS[s] ?? NaN;
}

const AFTERNOON = /下午|晚上|傍晚|夜里|晚/;
/** Periods in which "12点" is midnight, not noon. */
const NIGHT = /晚上|夜里|凌晨/;
const DIGITAL_CLOCK = /(上午|早上|中午|下午|傍晚|晚上|夜里|凌晨)?\s*(\d{1,2})[:：](\d{2})/g;
const SPOKEN_CLOCK = /(上午|早上|中午|下午|傍晚|晚上|夜里|凌晨)?\s*([0-9]{1,2}|[一二两三四五六七八九十]{1,3})\s*点\s*(半|[0-9]{1,2}分?|[一二三四五六七八九十]{1,3}分)?/g;
/** Before 一点 these make it "a little" (快一点, 多一点, 早一点), not one o'clock; before other hours (差不多三点) they do not. */
const A_LITTLE_BEFORE = /[快慢有差多少好大小轻重再早晚]$/;

/** The hour of the day a period and a spoken hour mean: 中午1点 is 13:00, 晚上12点 midnight. */
function hourOfDay(period: string | undefined, hour: number): number {
  if (!period) return hour;
  if (hour === 12 && NIGHT.test(period)) return 0;
  if (hour < 12 && AFTERNOON.test(period)) return hour + 12;
  // 中午 runs from late morning into the early afternoon: 11点 stays, 1点 is 13:00.
  if (period === '中午' && hour >= 1 && hour <= 3) return hour + 12;
  return hour;
}

/** Clock times in a message as minutes of the day, with where each was said. */
export function clockTimes(text: string): { minutes: number; index: number }[] {
  const found: { minutes: number; index: number }[] = [];
  const push = (period: string | undefined, hour: number, minute: number, index: number) => {
    if (!(hour >= 0 && hour <= 24 && minute >= 0 && minute < 60)) return;
    found.push({ minutes: (hourOfDay(period, hour) % 24) * 60 + minute, index });
  };
  for (const m of text.matchAll(DIGITAL_CLOCK)) push(m[1], Number(m[2]), Number(m[3]), m.index);
  for (const m of text.matchAll(SPOKEN_CLOCK)) {
    // 早一点 / 多一点 is "a little earlier / more", not one o'clock.
    if (!m[1] && m[2] === '一' && A_LITTLE_BEFORE.test(text.slice(0, m.index))) continue;
    const minute = !m[3] ? 0 : m[3] === '半' ? 30 : smallNumber(m[3].replace('分', ''));
    push(m[1], smallNumber(m[2]!), minute, m.index);
  }
  return found.sort((a, b) => a.index - b.index);
}

const MONTH_DAY = /(\d{1,2})月(\d{1,2})[日号]/g;
const RELATIVE_DAY: Record<string, number> = { 今天: 0, 今早: 0, 今晚: 0, 昨天: -1, 昨晚: -1, 前天: -2 };
const RELATIVE = /今天|今早|今晚|昨天|昨晚|前天/g;

/** Dates in a message (月日, or 今天/昨天/前天 counted from when it was written), as MM-DD. */
export function accidentDates(text: string, writtenAt: number): { date: string; index: number }[] {
  const found: { date: string; index: number }[] = [];
  for (const m of text.matchAll(MONTH_DAY)) found.push({ date: `${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`, index: m.index });
  const today = localDate(writtenAt, CLAIM_CLOCK);
  for (const m of text.matchAll(RELATIVE)) found.push({ date: addCalendarDays(today, RELATIVE_DAY[m[0]]!).slice(5), index: m.index });
  return found.sort((a, b) => a.index - b.index);
}

const PLACE = /(?:在|于)([^\s，。,.！!？?；;、]{1,16}?(?:路口|大道|高速|路|街|桥|小区|停车场|广场|隧道|国道|省道|加油站|收费站))/g;

/** Places in a message ("在中山路", "于南京长江大桥"). */
export function places(text: string): { place: string; index: number }[] {
  return [...text.matchAll(PLACE)].map((m) => ({ place: m[1]!, index: m.index }));
}

/** 中山路口 is 中山路: the crossing names the road. */
const placeKey = (p: string) => p.replace(/路口$/, '路').replace(/口$/, '');

/** Two mentions of one place: the same once 口/路口 is dropped, or one naming part of the other (中山路 / 南京市中山路). */
export function samePlace(a: string, b: string): boolean {
  const x = placeKey(a);
  const y = placeKey(b);
  return x.includes(y) || y.includes(x);
}

/** The sentence around a position, short enough to show beside the flag. */
function quoteAround(text: string, index: number): string {
  const starts = [...text.slice(0, index).matchAll(/[。！？!?\n]/g)];
  const start = starts.length ? starts.at(-1)!.index + 1 : 0;
  const endMatch = /[。！？!?\n]/.exec(text.slice(index));
  const end = endMatch ? index + endMatch.index + 1 : text.length;
  const sentence = text.slice(start, end).trim();
  return sentence.length > 60 ? `${sentence.slice(0, 59)}…` : sentence;
}

/**
 * The first time, date and place each message gives, compared across
 * messages: when one kind of detail takes two different values, the
 * messages that said them are quoted.
 */
export function storyChanged(f: Pick<ClaimFacts, 'customerMessages'>): FraudSignal | null {
  const equal = (a: string, b: string) => a === b;
  const kinds: { label: string; same: (a: string, b: string) => boolean; extract: (m: CustomerMessage) => { value: string; index: number } | undefined }[] = [
    {
      label: '时间',
      same: equal,
      extract: (m) => {
        const t = clockTimes(m.body)[0];
        return t && { value: String(t.minutes), index: t.index };
      },
    },
    {
      label: '日期',
      same: equal,
      extract: (m) => {
        const d = accidentDates(m.body, m.at)[0];
        return d && { value: d.date, index: d.index };
      },
    },
    {
      label: '地点',
      same: samePlace,
      extract: (m) => {
        const p = places(m.body)[0];
        return p && { value: p.place, index: p.index };
      },
    },
  ];
  const evidence: FraudEvidence[] = [];
  for (const kind of kinds) {
    const said = f.customerMessages.flatMap((m) => {
      const x = kind.extract(m);
      return x ? [{ m, ...x }] : [];
    });
    const differ = said.some((a) => said.some((b) => !kind.same(a.value, b.value)));
    if (!differ) continue;
    for (const s of said) evidence.push({ text: `${kind.label}：“${quoteAround(s.m.body, s.index)}”`, messageId: s.m.id });
  }
  return evidence.length > 0 ? signal('story_changed', evidence) : null;
}

/** Every warning sign the claim shows, in a fixed order. */
export function fraudSignals(f: ClaimFacts): FraudSignal[] {
  return [earlyClaim(f), storyChanged(f), cashInsistence(f), frequentPolicyChanges(f)].filter((s): s is FraudSignal => s !== null);
}
