import { app, BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY_URL } from '../node/security/trusted-sender.js';
import { MAIN_WINDOW_WEB_PREFERENCES } from '../node/security/window-preferences.js';
import { loadWindowState, saveWindowState } from '../node/window-state.js';

export function createMainWindow(options: { preload: string; stateFile: string; title: string }): BrowserWindow {
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const state = loadWindowState(options.stateFile, displays);
  const win = new BrowserWindow({
    ...state,
    minWidth: 1024,
    minHeight: 640,
    title: options.title,
    show: false,
    backgroundColor: '#f5f6f8',
    // DevTools only in development: a packaged desk gives no console to customer data.
    webPreferences: { ...MAIN_WINDOW_WEB_PREFERENCES, preload: options.preload, devTools: !app.isPackaged },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(options.stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

export const preloadPath = (dir: string) => join(dir, 'preload.cjs');
