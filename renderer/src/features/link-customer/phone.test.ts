import { describe, expect, it } from 'vitest';
import { isMobileNumber, normalizePhone } from './phone';

describe('mobile numbers', () => {
  it('accepts 11 digits starting with 1, with the usual separators and +86', () => {
    expect(normalizePhone('138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('8613800138000')).toBe('13800138000');
    expect(isMobileNumber('13800138000')).toBe(true);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '1380013800', '138001380001', '23800138000', '1380013800a', '010-12345678']) expect(isMobileNumber(bad), bad).toBe(false);
  });
});
