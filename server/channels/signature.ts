import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_WINDOW_SECONDS } from '../../shared/head-office/conversations.js';

/** The signature a channel puts on a delivery: hex HMAC-SHA256 of "<timestamp>.<raw body>" under its secret. */
export function signDelivery(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex')}`;
}

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'mismatch';

/** Checked in constant time; a timestamp outside the window is a replayed capture. */
export function checkDelivery(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: Buffer, nowMs = Date.now()): SignatureCheck {
  if (!timestamp || !signature) return 'missing';
  const ts = Number(timestamp);
  if (!/^\d{9,11}$/.test(timestamp) || Math.abs(nowMs / 1000 - ts) > SIGNATURE_WINDOW_SECONDS) return 'stale';
  const expected = Buffer.from(signDelivery(secret, timestamp, rawBody));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}
