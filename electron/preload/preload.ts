import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannelForCall, ipcChannelForEvent } from '../../shared/contract/api.js';
import { callNames } from '../../shared/contract/calls.js';
import { EVENT_NAMES } from '../../shared/contract/events.js';

/**
 * The one bridge the renderer gets: `window.desk.<area>.<action>(input)`,
 * generated from the contract, plus `window.desk.on(event, listener)`.
 * No Node, no ipcRenderer, nothing else crosses.
 */
const desk: Record<string, unknown> = {};
for (const name of callNames()) {
  const [area, action] = name.split('.') as [string, string];
  const bucket = (desk[area] ??= {}) as Record<string, unknown>;
  const channel = ipcChannelForCall(name);
  bucket[action] = (input: unknown) => ipcRenderer.invoke(channel, input);
}
desk.on = (event: string, listener: (payload: unknown) => void) => {
  if (!(EVENT_NAMES as string[]).includes(event)) throw new Error(`unknown event ${event}`);
  const channel = ipcChannelForEvent(event);
  const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
};

contextBridge.exposeInMainWorld('desk', desk);
