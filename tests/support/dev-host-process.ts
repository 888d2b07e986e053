import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOfficeHeadOffice } from './head-office-process.js';
import { startServiceProcess } from './service-process.js';

export interface RunningDevHost {
  url: string;
  origin: string;
  cacheFile: string;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Start the real development host as its own process on loopback, with a
 * fresh SQLite cache in a temporary folder, and wait for its URL line.
 * The renderer must already be built (`npm run build:renderer`); a build
 * elsewhere is named by MOTORDESK_RENDERER_DIR.
 */
export async function startDevHostProcess(args: string[] = ['--demo'], cacheFile?: string): Promise<RunningDevHost> {
  const dir = mkdtempSync(join(tmpdir(), 'motordesk-e2e-'));
  const cache = cacheFile ?? join(dir, 'cache.sqlite');
  const service = await startServiceProcess('electron/node/devhost/cli.ts', ['--cache', cache, '--logs', join(dir, 'logs'), '--port', '0', ...(process.env.MOTORDESK_RENDERER_DIR ? ['--renderer', process.env.MOTORDESK_RENDERER_DIR] : []), ...args], 'MOTORDESK_URL', {}, 30_000);
  const url = service.announced;
  return {
    url,
    origin: new URL(url).origin,
    cacheFile: cache,
    dir,
    process: service.process,
    stop: () => service.stop(),
  };
}

/**
 * A fresh head office with one office and its accounts (see
 * `startOfficeHeadOffice`), and a development host signed to it for each
 * account, keyed by login: the staff of an office at their own desks.
 */
export async function startOfficeWithDesks(...args: Parameters<typeof startOfficeHeadOffice>): Promise<Awaited<ReturnType<typeof startOfficeHeadOffice>> & { hosts: Record<string, RunningDevHost> }> {
  const started = await startOfficeHeadOffice(...args);
  const hosts: Record<string, RunningDevHost> = {};
  for (const [login] of args[1]) hosts[login] = await startDevHostProcess(['--head-office', started.ho.url]);
  return { ...started, hosts };
}
