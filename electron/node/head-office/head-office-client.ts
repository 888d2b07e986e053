import { SessionTokens } from '../../../shared/head-office/auth.js';
import { PullResponse, PushResponse, type Cursor, type PushRequest } from '../../../shared/head-office/sync.js';
import type { z } from 'zod';
import type { TokenStore } from './token-store.js';

export type HeadOfficeFailure = 'OFFLINE' | 'UNAVAILABLE' | 'SIGN_IN_REQUIRED' | 'REFUSED' | 'BAD_RESPONSE';

/** Why a call to head office did not work, in terms the sync engine acts on. */
export class HeadOfficeError extends Error {
  constructor(
    readonly kind: HeadOfficeFailure,
    message: string,
    readonly status?: number,
    readonly code?: string,
    /** The fields a 400 names (head office's `issues`), so a form can show the reason at its field. */
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'HeadOfficeError';
  }
}

const isTimeout = (err: unknown) => err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');

export interface HeadOfficeClientOptions {
  baseUrl: string;
  tokens: TokenStore;
  timeoutMs?: number;
}

/**
 * The desk's HTTP client for head office. It signs in, keeps the session
 * in its token store, refreshes an expired access token once and retries,
 * and turns every failure into a HeadOfficeError: OFFLINE (no answer),
 * UNAVAILABLE (5xx), SIGN_IN_REQUIRED (the session is over; queued changes
 * wait for the agent), REFUSED (a 4xx with head office's reason).
 */
export function createHeadOfficeClient(options: HeadOfficeClientOptions) {
  const timeoutMs = options.timeoutMs ?? 15_000;

  const request = async (method: string, path: string, body: unknown, token?: string, retry = false, binary = false): Promise<{ status: number; json: unknown; bytes?: Buffer; type?: string }> => {
    const send = () =>
      fetch(`${options.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    let res: Response;
    try {
      // A kept-alive connection the line dropped fails at once: sync calls try once more on a new one
      // (a push is idempotent by mutation id, a pull reads). Sign-in and refresh never repeat themselves.
      res = await send().catch((err: unknown) => (retry && !isTimeout(err) ? send() : Promise.reject(err)));
    } catch (err) {
      throw new HeadOfficeError('OFFLINE', `head office did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (binary && res.ok) return { status: res.status, json: null, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') ?? '' };
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new HeadOfficeError('BAD_RESPONSE', `head office answered ${res.status} with something that is not JSON`, res.status);
    }
    return { status: res.status, json };
  };

  const fail = (status: number, json: unknown): never => {
    const error = (json as { error?: { code?: string; message?: string; issues?: { path: string; message: string }[] } } | null)?.error;
    if (status >= 500) throw new HeadOfficeError('UNAVAILABLE', error?.message ?? `head office error ${status}`, status, error?.code);
    const issues = Array.isArray(error?.issues) ? error.issues.filter((i) => typeof i?.path === 'string' && typeof i?.message === 'string') : undefined;
    throw new HeadOfficeError('REFUSED', error?.message ?? `refused (${status})`, status, error?.code, issues);
  };

  const parse = <T>(schema: z.ZodType<T>, json: unknown): T => {
    const r = schema.safeParse(json);
    if (!r.success) throw new HeadOfficeError('BAD_RESPONSE', 'head office answered in a shape this desk does not know');
    return r.data;
  };

  const keep = (tokens: SessionTokens) => {
    options.tokens.save({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accountId: tokens.account.id, login: tokens.account.login });
    return tokens;
  };

  /**
   * One refresh at a time: head office takes a refresh token used twice for
   * a stolen one and ends the session, and several calls (a sync round,
   * pictures, the lead's queue) can find the access token expired at once.
   */
  let refreshing: Promise<string> | null = null;
  /** Changes at every sign-in and sign-out: a refresh answered after one belongs to a session that is over. */
  let generation = 0;
  const refresh = (): Promise<string> => {
    refreshing ??= (async () => {
      const session = options.tokens.load();
      if (!session) throw new HeadOfficeError('SIGN_IN_REQUIRED', 'sign in to head office');
      const started = generation;
      const { status, json } = await request('POST', '/api/auth/refresh', { refreshToken: session.refreshToken });
      if (generation !== started) throw new HeadOfficeError('SIGN_IN_REQUIRED', 'signed out meanwhile');
      if (status === 401) {
        options.tokens.clear();
        throw new HeadOfficeError('SIGN_IN_REQUIRED', 'the head-office session is over; sign in again');
      }
      if (status !== 200) fail(status, json);
      return keep(parse(SessionTokens, json)).accessToken;
    })().finally(() => (refreshing = null));
    return refreshing;
  };

  /** An authenticated request: one refresh and retry when the access token has expired. */
  const authorized = async (method: string, path: string, body: unknown, binary = false) => {
    const session = options.tokens.load();
    if (!session) throw new HeadOfficeError('SIGN_IN_REQUIRED', 'sign in to head office');
    // Only reads and idempotent sync calls repeat themselves on a dropped connection.
    const retry = method === 'GET' || path.startsWith('/api/sync/');
    let res = await request(method, path, body, session.accessToken, retry, binary);
    if (res.status === 401) {
      // Another call may have refreshed meanwhile: its token first, a refresh of our own only if that fails too.
      const now = options.tokens.load()?.accessToken;
      const fresh = now && now !== session.accessToken ? now : await refresh();
      res = await request(method, path, body, fresh, retry, binary);
    }
    if (res.status === 401) {
      options.tokens.clear();
      throw new HeadOfficeError('SIGN_IN_REQUIRED', 'the head-office session is over; sign in again');
    }
    if (res.status !== 200 && res.status !== 201) fail(res.status, res.json);
    return res;
  };
  const call = async <T>(path: string, body: unknown, schema: z.ZodType<T>, method = 'POST'): Promise<T> =>
    parse(schema, (await authorized(method, path, body)).json);

  return {
    async signIn(login: string, password: string): Promise<SessionTokens> {
      generation++;
      const { status, json } = await request('POST', '/api/auth/login', { login, password });
      if (status !== 200) fail(status, json);
      return keep(parse(SessionTokens, json));
    },
    async signOut(): Promise<void> {
      generation++;
      const session = options.tokens.load();
      options.tokens.clear();
      if (session) await request('POST', '/api/auth/logout', { refreshToken: session.refreshToken }).catch(() => undefined);
    },
    push: (req: PushRequest) => call('/api/sync/push', req, PushResponse),
    pull: (clientId: string, cursor: Cursor, limit = 1000) => call('/api/sync/pull', { clientId, cursor, limit }, PullResponse),
    /** Any other head-office call, its answer checked against `schema`. */
    get: <T>(path: string, schema: z.ZodType<T>) => call(path, undefined, schema, 'GET'),
    send: <T>(method: 'POST' | 'PUT', path: string, body: unknown, schema: z.ZodType<T>) => call(path, body, schema, method),
    /** Bytes (a picture) and their type. */
    async bytes(path: string): Promise<{ bytes: Buffer; type: string }> {
      const res = await authorized('GET', path, undefined, true);
      return { bytes: res.bytes ?? Buffer.alloc(0), type: res.type ?? '' };
    },
  };
}

export type HeadOfficeClient = ReturnType<typeof createHeadOfficeClient>;
