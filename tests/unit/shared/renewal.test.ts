import { describe, expect, it } from 'vitest';
import {
  dueGroup,
  outcomeEffect,
  outcomeProblem,
  RenewalOutcome,
  renewalSchedule,
  renewalScript,
  RENEWAL_STEPS,
  isRenewalLink,
  taskGroup,
  withRenewalLink,
  stepDueOn,
  stepsToOpen,
} from '../../../shared/domain/renewal.js';

const dates = (expiresOn: string) => Object.fromEntries(renewalSchedule(expiresOn).map((s) => [s.step, s.dueOn]));

describe('renewal step dates', () => {
  it('puts the four steps 30, 15 and 7 days before expiry and 3 days after', () => {
    expect(dates('2026-06-20')).toEqual({ first_reminder: '2026-05-21', detailed_plan: '2026-06-05', renewal_link: '2026-06-13', lapsed_follow_up: '2026-06-23' });
    expect(renewalSchedule('2026-06-20').map((s) => s.step)).toEqual([...RENEWAL_STEPS]);
  });

  it('crosses month and year ends by the calendar', () => {
    expect(dates('2026-03-31')).toEqual({ first_reminder: '2026-03-01', detailed_plan: '2026-03-16', renewal_link: '2026-03-24', lapsed_follow_up: '2026-04-03' });
    expect(dates('2027-01-05')).toEqual({ first_reminder: '2026-12-06', detailed_plan: '2026-12-21', renewal_link: '2026-12-29', lapsed_follow_up: '2027-01-08' });
    expect(stepDueOn('2026-12-30', 'lapsed_follow_up')).toBe('2027-01-02');
  });

  it('counts 29 February in leap years and not in others', () => {
    // 2028 is a leap year: 30 days before 15 March is 14 February; 2027 is not: 13 February.
    expect(stepDueOn('2028-03-15', 'first_reminder')).toBe('2028-02-14');
    expect(stepDueOn('2027-03-15', 'first_reminder')).toBe('2027-02-13');
    expect(stepDueOn('2028-03-07', 'renewal_link')).toBe('2028-02-29');
    expect(stepDueOn('2027-03-07', 'renewal_link')).toBe('2027-02-28');
    expect(stepDueOn('2028-02-27', 'lapsed_follow_up')).toBe('2028-03-01');
    expect(stepDueOn('2027-02-27', 'lapsed_follow_up')).toBe('2027-03-02');
    // A policy expiring on 29 February itself.
    expect(dates('2028-02-29')).toEqual({ first_reminder: '2028-01-30', detailed_plan: '2028-02-14', renewal_link: '2028-02-22', lapsed_follow_up: '2028-03-03' });
  });

  it('refuses a date that does not exist', () => {
    expect(() => stepDueOn('2027-02-29', 'first_reminder')).toThrow(RangeError);
  });
});

describe('which step is due', () => {
  it('opens the steps within 30 days that are not superseded', () => {
    const steps = (expiresOn: string, today: string) => stepsToOpen(expiresOn, today).map((s) => s.step);
    expect(steps('2026-08-01', '2026-06-01')).toEqual([]);
    expect(steps('2026-07-31', '2026-06-01')).toEqual(['first_reminder']);
    expect(steps('2026-07-01', '2026-06-01')).toEqual(['first_reminder', 'detailed_plan', 'renewal_link']);
    expect(steps('2026-06-16', '2026-06-01')).toEqual(['detailed_plan', 'renewal_link', 'lapsed_follow_up']);
    expect(steps('2026-06-10', '2026-06-01')).toEqual(['detailed_plan', 'renewal_link', 'lapsed_follow_up']);
    expect(steps('2026-06-08', '2026-06-01')).toEqual(['renewal_link', 'lapsed_follow_up']);
    expect(steps('2026-05-29', '2026-06-01')).toEqual(['lapsed_follow_up']);
    expect(steps('2026-05-22', '2026-06-01')).toEqual(['lapsed_follow_up']);
    expect(steps('2026-05-21', '2026-06-01')).toEqual([]);
  });
});

describe('renewal scripts', () => {
  it('fills expiry date and plate, and names what is missing', () => {
    const filled = renewalScript('first_reminder', { expiryDate: '2026-06-20', plate: '苏A·***45', agentName: '张敏' });
    expect(filled.text).toContain('2026-06-20');
    expect(filled.text).toContain('苏A·***45');
    expect(filled.unfilled).toEqual([]);
    expect(renewalScript('first_reminder', {}).unfilled).toEqual(['agentName', 'expiryDate']);
  });

  it('introduces the agent as a motor-insurance service specialist by name, not as "our company\'s" service', () => {
    const text = renewalScript('first_reminder', { expiryDate: '2026-06-20', agentName: '张敏' }).text;
    expect(text).toContain('我是车险客服专员张敏。');
    expect(text).not.toContain('我们公司');
  });

  it('puts the pasted renewal link in the script, and a marked blank until then, never raw braces', () => {
    const script = renewalScript('renewal_link', { expiryDate: '2026-06-20' }).text;
    const blank = withRenewalLink(script, '', '【续保链接】');
    expect(blank).toEqual({ text: script.replace('{{link}}', '【续保链接】'), missingLink: true });
    expect(blank.text).not.toMatch(/[{}]/);
    const filled = withRenewalLink(script, '  https://r.example/abc  ', '【续保链接】');
    expect(filled.missingLink).toBe(false);
    expect(filled.text).toContain('链接发给您：https://r.example/abc，');
    // A script with no place for a link is left as it is.
    const first = renewalScript('first_reminder', { expiryDate: '2026-06-20', agentName: '张敏' }).text;
    expect(withRenewalLink(first, '', '【续保链接】')).toEqual({ text: first, missingLink: false });
  });

  it('takes only a whole http(s) address as the renewal link', () => {
    expect(isRenewalLink('https://r.example/abc?x=1')).toBe(true);
    expect(isRenewalLink(' http://r.example ')).toBe(true);
    for (const bad of ['r.example/abc', 'https://', 'https://a b', 'javascript:alert(1)', 'https://{{link}}', '']) expect(isRenewalLink(bad), bad).toBe(false);
  });

  it('greets with 您好, never with the full name followed by 好', () => {
    for (const step of RENEWAL_STEPS) {
      const text = renewalScript(step, { customerName: '陈建华', expiryDate: '2026-06-20' }).text;
      expect(text.startsWith('您好，'), step).toBe(true);
      expect(text, step).not.toContain('陈建华');
    }
  });

  it('leaves the renewal link for the agent to send from the renewal app, promising no SMS', () => {
    const filled = renewalScript('renewal_link', { expiryDate: '2026-06-20' });
    expect(filled.unfilled).toEqual(['link']);
    expect(filled.text).toContain('{{link}}');
    expect(filled.text).not.toContain('短信');
    expect(renewalScript('renewal_link', { expiryDate: '2026-06-20', link: 'https://r.example/abc' }).text).toContain('https://r.example/abc');
  });

  it('has a different script for each step', () => {
    const texts = new Set(RENEWAL_STEPS.map((s) => renewalScript(s, { expiryDate: '2026-06-20' }).text));
    expect(texts.size).toBe(4);
  });
});

describe('renewal outcomes', () => {
  const today = '2026-06-01';
  const parse = (v: unknown) => RenewalOutcome.safeParse(v);

  it('takes renewed, declined with a listed reason, and call back with a date', () => {
    expect(parse({ outcome: 'renewed' }).success).toBe(true);
    expect(parse({ outcome: 'declined', reason: 'price', reasonText: '别家便宜200元' }).success).toBe(true);
    expect(parse({ outcome: 'declined' }).success).toBe(false);
    expect(parse({ outcome: 'declined', reason: 'because' }).success).toBe(false);
    expect(parse({ outcome: 'callback' }).success).toBe(false);
    expect(parse({ outcome: 'callback', callbackOn: '6/2/2026' }).success).toBe(false);
    // A date that does not exist is refused by the schema itself.
    expect(parse({ outcome: 'callback', callbackOn: '2026-02-30' }).success).toBe(false);
    expect(parse({ outcome: 'callback', callbackOn: '2028-02-29' }).success).toBe(true);
    expect(parse({ outcome: 'maybe' }).success).toBe(false);
  });

  it('wants a call back on a future date within 90 days', () => {
    const cb = (callbackOn: string) => outcomeProblem({ outcome: 'callback', callbackOn }, today);
    expect(cb('2026-06-02')).toBeNull();
    expect(cb('2026-06-01')?.path).toBe('callbackOn');
    expect(cb('2026-05-31')?.path).toBe('callbackOn');
    expect(cb('2026-08-30')).toBeNull();
    expect(cb('2026-08-31')?.path).toBe('callbackOn');
  });

  it('wants the reason written out when it is "other"', () => {
    expect(outcomeProblem({ outcome: 'declined', reason: 'other' }, today)?.path).toBe('reasonText');
    expect(outcomeProblem({ outcome: 'declined', reason: 'other', reasonText: '出国一年' }, today)).toBeNull();
    expect(outcomeProblem({ outcome: 'declined', reason: 'price' }, today)).toBeNull();
  });

  it('closes the policy on renewed or declined, and keeps a call back open on its date', () => {
    expect(outcomeEffect({ outcome: 'renewed' })).toEqual({ status: 'done', dueOn: null, closesPolicy: true });
    expect(outcomeEffect({ outcome: 'declined', reason: 'price' })).toEqual({ status: 'done', dueOn: null, closesPolicy: true });
    expect(outcomeEffect({ outcome: 'callback', callbackOn: '2026-06-05' })).toEqual({ status: 'open', dueOn: '2026-06-05', closesPolicy: false });
  });
});

describe('due groups', () => {
  it('sorts dates into overdue, today and this week', () => {
    expect(dueGroup('2026-05-31', '2026-06-01')).toBe('overdue');
    expect(dueGroup('2026-06-01', '2026-06-01')).toBe('today');
    expect(dueGroup('2026-06-07', '2026-06-01')).toBe('week');
    expect(dueGroup('2026-06-08', '2026-06-01')).toBeNull();
  });

  it('keeps a call back booked for later in view whatever its date, and makes it today\'s work on its day', () => {
    expect(taskGroup({ dueOn: '2026-07-30', outcome: 'callback' }, '2026-06-01')).toBe('callback');
    expect(taskGroup({ dueOn: '2026-06-02', outcome: 'callback' }, '2026-06-01')).toBe('callback');
    expect(taskGroup({ dueOn: '2026-06-01', outcome: 'callback' }, '2026-06-01')).toBe('today');
    expect(taskGroup({ dueOn: '2026-05-30', outcome: 'callback' }, '2026-06-01')).toBe('overdue');
    expect(taskGroup({ dueOn: '2026-07-30', outcome: null }, '2026-06-01')).toBeNull();
    expect(taskGroup({ dueOn: '2026-06-03', outcome: null }, '2026-06-01')).toBe('week');
  });
});
