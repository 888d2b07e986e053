import { app, BrowserWindow, dialog, net } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDesk, type Desk } from '../node/app/create-desk.js';
import { createFileLogger } from '../node/log/file-logger.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { notifyArrivals } from './arrival-notifications.js';
import { registerIpc } from './ipc.js';
import { createMainWindow, preloadPath } from './main-window.js';
import { lockDownWebContents, restrictPermissions } from './security.js';
import { createSafeTokenStore } from './safe-token-store.js';
import type { TokenStore } from '../node/head-office/token-store.js';

/** Head office to sync with: MOTORDESK_HEAD_OFFICE_URL, or `{"url": …}` in head-office.json in the profile folder. */
function headOfficeUrl(): string | null {
  if (process.env.MOTORDESK_HEAD_OFFICE_URL) return process.env.MOTORDESK_HEAD_OFFICE_URL;
  try {
    const { url } = JSON.parse(readFileSync(join(app.getPath('userData'), 'head-office.json'), 'utf8')) as { url?: unknown };
    return typeof url === 'string' && /^https?:\/\//.test(url) ? url.replace(/\/$/, '') : null;
  } catch {
    return null;
  }
}

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
  let sessionStore: TokenStore | null = null;
  const log = createFileLogger(app.getPath('logs'));

  registerAppScheme();
  lockDownWebContents();

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(async () => {
    restrictPermissions();
    serveRenderer(join(__dirname, '..', 'renderer'));
    const url = headOfficeUrl();
    try {
      const tokens = url ? await createSafeTokenStore(join(app.getPath('userData'), 'head-office-session.bin'), (m) => log.warn(m)) : null;
      sessionStore = tokens;
      desk = createDesk({
        cacheFile: join(app.getPath('userData'), 'cache.sqlite'),
        onInternalError: (call, err) => log.error(`call ${call} failed`, err),
        ...(url && tokens ? { headOffice: { url, tokens, log: (m: string, err?: unknown) => (err ? log.error(m, err) : log.info(m)) } } : {}),
      });
      log.info(`cache at schema ${desk.migration.to}, applied ${JSON.stringify(desk.migration.applied)}`);
      if (desk.recoveredFrom) log.error(`the cache could not be read; set aside as ${desk.recoveredFrom} and rebuilt from head office`);
    } catch (err) {
      log.error('cannot open the local cache', err);
      // Before the renderer (and its i18n) exists: say it in both languages.
      const reason = err instanceof Error ? err.message : String(err);
      dialog.showErrorBox('MotorDesk 车险坐席工作台', `无法打开本地缓存：${reason}\n\nThe local cache cannot be opened: ${reason}`);
      app.exit(1);
      return;
    }
    registerIpc(desk, () => mainWindow);
    notifyArrivals(desk, () => mainWindow);
    watchNetwork(desk);
    mainWindow = createMainWindow({ preload: preloadPath(__dirname), stateFile: join(app.getPath('userData'), 'window-state.json'), title: 'MotorDesk 车险坐席工作台' });
    mainWindow.on('closed', () => (mainWindow = null));
  }, (err: unknown) => log.error('startup failed', err));

  app.on('window-all-closed', () => {
    // A session refreshed just before quitting must reach the disk, or the agent signs in again.
    const closing = Promise.resolve(desk?.close()).then(() => sessionStore?.flush?.());
    desk = null;
    void closing.finally(() => app.quit());
  });
}

/** The OS's word on the network, on top of failed requests: offline at once, a sync the moment it is back. */
function watchNetwork(desk: Desk): void {
  if (!desk.headOffice) return;
  let online = net.isOnline();
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now === online) return;
    online = now;
    desk.headOffice?.engine.setNetworkAvailable(now);
  }, 3_000);
  timer.unref();
}
