/**
 * Wait before the next attempt after `failures` failed ones: doubling from
 * one second up to a minute, with ±50% jitter so a hundred desks coming
 * back after an outage do not all knock at once.
 */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random()));
}
