import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { createDesk, type Desk } from '../node/app/create-desk.js';
import { createFileLogger } from '../node/log/file-logger.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { registerIpc } from './ipc.js';
import { createMainWindow, preloadPath } from './main-window.js';
import { lockDownWebContents, restrictPermissions } from './security.js';

/**
 * Electron entry: the thin shell around the plain-Node services in
 * electron/node. Everything that can run without Electron lives there.
 */
if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same SQLite cache; hand over to the first.
  app.quit();
} else {
  // A separate profile folder for tests and for running two agents side by side.
  if (process.env.MOTORDESK_USER_DATA) app.setPath('userData', process.env.MOTORDESK_USER_DATA);
  let mainWindow: BrowserWindow | null = null;
  let desk: Desk | null = null;
  const log = createFileLogger(app.getPath('logs'));

  registerAppScheme();
  lockDownWebContents();

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(() => {
    restrictPermissions();
    serveRenderer(join(__dirname, '..', 'renderer'));
    try {
      desk = createDesk({ cacheFile: join(app.getPath('userData'), 'cache.sqlite'), onInternalError: (call, err) => log.error(`call ${call} failed`, err) });
      log.info(`cache at schema ${desk.migration.to}, applied ${JSON.stringify(desk.migration.applied)}`);
    } catch (err) {
      log.error('cannot open the local cache', err);
      // Before the renderer (and its i18n) exists: say it in both languages.
      const reason = err instanceof Error ? err.message : String(err);
      dialog.showErrorBox('MotorDesk 车险坐席工作台', `无法打开本地缓存：${reason}\n\nThe local cache cannot be opened: ${reason}`);
      app.exit(1);
      return;
    }
    registerIpc(desk, () => mainWindow);
    mainWindow = createMainWindow({ preload: preloadPath(__dirname), stateFile: join(app.getPath('userData'), 'window-state.json'), title: 'MotorDesk 车险坐席工作台' });
    mainWindow.on('closed', () => (mainWindow = null));
  }, (err: unknown) => log.error('startup failed', err));

  app.on('window-all-closed', () => {
    desk?.close();
    desk = null;
    app.quit();
  });
}
