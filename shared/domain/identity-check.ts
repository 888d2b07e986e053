/**
 * Identity check (身份核实) before an agent sees or says anything that
 * identifies a customer: the course asks for three things, all of which
 * must hold — the policy's basic details (the customer names the plate or
 * the policy number of one of their policies), the last four characters of
 * the policyholder's ID number, and a one-time code sent by SMS to the
 * mobile number on record. Wrong answers count per customer, whatever the
 * conversation: the third locks the check for a while, so nobody can guess
 * their way through by opening new chats.
 */

export const VERIFICATION_STEPS = ['policy', 'id_last4', 'sms_code'] as const;
export type VerificationStep = (typeof VERIFICATION_STEPS)[number];

export interface IdentityCheckSettings {
  /** How long a passed check lasts (it also ends with the conversation). */
  verifiedForSeconds: number;
  /** How long the check stays locked after the last allowed wrong answer. */
  lockForSeconds: number;
  /** Wrong answers (any step) that lock the check. */
  maxFailures: number;
  /** How long an SMS code can be used. */
  codeValidForSeconds: number;
  /** Wait before another code may be sent in the same conversation. */
  resendAfterSeconds: number;
  /**
   * Codes one round of the check may send at most. A round ends when the
   * verification expires or the conversation passes to another agent: a
   * long conversation can be verified again.
   */
  maxCodesPerRound: number;
  /** Codes one customer may receive within `customerCodeWindowSeconds`, whatever the conversation. */
  maxCodesPerCustomer: number;
  customerCodeWindowSeconds: number;
}

export const DEFAULT_IDENTITY_CHECK: IdentityCheckSettings = {
  verifiedForSeconds: 30 * 60,
  lockForSeconds: 30 * 60,
  maxFailures: 3,
  codeValidForSeconds: 5 * 60,
  resendAfterSeconds: 60,
  maxCodesPerRound: 3,
  maxCodesPerCustomer: 5,
  customerCodeWindowSeconds: 60 * 60,
};

/**
 * Compares two strings in a time that depends on their lengths only, not
 * on where they first differ: an answer checked character by character
 * with an early exit would tell, by its speed, how much of it was right.
 * (shared/ runs in every process, so node:crypto is not at hand.)
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (i < a.length ? a.charCodeAt(i) : 0) ^ (i < b.length ? b.charCodeAt(i) : 0);
  return diff === 0;
}

/**
 * Plates as people type them: 苏a·b1234, 苏A B1234, 苏Ａ-Ｂ１２３４ are one
 * plate. Full-width letters and digits are folded, separators dropped,
 * letters upper-cased.
 */
export function normalizePlate(plate: string): string {
  return plate
    .normalize('NFKC')
    .replace(/[\s·•・.\-_]/g, '')
    .toUpperCase();
}

/** Policy numbers ignore case, spaces and dashes (PDAA-2024 1234… is PDAA20241234…). */
export function normalizePolicyNumber(policyNo: string): string {
  return policyNo
    .normalize('NFKC')
    .replace(/[\s\-_/]/g, '')
    .toUpperCase();
}

/**
 * Does what the customer stated name one of their policies? It may be the
 * policy number, or the plate of a vehicle one of their policies covers.
 * Only policies in force or recently ended count: a cancelled policy is
 * not "their policy" any more.
 */
export function policyDetailsMatch(stated: string, policies: readonly { policyNo: string; plate: string | null; status: string }[]): boolean {
  const asPolicy = normalizePolicyNumber(stated);
  const asPlate = normalizePlate(stated);
  if (asPlate.length < 5) return false;
  // Every policy is compared in full, matched or not: the time taken does not tell which one (or how much) matched.
  let matched = false;
  for (const p of policies) {
    const byNumber = constantTimeEqual(normalizePolicyNumber(p.policyNo), asPolicy);
    const byPlate = p.plate !== null && constantTimeEqual(normalizePlate(p.plate), asPlate);
    matched = ((byNumber || byPlate) && p.status !== 'cancelled') || matched;
  }
  return matched;
}

/** The last four characters of the ID number; an X check digit matches x. */
export function idLast4Matches(stated: string, idNumber: string | null): boolean {
  if (!idNumber) return false;
  const s = stated.normalize('NFKC').replace(/\s/g, '').toUpperCase();
  if (!/^[0-9]{3}[0-9X]$/.test(s)) return false;
  return constantTimeEqual(idNumber.trim().toUpperCase().slice(-4), s);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of an 18-character resident ID number (GB 11643). */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** An 18-character resident ID number whose birth date exists and whose check character is right. */
export function isValidIdNumber(id: string): boolean {
  const s = id.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(s)) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return false;
  return idCheckCharacter(s.slice(0, 17)) === s[17];
}

/** A code the customer reads aloud or types: six digits, spaces and full-width digits forgiven. */
export function normalizeSmsCode(stated: string): string | null {
  const s = stated.normalize('NFKC').replace(/\s/g, '');
  return /^\d{6}$/.test(s) ? s : null;
}

/** Wrong answers on record for one customer. */
export interface FailureRecord {
  failures: number;
  lastFailedAt: number | null;
  lockedUntil: number | null;
}

export const NO_FAILURES: FailureRecord = { failures: 0, lastFailedAt: null, lockedUntil: null };

/** Until when the check is locked for this customer, or null. */
export function lockedUntil(record: FailureRecord, now: number): number | null {
  return record.lockedUntil !== null && record.lockedUntil > now ? record.lockedUntil : null;
}

/**
 * The record after one more wrong answer. Wrong answers older than a lock
 * period are forgotten (a customer who mistyped last month starts afresh);
 * the one that reaches the limit locks the check and the count restarts.
 */
export function afterWrongAnswer(record: FailureRecord, now: number, s: IdentityCheckSettings): FailureRecord & { locked: boolean } {
  const stale = record.lastFailedAt === null || now - record.lastFailedAt > s.lockForSeconds * 1000;
  const failures = (stale ? 0 : record.failures) + 1;
  if (failures >= s.maxFailures) return { failures: 0, lastFailedAt: now, lockedUntil: now + s.lockForSeconds * 1000, locked: true };
  return { failures, lastFailedAt: now, lockedUntil: record.lockedUntil, locked: false };
}

/** Wrong answers left before the check locks. */
export function attemptsLeft(record: FailureRecord, now: number, s: IdentityCheckSettings): number {
  if (lockedUntil(record, now) !== null) return 0;
  const stale = record.lastFailedAt === null || now - record.lastFailedAt > s.lockForSeconds * 1000;
  return s.maxFailures - (stale ? 0 : record.failures);
}

export interface VerificationProgress {
  passed: Partial<Record<VerificationStep, number>>;
  verifiedAt: number | null;
  expiresAt: number | null;
}

export type VerificationState = 'unverified' | 'partial' | 'verified' | 'expired';

/** Where a conversation's check stands; an ended conversation ends the verification with it. */
export function verificationState(p: VerificationProgress, now: number, conversationOpen: boolean): VerificationState {
  if (p.verifiedAt !== null && p.expiresAt !== null) return p.expiresAt > now && conversationOpen ? 'verified' : 'expired';
  return VERIFICATION_STEPS.some((s) => p.passed[s] !== undefined) ? 'partial' : 'unverified';
}

/** Every step passed: the customer is verified now, until `now + verifiedForSeconds`. */
export function allStepsPassed(passed: Partial<Record<VerificationStep, number>>): boolean {
  return VERIFICATION_STEPS.every((s) => passed[s] !== undefined);
}

/** Why another SMS code may not be sent now, or null. */
export type CodeSendRefusal =
  | { reason: 'too_soon'; retryAfterSeconds: number }
  | { reason: 'too_many' }
  | { reason: 'customer_limit'; retryAfterSeconds: number };

/**
 * May another SMS code be sent now? `round` is the last code of this
 * round of the check (null when none yet), `customerSends` the times codes
 * went to this customer lately, in any conversation: a new conversation
 * does not buy more codes. The customer's limit says when the next one
 * may go (when the oldest send in the window leaves it).
 */
export function codeSendRefusal(
  round: { sentAt: number; sends: number } | null,
  customerSends: readonly number[],
  now: number,
  s: IdentityCheckSettings,
): CodeSendRefusal | null {
  const windowMs = s.customerCodeWindowSeconds * 1000;
  const recent = customerSends.filter((t) => t > now - windowMs && t <= now).sort((a, b) => a - b);
  if (recent.length >= s.maxCodesPerCustomer) {
    const freeAt = recent[recent.length - s.maxCodesPerCustomer]! + windowMs;
    return { reason: 'customer_limit', retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now) / 1000)) };
  }
  if (!round) return null;
  if (round.sends >= s.maxCodesPerRound) return { reason: 'too_many' };
  const wait = round.sentAt + s.resendAfterSeconds * 1000 - now;
  return wait > 0 ? { reason: 'too_soon', retryAfterSeconds: Math.ceil(wait / 1000) } : null;
}

/**
 * The SMS the customer receives, in Chinese (the registered mobile is a
 * Chinese number). It says the same as the approved script
 * (identity.sms-code): the code is told only to the agent of the
 * conversation the customer started, only for this check, and never to
 * anyone who calls or messages asking for it.
 */
export function smsCodeText(code: string, validMinutes: number): string {
  return `【MotorDesk车险】您的身份核实验证码为 ${code}，${validMinutes}分钟内有效，仅用于本次身份核实。请只在您主动发起的在线客服对话中告诉为您服务的客服；任何来电、私信向您索要，均请勿提供。`;
}
