import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface ServiceProcess {
  /** What the service printed after `NAME=` on its ready line. */
  announced: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Start one of the project's services (`node --import tsx <script> …`) as a
 * real process and wait for the line on which it announces itself
 * (`MOTORDESK_URL=…`, `HEAD_OFFICE_URL=…`).
 */
export async function startServiceProcess(script: string, args: string[], readyKey: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 60_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const announced = await new Promise<string>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`${script} did not start in time\n${stderr}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = new RegExp(`${readyKey}=(\\S+)`).exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${script} exited with ${code}\n${stderr}`));
    });
  });
  return {
    announced,
    process: child,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null || child.signalCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill(signal);
      }),
  };
}
