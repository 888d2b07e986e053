/**
 * First-response timer for text channels. The training course asks for a
 * first reply within 30 seconds on text chat (phone: pick up within 10 s).
 */
export const FIRST_RESPONSE_TARGET_MS = 30_000;
/** Amber from two thirds of the target, so the agent still has time to act. */
export const FIRST_RESPONSE_WARN_MS = 20_000;

export type ResponseTimerState = 'idle' | 'ok' | 'warn' | 'breached';

export function responseTimerState(awaitingSince: number | null, now: number): ResponseTimerState {
  if (awaitingSince === null) return 'idle';
  const waited = now - awaitingSince;
  if (waited >= FIRST_RESPONSE_TARGET_MS) return 'breached';
  if (waited >= FIRST_RESPONSE_WARN_MS) return 'warn';
  return 'ok';
}
