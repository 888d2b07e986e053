import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SqlClient } from '../db/sql-client.js';

/** A web chat visitor's token lives half a day; the page renews it with the visitor's secret (a leaked token soon ends). */
const TTL_SECONDS = 12 * 3600;

export interface VisitorClaims {
  /** The channel identity (channel_identities.id) of this visitor. */
  identityId: string;
  visitorId: string;
  name: string;
  exp: number;
}

/**
 * Tokens for customers on the web chat: signed claims, like the agents'
 * access tokens, under a key of their own (a visitor token can never pass
 * for an agent's, nor the reverse).
 */
export async function createVisitorTokens(db: SqlClient) {
  await db.query(`INSERT INTO server_settings (key, value) VALUES ('visitor_token_key', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64')]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'visitor_token_key'`);
  const key = Buffer.from(row!.value, 'base64');
  const sign = (body: string) => createHmac('sha256', key).update(body).digest();

  return {
    issue(claims: Omit<VisitorClaims, 'exp'>): string {
      const body = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) + TTL_SECONDS })).toString('base64url');
      return `${body}.${sign(body).toString('base64url')}`;
    },
    check(token: string | undefined): VisitorClaims | null {
      const [body, mac, extra] = (token ?? '').split('.');
      if (!body || !mac || extra !== undefined) return null;
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as VisitorClaims;
        return claims.exp * 1000 > Date.now() ? claims : null;
      } catch {
        return null;
      }
    },
  };
}

export type VisitorTokens = Awaited<ReturnType<typeof createVisitorTokens>>;
