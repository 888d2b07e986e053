import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../../electron/node/window-state.js';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('remembered window state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'md-window-'));

  it('restores what was saved when it is on a display', () => {
    const file = join(dir, 'a.json');
    saveWindowState(file, { x: 100, y: 80, width: 1300, height: 800, maximized: true });
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1300, height: 800, maximized: true });
  });

  it('falls back when the saved position is off every display', () => {
    const file = join(dir, 'b.json');
    saveWindowState(file, { x: 2500, y: 100, width: 1300, height: 800, maximized: false });
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('falls back on a missing or damaged file', () => {
    const file = join(dir, 'c.json');
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, '{"x": "left"');
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
