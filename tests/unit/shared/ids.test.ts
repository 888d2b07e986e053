import { describe, expect, it } from 'vitest';
import { TICKET_NUMBER_PATTERN, ticketNumber, uuidv7 } from '../../../shared/domain/ids.js';

describe('record ids', () => {
  it('makes RFC 9562 version-7 UUIDs', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('orders by creation time', () => {
    const a = uuidv7(1_000);
    const b = uuidv7(2_000);
    expect(a < b).toBe(true);
  });

  it('does not collide across many offline creations', () => {
    const ids = new Set(Array.from({ length: 20_000 }, () => uuidv7(42)));
    expect(ids.size).toBe(20_000);
  });

  it('makes readable ticket numbers with the local date', () => {
    const no = ticketNumber(new Date(2026, 10, 25));
    expect(no).toMatch(TICKET_NUMBER_PATTERN);
    expect(no.startsWith('GD261125-')).toBe(true);
  });
});

describe('uuidv7 within one millisecond', () => {
  it('sorts in creation order', () => {
    const ids = Array.from({ length: 5_000 }, () => uuidv7(1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
