import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { ipcChannelForCall, ipcChannelForEvent } from '../../shared/contract/api.js';
import { callNames } from '../../shared/contract/calls.js';
import type { Desk } from '../node/app/create-desk.js';
import { isTrustedSender } from '../node/security/trusted-sender.js';

/**
 * One `ipcMain.handle` per contract entry. The sender's frame is checked
 * before the dispatcher validates the input and runs the service.
 */
export function registerIpc(desk: Desk, window: () => BrowserWindow | null): void {
  for (const name of callNames()) {
    ipcMain.handle(ipcChannelForCall(name), (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame;
      const win = window();
      const trusted = isTrustedSender(
        frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame, belongsToAppWindow: win !== null && event.sender === win.webContents } : null,
      );
      if (!trusted) return { ok: false, error: { code: 'FORBIDDEN', message: 'call from an untrusted frame' } };
      return desk.dispatch(name, input);
    });
  }
  desk.subscribe((event, payload) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(ipcChannelForEvent(event), payload);
  });
}
