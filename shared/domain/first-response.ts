import type { Channel } from './channels.js';

/**
 * First-response targets from the training course: text chat (APP, WeChat,
 * web chat, SMS) within 30 seconds; public social media (Weibo) within 30
 * minutes; a phone call is picked up within 10 seconds, and is logged by
 * the agent afterwards, so a logged call runs no timer.
 */
export const FIRST_RESPONSE_TARGET_MS: Record<Channel, number | null> = {
  app: 30_000,
  wechat: 30_000,
  webchat: 30_000,
  sms: 30_000,
  weibo: 30 * 60_000,
  phone: null,
};

/** Amber from two thirds of the target, so the agent still has time to act. */
const WARN_FRACTION = 2 / 3;

export type ResponseTimerState = 'idle' | 'ok' | 'warn' | 'breached';

export function responseTimerState(channel: Channel, awaitingSince: number | null, now: number): ResponseTimerState {
  const target = FIRST_RESPONSE_TARGET_MS[channel];
  if (awaitingSince === null || target === null) return 'idle';
  const waited = now - awaitingSince;
  if (waited >= target) return 'breached';
  if (waited >= target * WARN_FRACTION) return 'warn';
  return 'ok';
}
