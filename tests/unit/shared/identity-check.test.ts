import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  afterWrongAnswer,
  allStepsPassed,
  attemptsLeft,
  codeSendRefusal,
  constantTimeEqual,
  DEFAULT_IDENTITY_CHECK as S,
  idCheckCharacter,
  idLast4Matches,
  isValidIdNumber,
  lockedUntil,
  NO_FAILURES,
  normalizePlate,
  normalizePolicyNumber,
  normalizeSmsCode,
  policyDetailsMatch,
  smsCodeText,
  verificationState,
} from '../../../shared/domain/identity-check.js';
import { vehicleAgeYears } from '../../../shared/domain/vehicles.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);

describe('identity check rules (身份核实)', () => {
  const policies = [
    { policyNo: 'PDAA202632010001007037', plate: '苏A·K3M21', status: 'active' },
    { policyNo: 'PDZA202532010002007074', plate: '苏B·2C317', status: 'cancelled' },
  ];

  it('takes the plate or the policy number however the customer writes them', () => {
    for (const said of ['苏A·K3M21', '苏AK3M21', '苏a k3m21', '苏Ａ－Ｋ３Ｍ２１', 'pdaa-2026 3201 0001 007037', 'PDAA202632010001007037']) {
      expect(policyDetailsMatch(said, policies), said).toBe(true);
    }
    expect(normalizePlate('苏a·k3m21')).toBe('苏AK3M21');
    expect(normalizePolicyNumber(' pdaa-2026/3201 ')).toBe('PDAA20263201');
  });

  it('refuses someone else\'s details, a cancelled policy, and fragments', () => {
    expect(policyDetailsMatch('苏A·K3M22', policies)).toBe(false);
    expect(policyDetailsMatch('苏B·2C317', policies)).toBe(false);
    expect(policyDetailsMatch('K3M21', policies)).toBe(false);
    expect(policyDetailsMatch('PDAA2026', policies)).toBe(false);
    expect(policyDetailsMatch('', policies)).toBe(false);
    expect(policyDetailsMatch('苏A·K3M21', [])).toBe(false);
  });

  it('checks the last four of the ID number, X in either case', () => {
    expect(idLast4Matches('341x', '32010219850612341X')).toBe(true);
    expect(idLast4Matches(' 341X ', '32010219850612341X')).toBe(true);
    expect(idLast4Matches('１２３４', '320102198506121234')).toBe(true);
    expect(idLast4Matches('2341', '32010219850612341X')).toBe(false);
    expect(idLast4Matches('41X', '32010219850612341X')).toBe(false);
    expect(idLast4Matches('12345', '320102198506121234')).toBe(false);
    expect(idLast4Matches('1234', null)).toBe(false);
  });

  it('validates resident ID numbers by birth date and check character (GB 11643)', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber(`11010519490231002${idCheckCharacter('11010519490231002')}`)).toBe(false); // 31 February
    expect(isValidIdNumber('11010519491231002')).toBe(false);
  });

  it('reads a six-digit code with spaces or full-width digits, nothing else', () => {
    expect(normalizeSmsCode('04 71 93')).toBe('047193');
    expect(normalizeSmsCode('０４７１９３')).toBe('047193');
    expect(normalizeSmsCode('47193')).toBeNull();
    expect(normalizeSmsCode('0471934')).toBeNull();
    expect(normalizeSmsCode('04719a')).toBeNull();
  });

  it('locks after three wrong answers for the lock period, then starts counting afresh', () => {
    let r = { ...NO_FAILURES };
    const one = afterWrongAnswer(r, T0, S);
    expect(one).toMatchObject({ failures: 1, locked: false });
    expect(attemptsLeft(one, T0, S)).toBe(2);
    const two = afterWrongAnswer(one, T0 + MIN, S);
    expect(attemptsLeft(two, T0 + MIN, S)).toBe(1);
    const three = afterWrongAnswer(two, T0 + 2 * MIN, S);
    expect(three.locked).toBe(true);
    expect(lockedUntil(three, T0 + 2 * MIN)).toBe(T0 + 2 * MIN + 30 * MIN);
    expect(attemptsLeft(three, T0 + 3 * MIN, S)).toBe(0);
    // One millisecond before the end still locked; at the end free with all attempts.
    expect(lockedUntil(three, T0 + 32 * MIN - 1)).not.toBeNull();
    expect(lockedUntil(three, T0 + 32 * MIN)).toBeNull();
    expect(attemptsLeft(three, T0 + 32 * MIN, S)).toBe(3);
    r = three;
    expect(afterWrongAnswer(r, T0 + 33 * MIN, S)).toMatchObject({ failures: 1, locked: false });
  });

  it('forgets old wrong answers: two last month and one today do not lock', () => {
    const old = afterWrongAnswer(afterWrongAnswer(NO_FAILURES, T0, S), T0 + MIN, S);
    const today = afterWrongAnswer(old, T0 + 31 * 24 * 60 * MIN, S);
    expect(today).toMatchObject({ failures: 1, locked: false });
    const shorter = { ...S, lockForSeconds: 60, maxFailures: 2 };
    expect(afterWrongAnswer(afterWrongAnswer(NO_FAILURES, T0, shorter), T0 + 30_000, shorter)).toMatchObject({ locked: true, lockedUntil: T0 + 90_000 });
  });

  it('is verified only with all three steps, until it expires or the conversation ends', () => {
    expect(allStepsPassed({ policy: T0, id_last4: T0 })).toBe(false);
    expect(allStepsPassed({ policy: T0, id_last4: T0, sms_code: T0 })).toBe(true);
    expect(verificationState({ passed: {}, verifiedAt: null, expiresAt: null }, T0, true)).toBe('unverified');
    expect(verificationState({ passed: { id_last4: T0 }, verifiedAt: null, expiresAt: null }, T0, true)).toBe('partial');
    const done = { passed: { policy: T0, id_last4: T0, sms_code: T0 }, verifiedAt: T0, expiresAt: T0 + 30 * MIN };
    expect(verificationState(done, T0 + 29 * MIN, true)).toBe('verified');
    expect(verificationState(done, T0 + 30 * MIN, true)).toBe('expired');
    expect(verificationState(done, T0 + MIN, false)).toBe('expired');
  });

  it('limits resending codes: a minute apart, three per round of the check', () => {
    expect(codeSendRefusal(null, [], T0, S)).toBeNull();
    expect(codeSendRefusal({ sentAt: T0, sends: 1 }, [T0], T0 + 20_000, S)).toEqual({ reason: 'too_soon', retryAfterSeconds: 40 });
    expect(codeSendRefusal({ sentAt: T0, sends: 1 }, [T0], T0 + MIN, S)).toBeNull();
    expect(codeSendRefusal({ sentAt: T0, sends: 3 }, [T0 - 2 * MIN, T0 - MIN, T0], T0 + 10 * MIN, S)).toEqual({ reason: 'too_many' });
  });

  it('limits the codes one customer receives in an hour, whatever the conversation, and says when the next may go', () => {
    const five = [T0, T0 + 5 * MIN, T0 + 10 * MIN, T0 + 15 * MIN, T0 + 20 * MIN];
    // A brand-new conversation (no code in its round yet) does not buy more codes.
    expect(codeSendRefusal(null, five, T0 + 25 * MIN, S)).toEqual({ reason: 'customer_limit', retryAfterSeconds: 35 * 60 });
    // The oldest send leaves the hour: one more may go.
    expect(codeSendRefusal(null, five, T0 + 60 * MIN + 1, S)).toBeNull();
    expect(codeSendRefusal(null, five.slice(1), T0 + 25 * MIN, S)).toBeNull();
    // Sends in the future (clock skew) or older than the hour do not count.
    expect(codeSendRefusal(null, [T0 - 61 * MIN, ...five.slice(1)], T0 + 25 * MIN, S)).toBeNull();
  });

  it('compares answers in full whatever they hold, so their timing tells nothing', () => {
    expect(constantTimeEqual('341X', '341X')).toBe(true);
    expect(constantTimeEqual('341X', '341Y')).toBe(false);
    expect(constantTimeEqual('341X', '341')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('苏A', '苏B')).toBe(false);
    // Every policy on record is compared even when the first one matches (no early exit).
    let read = 0;
    const counted = (policyNo: string, plate: string) => ({
      get policyNo() {
        read++;
        return policyNo;
      },
      plate,
      status: 'active',
    });
    expect(policyDetailsMatch('苏A·K3M21', [counted('PDAA1', '苏A·K3M21'), counted('PDAA2', '苏A·K3M22'), counted('PDAA3', '苏A·K3M23')])).toBe(true);
    expect(read).toBe(3);
  });

  it('counts a vehicle\'s age in whole years since first registration, leap days included', () => {
    expect(vehicleAgeYears('2019-05-20', '2026-11-26')).toBe(7);
    expect(vehicleAgeYears('2019-11-27', '2026-11-26')).toBe(6);
    expect(vehicleAgeYears('2019-11-26', '2026-11-26')).toBe(7);
    expect(vehicleAgeYears('2024-02-29', '2025-02-28')).toBe(0);
    expect(vehicleAgeYears('2024-02-29', '2025-03-01')).toBe(1);
    expect(vehicleAgeYears('2027-01-01', '2026-11-26')).toBe(0);
  });
});

describe('the SMS code and the approved script say the same', () => {
  const script = (JSON.parse(readFileSync(join(process.cwd(), 'resources/seed/scripts.json'), 'utf8')) as { code: string; body: { zh: string } }[]).find(
    (x) => x.code === 'identity.sms-code',
  )!;
  const sms = smsCodeText('047193', 5);

  it('asks the customer to tell the code only in the conversation they started, for this check, and never to callers', () => {
    for (const text of [script.body.zh, sms]) {
      expect(text).toContain('主动发起');
      expect(text).toMatch(/本次(身份)?核实/);
      expect(text).toMatch(/(打电话|来电).*(私信)/);
    }
    // Step ③ has the agent type the code the customer reads out: the script cannot forbid telling the agent.
    expect(script.body.zh).not.toMatch(/包括我|不要发给任何人/);
    expect(sms).toContain('047193');
    expect(sms).toContain('5分钟');
  });
});
