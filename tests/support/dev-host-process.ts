import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningDevHost {
  url: string;
  origin: string;
  cacheFile: string;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Start the real development host as its own process on loopback, with a
 * fresh SQLite cache in a temporary folder, and wait for its URL line.
 * The renderer must already be built (`npm run build:renderer`).
 */
export async function startDevHostProcess(args: string[] = ['--demo'], cacheFile?: string): Promise<RunningDevHost> {
  const dir = mkdtempSync(join(tmpdir(), 'motordesk-e2e-'));
  const cache = cacheFile ?? join(dir, 'cache.sqlite');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/node/devhost/cli.ts', '--cache', cache, '--logs', join(dir, 'logs'), '--port', '0', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`development host did not start in time\n${stderr}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /MOTORDESK_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`development host exited with ${code}\n${stderr}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    cacheFile: cache,
    dir,
    process: child,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}
