import { describe, expect, it } from 'vitest';
import { formatOfficeDateTime, instantOfOfficeInput, officeInputValue } from './office-time';

describe('date-time fields in the office\'s time', () => {
  it('reads 15:00 as 15:00 at a China office whatever the desk\'s own zone', () => {
    expect(instantOfOfficeInput('2026-03-10T15:00', 480)).toBe(Date.parse('2026-03-10T15:00:00+08:00'));
    expect(instantOfOfficeInput('2026-03-10T15:00', 420)).toBe(Date.parse('2026-03-10T15:00:00+07:00'));
  });

  it('writes an instant back as the office\'s clock shows it', () => {
    expect(officeInputValue(Date.parse('2026-03-10T07:00:00Z'), 480)).toBe('2026-03-10T15:00');
    const at = Date.parse('2026-12-31T23:30:00+08:00');
    expect(instantOfOfficeInput(officeInputValue(at, 480), 480)).toBe(at);
  });

  it('names no instant for an empty, malformed, impossible or far-future value', () => {
    expect(instantOfOfficeInput('', 480)).toBeNull();
    expect(instantOfOfficeInput('2026-03-10 15:00', 480)).toBeNull();
    expect(instantOfOfficeInput('2026-02-30T10:00', 480)).toBeNull();
    expect(instantOfOfficeInput('275760-01-01T00:00', 480)).toBeNull();
    expect(instantOfOfficeInput('2200-01-01T00:00', 480)).toBeNull();
  });

  it('shows an instant on the office\'s clock, the one the field is typed in, whatever zone the desk runs in', () => {
    // Run under TZ=UTC and TZ=America/New_York as well: 02:00 typed at a China office reads 02:00.
    const typed = instantOfOfficeInput('2026-11-27T02:00', 480)!;
    expect(formatOfficeDateTime(typed, 480)).toBe('2026/11/27 02:00');
    expect(formatOfficeDateTime(Date.parse('2026-11-26T18:00:00Z'), 480)).toBe('2026/11/27 02:00');
    expect(formatOfficeDateTime(Date.parse('2026-11-26T18:00:00Z'), 0)).toBe('2026/11/26 18:00');
    expect(formatOfficeDateTime(Date.parse('2026-03-10T07:00:00Z'), 480)).toBe(officeInputValue(Date.parse('2026-03-10T07:00:00Z'), 480).replace(/-/g, '/').replace('T', ' '));
  });
});
