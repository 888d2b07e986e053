import { describe, expect, it } from 'vitest';
import { createThrottle } from './throttle';

describe('createThrottle', () => {
  it('lets one through per interval and key', () => {
    const allow = createThrottle(2000);
    expect(allow('a', 0)).toBe(true);
    expect(allow('a', 500)).toBe(false);
    expect(allow('a', 1999)).toBe(false);
    expect(allow('b', 1999)).toBe(true);
    expect(allow('a', 2000)).toBe(true);
    expect(allow('a', 3000)).toBe(false);
  });
});
