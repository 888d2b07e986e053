import type { DeskApi } from '../../../shared/contract/api';
import { deskCalls } from '../../../shared/contract/calls';
import type { DeskErrorPayload, DeskResult } from '../../../shared/contract/errors';
import { deskEvents, type DeskEventName } from '../../../shared/contract/events';
import type { ConnectionStatus } from './connection-store';

const CALL_TIMEOUT_MS = 30_000;
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 15_000;

interface Pending {
  resolve(result: DeskResult<unknown>): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface SocketDesk {
  api: DeskApi;
  /** Resolves true once the first connection is open, false if it failed. */
  firstOpen: Promise<boolean>;
  close(): void;
}

const transportError = (message: string): DeskResult<never> => ({
  ok: false,
  error: { code: 'TRANSPORT', message } satisfies DeskErrorPayload,
});

/**
 * `DeskApi` over the development host's WebSocket, built from the contract
 * so every call the preload offers exists here too. The socket reconnects
 * with exponential backoff; a call made while it is down answers at once
 * with a TRANSPORT error instead of waiting.
 */
export function createSocketDesk(url: string, onStatus: (status: ConnectionStatus) => void): SocketDesk {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, Pending>();
  const listeners = new Map<DeskEventName, Set<(payload: unknown) => void>>();
  let settleFirst: (ok: boolean) => void = () => {};
  const firstOpen = new Promise<boolean>((ok) => (settleFirst = ok));

  const failPending = (why: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.resolve(transportError(why));
      pending.delete(id);
    }
  };

  const onMessage = (raw: unknown) => {
    if (typeof raw !== 'string') return;
    let msg: { id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      return;
    }
    if (typeof msg.event === 'string') {
      const name = msg.event as DeskEventName;
      const schema = Object.hasOwn(deskEvents, name) ? deskEvents[name] : undefined;
      const parsed = schema?.safeParse(msg.payload);
      if (!parsed?.success) return;
      for (const l of listeners.get(name) ?? []) l(parsed.data);
      return;
    }
    if (typeof msg.id === 'number') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      p.resolve(msg.result as DeskResult<unknown>);
    }
  };

  const connect = () => {
    if (closed) return;
    onStatus(attempt === 0 ? 'connecting' : 'offline');
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      attempt = 0;
      onStatus('online');
      settleFirst(true);
    };
    socket.onmessage = (e) => onMessage(e.data);
    socket.onclose = () => {
      if (ws === socket) ws = null;
      failPending('connection closed');
      if (closed) return;
      attempt++;
      onStatus('offline');
      if (attempt >= 3) settleFirst(false);
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
      reconnectTimer = setTimeout(connect, delay);
    };
  };

  const send = (call: string, input: unknown): Promise<DeskResult<unknown>> => {
    const socket = ws;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.resolve(transportError('not connected'));
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(transportError('no answer in time'));
      }, CALL_TIMEOUT_MS);
      pending.set(id, { resolve, timer });
      try {
        socket.send(JSON.stringify({ id, call, input: input ?? {} }));
      } catch {
        pending.delete(id);
        clearTimeout(timer);
        resolve(transportError('send failed'));
      }
    });
  };

  const api: Record<string, unknown> = {};
  for (const [area, actions] of Object.entries(deskCalls)) {
    const fns: Record<string, (input: unknown) => Promise<DeskResult<unknown>>> = {};
    for (const action of Object.keys(actions)) fns[action] = (input) => send(`${area}.${action}`, input);
    api[area] = fns;
  }
  api.on = (event: DeskEventName, listener: (payload: unknown) => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };

  connect();
  return {
    api: api as DeskApi,
    firstOpen,
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      ws?.close();
      failPending('closed');
    },
  };
}
