import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api, freshStore, setupAdmin, startHeadOffice, type Backend, type RunningHeadOffice } from '../../support/head-office-process.js';


/** The head-office accounts and sign-in suite, run against each database backend. */
export function authSuite(backend: Backend): void {
  const ADMIN_PASSWORD = 'Zongbu#2026-admin';
  let ho: RunningHeadOffice;
  let admin = '';
  let officeA: string;
  let officeB: string;

  beforeAll(async () => {
    const { dataDir, env } = await freshStore(backend);
    const short = await setupAdmin(dataDir, 'root', 'short', env);
    expect(short.code).not.toBe(0);
    expect(short.output).toContain('at least 10 characters');
    const created = await setupAdmin(dataDir, 'root', ADMIN_PASSWORD, env);
    expect(created).toMatchObject({ code: 0 });
    ho = await startHeadOffice(dataDir, { ...env, MOTORDESK_ACCESS_TTL_S: '2', MOTORDESK_MAX_LOGIN_FAILURES: '4' });
    admin = (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: ADMIN_PASSWORD })).body.accessToken;
    officeA = (await api(ho.url, 'POST', '/api/offices', { code: 'NJ01', name: '南京网点' }, admin)).body.id;
    officeB = (await api(ho.url, 'POST', '/api/offices', { code: 'SZ01', name: '苏州网点' }, admin)).body.id;
  }, 120_000);
  afterAll(async () => {
    await ho?.stop();
  });

  // Access tokens live 2 s here (to test expiry), so the administrator signs in again before each test.
  beforeEach(async () => {
    admin = (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: ADMIN_PASSWORD })).body.accessToken;
  });

  const createAgent = (login: string, role = 'agent', officeId = officeA) =>
    api(ho.url, 'POST', '/api/accounts', { login, displayName: `坐席${login}`, role, officeId, password: 'Zuoxi#2026-pass' }, admin);
  const login = (name: string, password = 'Zuoxi#2026-pass') => api(ho.url, 'POST', '/api/auth/login', { login: name, password });

  describe(`head office on ${backend}: accounts and sign-in`, () => {
    it('has no account until the setup command makes the administrator', async () => {
      expect((await login('admin', 'admin')).status).toBe(401);
      expect((await api(ho.url, 'GET', '/api/me', undefined, admin)).body).toMatchObject({ login: 'root', role: 'admin', officeId: null });
    });

    it('signs an agent in and knows who they are', async () => {
      expect((await createAgent('wang01')).status).toBe(201);
      const session = await login('wang01');
      expect(session.status).toBe(200);
      expect(session.body).toMatchObject({ expiresIn: 2, account: { login: 'wang01', role: 'agent', officeId: officeA } });
      expect((await api(ho.url, 'GET', '/api/me', undefined, session.body.accessToken)).body.login).toBe('wang01');
    });

    it('stores no password in clear', async () => {
      const accounts = (await api(ho.url, 'GET', '/api/accounts', undefined, admin)).body as object[];
      expect(JSON.stringify(accounts)).not.toContain('Zuoxi#2026-pass');
      expect(JSON.stringify(accounts)).not.toContain('password');
    });

    it('refuses no token, a forged token and an expired one', async () => {
      expect((await api(ho.url, 'GET', '/api/me')).body.error.code).toBe('UNAUTHENTICATED');
      const forged = `${Buffer.from(JSON.stringify({ sub: '00000000-0000-4000-8000-000000000000', role: 'admin', office: null, iat: 0, exp: 4e9 })).toString('base64url')}.AAAA`;
      expect((await api(ho.url, 'GET', '/api/me', undefined, forged)).status).toBe(401);
      const session = await login('wang01');
      await new Promise((r) => setTimeout(r, 2_200));
      const expired = await api(ho.url, 'GET', '/api/me', undefined, session.body.accessToken);
      expect(expired).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_EXPIRED' } } });
      const refreshed = await api(ho.url, 'POST', '/api/auth/refresh', { refreshToken: session.body.refreshToken });
      expect(refreshed.status).toBe(200);
      expect((await api(ho.url, 'GET', '/api/me', undefined, refreshed.body.accessToken)).status).toBe(200);
    });

    it('revokes a whole session when a used refresh token comes back', async () => {
      const session = await login('wang01');
      const first = await api(ho.url, 'POST', '/api/auth/refresh', { refreshToken: session.body.refreshToken });
      expect(first.status).toBe(200);
      const replay = await api(ho.url, 'POST', '/api/auth/refresh', { refreshToken: session.body.refreshToken });
      expect(replay.status).toBe(401);
      expect((await api(ho.url, 'POST', '/api/auth/refresh', { refreshToken: first.body.refreshToken })).status).toBe(401);
    });

    it('holds the limit against guesses sent in parallel', async () => {
      await createAgent('qian06');
      const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => login('qian06', i === 19 ? 'Zuoxi#2026-pass' : `guess-${i}`)));
      expect(guesses.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
      expect(guesses.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(15);
    });

    it('treats logins without regard to case, and never makes two that differ only in case', async () => {
      expect((await createAgent('Feng07')).body.login).toBe('feng07');
      expect((await createAgent('FENG07')).status).toBe(409);
      expect((await login('FeNg07')).status).toBe(200);
    });

    it('ends the access token with its session at sign-out', async () => {
      await createAgent('chu08');
      const session = (await login('chu08')).body;
      expect((await api(ho.url, 'GET', '/api/me', undefined, session.accessToken)).status).toBe(200);
      expect((await api(ho.url, 'POST', '/api/auth/logout', { refreshToken: session.refreshToken })).status).toBe(200);
      expect((await api(ho.url, 'GET', '/api/me', undefined, session.accessToken)).status).toBe(401);
    });

    it('rate-limits failed sign-ins, even when the right password follows', async () => {
      await createAgent('li02');
      for (let i = 0; i < 4; i++) expect((await login('li02', `wrong-password-${i}`)).status).toBe(401);
      const limited = await login('li02');
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('enforces roles: only an administrator manages accounts, nobody raises their own role', async () => {
      await createAgent('zhao03');
      const agent = (await login('zhao03')).body;
      expect((await api(ho.url, 'POST', '/api/accounts', { login: 'evil', displayName: 'x', role: 'admin', officeId: null, password: 'Zuoxi#2026-pass' }, agent.accessToken)).status).toBe(403);
      expect((await api(ho.url, 'PATCH', `/api/accounts/${agent.account.id}`, { role: 'admin' }, agent.accessToken)).status).toBe(403);
      expect((await api(ho.url, 'GET', '/api/accounts', undefined, agent.accessToken)).status).toBe(403);
      expect((await api(ho.url, 'POST', '/api/offices', { code: 'X1', name: 'x' }, agent.accessToken)).status).toBe(403);
    });

    it('applies a change of office, role or access at once, not at the next sign-in', async () => {
      await createAgent('sun04');
      const agent = (await login('sun04')).body;
      await api(ho.url, 'PATCH', `/api/accounts/${agent.account.id}`, { officeId: officeB, role: 'lead' }, admin);
      expect((await api(ho.url, 'GET', '/api/me', undefined, agent.accessToken)).body).toMatchObject({ role: 'lead', officeId: officeB });
      await api(ho.url, 'PATCH', `/api/accounts/${agent.account.id}`, { disabled: true }, admin);
      expect((await api(ho.url, 'GET', '/api/me', undefined, agent.accessToken)).status).toBe(401);
      expect((await login('sun04')).status).toBe(401);
    });

    it('answers bad input with a clear 4xx and writes nothing', async () => {
      const before = ((await api(ho.url, 'GET', '/api/accounts', undefined, admin)).body as unknown[]).length;
      const badJson = await api(ho.url, 'POST', '/api/accounts', undefined, admin, '{"login": ');
      expect(badJson).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
      const wrongTypes = await api(ho.url, 'POST', '/api/accounts', { login: 42, displayName: [], role: 'god', officeId: 'x', password: 1 }, admin);
      expect(wrongTypes.status).toBe(400);
      expect(wrongTypes.body.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['login', 'role', 'password']));
      const extra = await api(ho.url, 'POST', '/api/accounts', { login: 'zz01', displayName: 'z', role: 'agent', officeId: officeA, password: 'Zuoxi#2026-pass', isAdmin: true }, admin);
      expect(extra.status).toBe(400);
      const huge = await api(ho.url, 'POST', '/api/accounts', { login: 'zz02', displayName: 'z'.repeat(2_000_000), role: 'agent', officeId: officeA, password: 'Zuoxi#2026-pass' }, admin);
      expect(huge).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
      const noOffice = await api(ho.url, 'POST', '/api/accounts', { login: 'zz03', displayName: 'z', role: 'agent', officeId: null, password: 'Zuoxi#2026-pass' }, admin);
      expect(noOffice.status).toBe(400);
      const taken = await createAgent('wang01');
      expect(taken).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } });
      expect(((await api(ho.url, 'GET', '/api/accounts', undefined, admin)).body as unknown[]).length).toBe(before);
    });

    it.runIf(backend === 'pglite')('refuses a second process on the same embedded data folder', async () => {
      const second = await setupAdmin(ho.dataDir, 'root2', ADMIN_PASSWORD);
      expect(second.code).not.toBe(0);
      expect(second.output).toMatch(/the head office in .* is running \(process \d+\): stop it first/);
    });

    it.runIf(backend === 'pglite')('keeps every file of the embedded data folder to its own user', () => {
      const open = readdirSync(ho.dataDir, { recursive: true, withFileTypes: true }).filter((e) => (statSync(join(e.parentPath, e.name)).mode & 0o077) !== 0);
      expect(open.map((e) => e.name)).toEqual([]);
    });

    it('refuses names with nothing visible in them', async () => {
      for (const displayName of ['\u3164', '\u200b\u200b', ' \u0301 ', '\u202e']) {
        expect((await api(ho.url, 'POST', '/api/offices', { code: 'BAD1', name: displayName }, admin)).status).toBe(400);
      }
    });
  });

  describe(`head office on ${backend}: the setup command`, () => {
    it('makes one administrator, checks the login, and is refused once one exists', async () => {
      const { dataDir, env } = await freshStore(backend);
      const badLogin = await setupAdmin(dataDir, 'chief admin', ADMIN_PASSWORD, env);
      expect(badLogin.code).not.toBe(0);
      expect(await setupAdmin(dataDir, 'chief', ADMIN_PASSWORD, env)).toMatchObject({ code: 0 });
      const again = await setupAdmin(dataDir, 'chief2', ADMIN_PASSWORD, env);
      expect(again.code).not.toBe(0);
      expect(again.output).toContain('exists already');
    }, 60_000);
  });
}
