/**
 * Masking of personal identifiers (脱敏). Used for display until identity is
 * verified, and always in logs.
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s|-/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** 苏A·12345 → 苏A·***45: province and city letter stay, enough to confirm. */
export function maskPlate(plate: string): string {
  const chars = Array.from(plate.trim());
  if (chars.length <= 4) return chars.map(() => '*').join('');
  const head = chars.slice(0, 2).join('');
  const tail = chars.slice(-2).join('');
  const middle = chars.slice(2, -2).map((c) => (c === '·' ? c : '*')).join('');
  return `${head}${middle}${tail}`;
}

const ID_NUMBER_PATTERN = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE_PATTERN = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/** Redact every mainland ID number and mobile number in free text (logs). */
export function redactPersonalData(text: string): string {
  return text
    .replace(ID_NUMBER_PATTERN, (_m, a: string, _b: string, c: string) => `${a.slice(0, 4)}${'*'.repeat(10)}${c}`)
    .replace(MOBILE_PATTERN, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

/** Policy numbers (保单号) keep their first and last four characters. */
export function maskPolicyNumber(policyNo: string): string {
  return maskIdNumber(policyNo);
}
