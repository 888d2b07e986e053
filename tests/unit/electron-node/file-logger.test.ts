import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../electron/node/log/file-logger.js';

describe('main-process log', () => {
  it('writes one file per local day', () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-log-'));
    let now = new Date(2026, 10, 25, 23, 59);
    const log = createFileLogger(dir, () => now);
    log.info('before midnight');
    now = new Date(2026, 10, 26, 0, 1);
    log.info('after midnight');
    expect(readdirSync(dir).sort()).toEqual(['motordesk-2026-11-25.log', 'motordesk-2026-11-26.log']);
    expect(statSync(join(dir, 'motordesk-2026-11-26.log')).mode & 0o077).toBe(0);
  });

  it('never writes ID numbers or mobile numbers in clear, even in stack traces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-log-'));
    const log = createFileLogger(dir);
    log.error('lookup failed for 13812345678', new Error('bad id 32010219850612341X'));
    const text = readFileSync(log.currentFile(), 'utf8');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('32010219850612341X');
    expect(text).toContain('138****5678');
    expect(text).toContain('ERROR lookup failed');
  });
});
