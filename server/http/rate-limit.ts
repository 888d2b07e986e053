/** At most `max` events per key in any `windowMs` (kept in memory: per instance, and forgotten on restart). */
export function createRateLimiter(max: number, windowMs: number) {
  const hits = new Map<string, number[]>();
  let sweep = Date.now();
  return {
    allow(key: string, now = Date.now()): boolean {
      if (now - sweep > windowMs) {
        for (const [k, times] of hits) if (times.every((t) => now - t > windowMs)) hits.delete(k);
        sweep = now;
      }
      const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
      if (recent.length >= max) {
        hits.set(key, recent);
        return false;
      }
      recent.push(now);
      hits.set(key, recent);
      return true;
    },
  };
}
