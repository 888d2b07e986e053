import { afterEach, describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDateTime, formatStamp } from './format';
import { i18n } from './index';

const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

describe('dates in the agent’s language', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('writes English dates with the month named, never month/day', async () => {
    await i18n.changeLanguage('en');
    expect(formatCalendarDate('2025-11-12')).toBe('12 Nov 2025');
    expect(formatCalendarDate('2025-03-04')).toBe('4 Mar 2025');
    expect(formatDateTime(at(2025, 11, 12, 14, 5))).toBe('12 Nov 2025, 14:05');
    expect(formatStamp(at(2025, 3, 4, 9, 30), at(2025, 11, 12, 12))).toBe('4 Mar, 09:30');
    expect(formatStamp(at(2024, 3, 4, 9, 30), at(2025, 11, 12, 12))).toBe('4 Mar 2024, 09:30');
    expect(formatStamp(at(2025, 11, 12, 9, 30), at(2025, 11, 12, 12))).toBe('09:30');
  });

  it('keeps Chinese dates year/month/day', () => {
    expect(formatCalendarDate('2025-11-12')).toBe('2025/11/12');
    expect(formatDateTime(at(2025, 11, 12, 14, 5))).toBe('2025/11/12 14:05');
    expect(formatStamp(at(2025, 3, 4, 9, 30), at(2025, 11, 12, 12))).toBe('03/04 09:30');
  });

  it('leaves a date it cannot read as it is', () => {
    expect(formatCalendarDate('soon')).toBe('soon');
  });
});
