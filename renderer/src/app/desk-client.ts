import type { DeskApi } from '../../../shared/contract/api';
import { useConnection } from './connection-store';
import { takeHostToken } from './session-token';
import { createSocketDesk } from './socket-desk';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge). */
    desk?: DeskApi;
  }
}

let api: DeskApi | undefined;
let bridged = false;

export type DeskLink = 'connected' | 'noHost' | 'offline';

let connecting: Promise<DeskLink> | undefined;

/**
 * Pick the transport once at start: the preload's bridge inside Electron,
 * otherwise the development host's WebSocket on the page's own origin.
 */
export function connectDesk(): Promise<DeskLink> {
  connecting ??= pickTransport();
  return connecting;
}

async function pickTransport(): Promise<DeskLink> {
  if (window.desk) {
    api = window.desk;
    bridged = true;
    useConnection.getState().setStatus('online');
    return 'connected';
  }
  const token = takeHostToken();
  if (!token) {
    useConnection.getState().setStatus('offline');
    return 'noHost';
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${window.location.host}/desk?token=${encodeURIComponent(token)}`;
  const socket = createSocketDesk(url, (status) => useConnection.getState().setStatus(status));
  api = socket.api;
  return (await socket.firstOpen) ? 'connected' : 'offline';
}

/**
 * Inside the Electron app (the preload's bridge), where the main process
 * shows native notifications itself; false in a plain browser on the
 * development host.
 */
export function isDesktopApp(): boolean {
  return bridged;
}

export function desk(): DeskApi {
  if (!api) throw new Error('desk transport not connected yet');
  return api;
}
