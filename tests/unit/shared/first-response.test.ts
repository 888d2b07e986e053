import { describe, expect, it } from 'vitest';
import { responseTimerState } from '../../../shared/domain/first-response.js';

describe('first-response timer (30 s text target)', () => {
  const t0 = 1_700_000_000_000;
  it('is idle when nobody is waiting', () => expect(responseTimerState(null, t0)).toBe('idle'));
  it('is ok in the first 20 seconds', () => expect(responseTimerState(t0, t0 + 19_999)).toBe('ok'));
  it('turns amber from 20 seconds', () => expect(responseTimerState(t0, t0 + 20_000)).toBe('warn'));
  it('turns red at 30 seconds', () => expect(responseTimerState(t0, t0 + 30_000)).toBe('breached'));
});
