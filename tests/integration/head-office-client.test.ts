import { randomUUID } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoffMs } from '../../electron/node/head-office/backoff.js';
import { createHeadOfficeClient, HeadOfficeError } from '../../electron/node/head-office/head-office-client.js';
import { fileTokenStore } from '../../electron/node/head-office/token-store.js';
import { ticketNumber, uuidv7 } from '../../shared/domain/ids.js';
import { api, freshStore, setupAdmin, startHeadOffice, type RunningHeadOffice } from '../support/head-office-process.js';

let ho: RunningHeadOffice;
const tokenFile = join(mkdtempSync(join(tmpdir(), 'md-desk-')), 'head-office-session.json');

beforeAll(async () => {
  const { dataDir, env } = await freshStore('pglite');
  await setupAdmin(dataDir, 'root', 'Zongbu#2026-admin', env);
  ho = await startHeadOffice(dataDir, { ...env, MOTORDESK_ACCESS_TTL_S: '1' });
  const root = (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: 'Zongbu#2026-admin' })).body.accessToken;
  const office = (await api(ho.url, 'POST', '/api/offices', { code: 'NJ01', name: '南京网点' }, root)).body.id;
  await api(ho.url, 'POST', '/api/accounts', { login: 'wang01', displayName: '王坐席', role: 'agent', officeId: office, password: 'Zuoxi#2026-pass' }, root);
}, 120_000);
afterAll(async () => {
  await ho?.stop();
});

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    if (err instanceof HeadOfficeError) return err;
    throw err;
  }
  throw new Error('expected a HeadOfficeError');
};

describe('desk → head office client', () => {
  it('refuses wrong credentials with head office\'s reason', async () => {
    const client = createHeadOfficeClient({ baseUrl: ho.url, tokens: fileTokenStore(tokenFile) });
    const err = await failure(client.signIn('wang01', 'not-the-password'));
    expect(err).toMatchObject({ kind: 'REFUSED', status: 401, code: 'UNAUTHENTICATED' });
  });

  it('signs in, keeps the session in a file only this user can read, and pushes and pulls', async () => {
    const client = createHeadOfficeClient({ baseUrl: ho.url, tokens: fileTokenStore(tokenFile) });
    await client.signIn('wang01', 'Zuoxi#2026-pass');
    expect(statSync(tokenFile).mode & 0o077).toBe(0);
    const ticket = { id: uuidv7(), eventId: uuidv7(), ticketNo: ticketNumber(), type: 'consultation', category: '续保', priority: 'normal', title: '续保咨询', description: '', conversationId: null, customerId: null, at: Date.now() };
    const pushed = await client.push({ clientId: randomUUID(), epoch: null, mutations: [{ mutationId: 1, name: 'ticket.create', args: ticket }] });
    expect(pushed.results).toEqual([{ mutationId: 1, status: 'applied' }]);
    const pulled = await client.pull(randomUUID(), { epoch: null, scopes: {} });
    expect(pulled.changes.some((c) => c.entity === 'ticket' && c.id === ticket.id)).toBe(true);
  });

  it('refreshes an expired access token on its own, from the stored session', async () => {
    await new Promise((r) => setTimeout(r, 1_300));
    const before = fileTokenStore(tokenFile).load()!;
    const client = createHeadOfficeClient({ baseUrl: ho.url, tokens: fileTokenStore(tokenFile) });
    const pulled = await client.pull(randomUUID(), { epoch: null, scopes: {} });
    expect(pulled.changes.length).toBeGreaterThan(0);
    expect(fileTokenStore(tokenFile).load()!.refreshToken).not.toBe(before.refreshToken);
  });

  it('refreshes once when several calls find the token expired together, so the session survives', async () => {
    await new Promise((r) => setTimeout(r, 1_300));
    const client = createHeadOfficeClient({ baseUrl: ho.url, tokens: fileTokenStore(tokenFile) });
    // Head office ends a session whose refresh token is used twice: six calls at once must share one refresh.
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.get('/api/me', z.object({ login: z.string() }))));
    expect(answers.map((a) => a.login)).toEqual(Array(6).fill('wang01'));
    await new Promise((r) => setTimeout(r, 1_300));
    expect((await client.get('/api/me', z.object({ login: z.string() }))).login).toBe('wang01');
  });

  it('asks for sign-in once the session is over, and forgets it', async () => {
    const client = createHeadOfficeClient({ baseUrl: ho.url, tokens: fileTokenStore(tokenFile) });
    await client.signOut();
    expect(fileTokenStore(tokenFile).load()).toBeNull();
    expect(await failure(client.pull(randomUUID(), { epoch: null, scopes: {} }))).toMatchObject({ kind: 'SIGN_IN_REQUIRED' });
  });

  it('tells "offline" from a refusal', async () => {
    const client = createHeadOfficeClient({ baseUrl: 'http://127.0.0.1:9', tokens: fileTokenStore(tokenFile), timeoutMs: 2_000 });
    expect(await failure(client.signIn('wang01', 'Zuoxi#2026-pass'))).toMatchObject({ kind: 'OFFLINE' });
  });
});

describe('retry backoff', () => {
  it('doubles from about a second up to about a minute, with jitter', () => {
    expect(backoffMs(1, () => 0.5)).toBe(1_000);
    expect(backoffMs(4, () => 0.5)).toBe(8_000);
    expect(backoffMs(20, () => 0.5)).toBe(60_000);
    expect(backoffMs(3, () => 0)).toBe(2_000);
    expect(backoffMs(3, () => 0.999)).toBeLessThan(6_000);
  });
});
