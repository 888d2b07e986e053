import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Short-lived access tokens: base64url(JSON claims) + "." + HMAC-SHA256.
 * Every instance shares the key (stored in the database), so any of them
 * can check a token another issued.
 */
export const AccessClaims = z.object({
  sub: z.string().uuid(),
  role: z.enum(['agent', 'lead', 'admin']),
  office: z.string().uuid().nullable(),
  /** The sign-in session (refresh-token family): revoking it ends this token too. */
  sid: z.string().uuid(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessClaims = z.infer<typeof AccessClaims>;

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

export function issueAccessToken(key: Buffer, claims: Omit<AccessClaims, 'iat' | 'exp'>, ttlSeconds: number, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const body = Buffer.from(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds })).toString('base64url');
  return `${body}.${sign(key, body).toString('base64url')}`;
}

export type TokenCheck = { ok: true; claims: AccessClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export function checkAccessToken(key: Buffer, token: string, nowMs = Date.now()): TokenCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(mac, 'base64url');
  const expected = sign(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let claims: AccessClaims;
  try {
    claims = AccessClaims.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
