import { createHmac, randomInt } from 'node:crypto';
import { api } from './head-office-process.js';

/**
 * A channel gateway as head office's webhook expects it: JSON deliveries
 * signed with the channel's secret. The signature is computed here from
 * the documented rule (hex HMAC-SHA256 of "<timestamp>.<raw body>"), not
 * with head office's own code, so a test checks the rule itself.
 */
export function signature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Unix seconds now (or `offsetSeconds` away from now). */
export const unixNow = (offsetSeconds = 0) => String(Math.floor(Date.now() / 1000) + offsetSeconds);

/** POST a raw body to a channel's webhook with exactly these headers (a forged or broken request, say). */
export async function postRaw(base: string, channel: string, rawBody: string, headers: Record<string, string>) {
  const res = await fetch(`${base}/api/channels/${channel}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body };
}

/** A delivery signed as the gateway signs it (timestamp now unless told). */
export function deliver(base: string, channel: string, secret: string, delivery: unknown, timestamp = unixNow()) {
  const raw = JSON.stringify(delivery);
  return postRaw(base, channel, raw, { 'x-motordesk-timestamp': timestamp, 'x-motordesk-signature': signature(secret, timestamp, raw) });
}

/** A mobile number nobody else in a test run uses (139 + 8 random digits). */
export const randomMobile = () => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;

/** Set (or rotate) a channel's secret as head office's administrator. */
export async function channelSecret(base: string, channel: string, adminToken: string): Promise<string> {
  const r = await api(base, 'POST', `/api/channels/${channel}/secret`, {}, adminToken);
  if (r.status !== 200) throw new Error(`no ${channel} secret: ${JSON.stringify(r.body)}`);
  return r.body.secret as string;
}

/**
 * A customer texting from a mobile number through the signed SMS webhook.
 * `send` answers with head office's reply: { messageId, conversationId, duplicate }.
 */
export function smsCustomer(base: string, secret: string, number = randomMobile()) {
  return {
    number,
    async send(text: string, o: { topic?: string; messageId?: string } = {}) {
      const r = await deliver(base, 'sms', secret, { messageId: o.messageId ?? crypto.randomUUID(), from: { id: number }, ...(o.topic ? { topic: o.topic } : {}), content: { type: 'text', text } });
      if (r.status !== 200) throw new Error(`the SMS from ${number} was refused: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { messageId: string; conversationId: string; duplicate: boolean };
    },
  };
}
