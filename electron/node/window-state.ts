import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { z } from 'zod';

const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(800).max(10_000),
  height: z.number().int().min(560).max(10_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE = { width: 1440, height: 900, maximized: false };

/**
 * The window's last position and size, kept only when it is still on one
 * of the current displays (a laptop undocked from its second screen must
 * not open the workstation off screen).
 */
export function loadWindowState(file: string, displays: Rect[]): WindowState | typeof DEFAULT_WINDOW_STATE {
  try {
    const state = WindowState.parse(JSON.parse(readFileSync(file, 'utf8')));
    const visible = displays.some(
      (d) => state.x >= d.x - 50 && state.y >= d.y - 50 && state.x + 200 <= d.x + d.width && state.y + 100 <= d.y + d.height,
    );
    return visible ? state : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
  renameSync(tmp, file);
}
