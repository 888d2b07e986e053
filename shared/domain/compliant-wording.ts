/**
 * Service wording from the training course (网络沟通礼仪): the phrases an
 * agent must not send (禁忌用语), each with the recommended way to say it
 * (推荐用语). The composer checks a draft before it goes; the agent may
 * still send after saying so explicitly, and head office keeps that.
 */
export interface ForbiddenPhrase {
  /** The phrase as the course writes it. */
  phrase: string;
  /** What to say instead (推荐用语). */
  suggestion: string;
}

/** Written with 您 (polite you); 你 is matched as well. */
export const FORBIDDEN_PHRASES: readonly ForbiddenPhrase[] = [
  { phrase: '这不是我的责任', suggestion: '让我为您核实一下，我们一起想办法解决' },
  { phrase: '您搞错了', suggestion: '可能是我没有解释清楚，让我再为您说明一下' },
  { phrase: '您不懂', suggestion: '我来为您详细说明一下' },
  { phrase: '这是规定', suggestion: '我理解您的顾虑，这项要求是为了保障您的权益' },
  { phrase: '没办法', suggestion: '我理解您的顾虑，我们看看还有哪些可行的方案' },
  { phrase: '等一下', suggestion: '非常感谢您的耐心，我正在为您核实' },
  { phrase: '稍等', suggestion: '非常感谢您的耐心，我正在为您核实' },
  { phrase: '我不知道', suggestion: '让我为您核实/查询一下' },
  { phrase: '不可能', suggestion: '建议您考虑……' },
  { phrase: '绝对不行', suggestion: '建议您考虑……' },
  { phrase: '您必须', suggestion: '建议您……' },
  { phrase: '您应该', suggestion: '建议您……' },
  { phrase: '这很简单', suggestion: '我来一步步为您说明' },
  { phrase: '这很容易', suggestion: '我来一步步为您说明' },
];

/**
 * What is skipped between a phrase's characters: spaces, punctuation and
 * symbols, and invisible characters — so "没 办 法", "没、办法" or
 * "不-可-能" are found as well.
 */
const FILLER = '[\\s\\p{P}\\p{S}\\p{Cf}]*';

const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression per phrase: 您 and 你 alike, filler allowed between characters. */
const PATTERNS = FORBIDDEN_PHRASES.map((p) => ({
  ...p,
  re: new RegExp(
    [...p.phrase].map((ch) => (ch === '您' || ch === '你' ? '[您你]' : escape(ch))).join(FILLER),
    'u',
  ),
}));

/** The forbidden phrases in a draft, once each, in the course's order. */
export function findForbiddenPhrases(draft: string): ForbiddenPhrase[] {
  return PATTERNS.filter((p) => p.re.test(draft)).map(({ phrase, suggestion }) => ({ phrase, suggestion }));
}

export type CustomerMood = 'angry' | 'anxious';

/** Words and marks of an angry customer (情绪激动) … */
const ANGRY_WORDS = /投诉|骗子|骗人|垃圾|太差|什么破|凭什么|气死|无语|坑人|忽悠|曝光|举报|12378|欺负|不讲理|态度差|差评/u;
const ANGRY_MARKS = /[!！]{2,}|[?？][!！]|[!！][?？]|[?？]{3,}/u;
/** … and of an anxious one (焦虑): the course asks to soothe both and guide them clearly. */
const ANXIOUS_WORDS = /着急|急死|好急|很急|怎么办|担心|害怕|慌|快点|赶紧|尽快|等不了|来不及|吓死/u;

/**
 * How a customer's message sounds, from keywords and punctuation, so the
 * session is marked and soothing scripts are offered. Anger wins over
 * anxiety when both show.
 */
export function customerMood(text: string): CustomerMood | null {
  if (ANGRY_WORDS.test(text) || ANGRY_MARKS.test(text)) return 'angry';
  if (ANXIOUS_WORDS.test(text)) return 'anxious';
  return null;
}
