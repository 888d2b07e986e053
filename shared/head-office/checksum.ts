/**
 * A scope's checksum: the sum, modulo 2^32, of a hash of every live
 * record's (entity, id, version). Head office and desks both keep it up to
 * date one change at a time (add the new version's hash, take away the
 * old one's), so comparing two numbers tells a desk it has drifted without
 * either side reading the whole scope.
 */
const MOD = 2 ** 32;

/** FNV-1a over UTF-16 code units: plain arithmetic, the same in every process. */
export function recordHash(entity: string, id: string, version: number): number {
  const text = `${entity}:${id}:${version}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The checksum after a record moved from `before` (absent: null) to `after` (deleted: null). */
export function nextChecksum(checksum: number, entity: string, id: string, before: number | null, after: number | null): number {
  let next = checksum;
  if (before !== null) next = (next - recordHash(entity, id, before) + MOD) % MOD;
  if (after !== null) next = (next + recordHash(entity, id, after)) % MOD;
  return next;
}
