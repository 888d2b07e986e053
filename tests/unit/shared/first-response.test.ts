import { describe, expect, it } from 'vitest';
import { responseTimerState } from '../../../shared/domain/first-response.js';

describe('first-response timer', () => {
  const t0 = 1_700_000_000_000;
  it('is idle when nobody is waiting', () => expect(responseTimerState('app', null, t0)).toBe('idle'));

  describe('text chat: 30 s', () => {
    it('is ok in the first 20 seconds', () => expect(responseTimerState('wechat', t0, t0 + 19_999)).toBe('ok'));
    it('turns amber from 20 seconds', () => expect(responseTimerState('webchat', t0, t0 + 20_000)).toBe('warn'));
    it('turns red at 30 seconds', () => expect(responseTimerState('sms', t0, t0 + 30_000)).toBe('breached'));
  });

  describe('Weibo: 30 min', () => {
    it('is still fine after a minute', () => expect(responseTimerState('weibo', t0, t0 + 60_000)).toBe('ok'));
    it('turns amber at 20 minutes and red at 30', () => {
      expect(responseTimerState('weibo', t0, t0 + 20 * 60_000)).toBe('warn');
      expect(responseTimerState('weibo', t0, t0 + 30 * 60_000)).toBe('breached');
    });
  });

  it('runs no timer on a logged phone call', () => expect(responseTimerState('phone', t0, t0 + 3_600_000)).toBe('idle'));
});
