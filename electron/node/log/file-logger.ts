import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactPersonalData } from '../../../shared/domain/masking.js';

export type LogLevel = 'info' | 'warn' | 'error';

export interface FileLogger {
  info(message: string): void;
  warn(message: string, err?: unknown): void;
  error(message: string, err?: unknown): void;
  /** Today's file, for the "open logs" menu and tests. */
  currentFile(): string;
}

const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Main-process log, one file per local day (motordesk-YYYY-MM-DD.log).
 * Every line passes through redaction, so an ID number or mobile number
 * that slips into a message or a stack trace is never written in clear.
 */
export function createFileLogger(dir: string, now: () => Date = () => new Date()): FileLogger {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fileFor = (d: Date) => join(dir, `motordesk-${localDay(d)}.log`);
  const write = (level: LogLevel, message: string, err?: unknown) => {
    const d = now();
    const detail = err instanceof Error ? ` ${err.stack ?? err.message}` : err === undefined ? '' : ` ${String(err)}`;
    const line = `${d.toISOString()} ${level.toUpperCase()} ${message}${detail}`.replace(/\r?\n/g, '\n    ');
    appendFileSync(fileFor(d), `${redactPersonalData(line)}\n`, { mode: 0o600 });
  };
  return {
    info: (m) => write('info', m),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
    currentFile: () => fileFor(now()),
  };
}
