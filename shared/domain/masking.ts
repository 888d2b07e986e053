/**
 * Masking of personal identifiers (脱敏). Used for display until identity is
 * verified, and always in logs. ID numbers and policy numbers hide at least
 * half of their characters; mobile numbers follow the usual 138****5678
 * form; plates keep only the province, the city letter and the last two
 * characters (苏A·***34): enough for the customer to recognise their car,
 * never the whole serial.
 */
function maskMiddle(value: string, head: number, tail: number): string {
  const chars = Array.from(value);
  const keep = Math.floor(chars.length / 2);
  const h = Math.min(head, Math.floor(keep / 2));
  const t = Math.min(tail, keep - h);
  return chars.map((c, i) => (i < h || i >= chars.length - t ? c : '*')).join('');
}

/** ID numbers (身份证号): 18 characters keep the first four and last four. */
export function maskIdNumber(id: string): string {
  return maskMiddle(id.trim(), 4, 4);
}

const MOBILE = /^(?:(?:\+|00)?86)?(1[3-9]\d)(\d{4})(\d{4})$/;

/** 138****5678 for a mainland mobile; other numbers keep at most a quarter at each end. */
export function maskPhone(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/[\s().-]/g, '');
  const m = MOBILE.exec(digits);
  if (m) return `${m[1]}****${m[3]}`;
  return maskMiddle(digits, 3, 4);
}

/** 苏A·B1234 → 苏A·***34: province, city letter and the last two stay; every other character is hidden. */
export function maskPlate(plate: string): string {
  const chars = Array.from(plate.trim());
  if (chars.length <= 4) return chars.map(() => '*').join('');
  const head = chars.slice(0, 2).join('');
  const tail = chars.slice(-2).join('');
  const middle = chars.slice(2, -2).map((c) => (c === '·' ? c : '*')).join('');
  return `${head}${middle}${tail}`;
}

/** Policy numbers (保单号) keep at most their first and last four characters. */
export function maskPolicyNumber(policyNo: string): string {
  return maskMiddle(policyNo.trim(), 4, 4);
}

/** Full-width characters an ID or mobile number can be typed with: ０-９, Ｘ/ｘ, ＋, －, ．, and the ideographic space. */
const FULL_WIDTH_IN_IDENTIFIERS = /[\uff10-\uff19\uff38\uff58\uff0b\uff0d\uff0e\u3000]/g;

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';
/** 18-character (and old 15-digit) resident ID numbers, digits possibly grouped by spaces, dots or dashes. */
const ID_NUMBER = new RegExp(`${NOT_ALNUM_BEFORE}((?:\\d[\\s.-]?){17}[\\dXx]|(?:\\d[\\s.-]?){14}\\d)${NOT_ALNUM_AFTER}`, 'g');
/** Mainland mobiles, with or without +86 / 0086 / 86, grouped by spaces, dots or dashes (138 1234 5678). */
const MOBILE_IN_TEXT = /(?<!\d)(?:(?:\+|00)?86[\s.-]?)?(1[3-9]\d)[\s.-]?(\d{4})[\s.-]?(\d{4})(?!\d)/g;

/**
 * Redact every resident ID number and mobile number in free text (logs).
 * Full-width digits (１３８…), X, plus, dash, dot and space are folded to
 * ASCII first, so they cannot slip by; nothing else is touched (the
 * customer's Chinese punctuation stays as written).
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(FULL_WIDTH_IN_IDENTIFIERS, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(ID_NUMBER, (id: string) => maskIdNumber(id.replace(/[\s.-]/g, '')))
    .replace(MOBILE_IN_TEXT, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}
