/**
 * Record ids are UUIDv7: time-ordered (good for SQLite b-trees) and random
 * enough that two field offices creating records offline never collide.
 */
let lastMs = -1;
let sequence = 0;

/**
 * Within one millisecond the 12-bit rand_a field is a counter (RFC 9562
 * method 1), so ids made in a burst still sort in creation order.
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    sequence++;
    if (sequence > 0xfff) {
      ms = lastMs + 1;
      sequence = 0;
    }
  } else {
    sequence = 0;
  }
  lastMs = ms;
  const big = BigInt(ms);
  for (let i = 0; i < 6; i++) bytes[i] = Number((big >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Ticket number (工单号) an agent can read out on the phone: GD + date +
 * 6 random Crockford characters. Random, not a counter, because offline
 * offices cannot share a counter.
 */
export const TICKET_NUMBER_PATTERN = /^GD\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;

export function ticketNumber(now: Date = new Date()): string {
  const y = now.getFullYear().toString().slice(2);
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  const tail = Array.from(bytes, (b) => CROCKFORD[b & 31]).join('');
  return `GD${y}${m}${d}-${tail}`;
}
