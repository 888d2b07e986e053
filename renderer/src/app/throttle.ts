/**
 * At most one `true` per key every `intervalMs`: for notices that only
 * need to say "still happening" (the agent is typing).
 */
export function createThrottle(intervalMs: number): (key: string, now?: number) => boolean {
  const last = new Map<string, number>();
  return (key, now = Date.now()) => {
    const at = last.get(key);
    if (at !== undefined && now - at < intervalMs) return false;
    last.set(key, now);
    return true;
  };
}
