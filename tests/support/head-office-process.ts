import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import pg from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServiceProcess } from './service-process.js';

const CLI = ['--import', 'tsx', 'server/cli.ts'];

export interface RunningHeadOffice {
  url: string;
  dataDir: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'motordesk-ho-')), 'data');
}

/** The head office runs on embedded PGlite by default, or on a PostgreSQL server. */
export type Backend = 'pglite' | 'postgres';

/** A PostgreSQL server for tests, where `.ci/setup` started one (MOTORDESK_TEST_PG_URL). */
export const TEST_PG_URL = process.env.MOTORDESK_TEST_PG_URL;

/**
 * An empty store for one head office: a new PGlite folder, or a new
 * database on the test PostgreSQL server (passed as DATABASE_URL).
 */
export async function freshStore(backend: Backend): Promise<{ dataDir: string; env: NodeJS.ProcessEnv }> {
  const dataDir = tempDataDir();
  if (backend === 'pglite') return { dataDir, env: {} };
  if (!TEST_PG_URL) throw new Error('MOTORDESK_TEST_PG_URL is not set');
  const name = `motordesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return { dataDir, env: { DATABASE_URL: url.toString() } };
}

/** Run `server/cli.ts setup` (the first administrator); the password goes in on stdin. */
export function setupAdmin(dataDir: string, login: string, password: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [...CLI, 'setup', '--data', dataDir, '--login', login, '--name', '系统管理员'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdin.end(`${password}\n`);
    child.on('exit', (code) => ok({ code: code ?? -1, output }));
  });
}

/** Start the real head office as its own process on a free loopback port. */
export async function startHeadOffice(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningHeadOffice> {
  const service = await startServiceProcess('server/cli.ts', ['start', '--data', dataDir, '--port', '0'], 'HEAD_OFFICE_URL', env);
  return { url: service.announced, dataDir, process: service.process, stop: service.stop };
}

/** JSON over HTTP with an optional bearer token. */
export async function api(base: string, method: string, path: string, body?: unknown, token?: string, rawBody?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { raw: text };
  }
  return { status: res.status, body: json, headers: res.headers };
}

export const ADMIN_PASSWORD = 'Zongbu#2026-admin';

/**
 * A fresh head office (embedded PGlite unless `env` says otherwise) in its
 * own process, with its administrator `root` and one office holding the
 * given accounts, all with `password`.
 */
export async function startOfficeHeadOffice(
  office: { code: string; name: string },
  accounts: readonly (readonly [login: string, displayName: string, role: 'agent' | 'lead'])[],
  password: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ ho: RunningHeadOffice; dataDir: string; officeId: string; rootToken: string; accountIds: Record<string, string> }> {
  const { dataDir } = await freshStore('pglite');
  await setupAdmin(dataDir, 'root', ADMIN_PASSWORD, env);
  const ho = await startHeadOffice(dataDir, env);
  const rootToken = (await api(ho.url, 'POST', '/api/auth/login', { login: 'root', password: ADMIN_PASSWORD })).body.accessToken as string;
  const officeId = (await api(ho.url, 'POST', '/api/offices', office, rootToken)).body.id as string;
  const accountIds: Record<string, string> = {};
  for (const [login, displayName, role] of accounts) {
    accountIds[login] = (await api(ho.url, 'POST', '/api/accounts', { login, displayName, role, officeId, password }, rootToken)).body.id as string;
  }
  return { ho, dataDir, officeId, rootToken, accountIds };
}
