import { create } from 'zustand';
import type { DeskErrorPayload } from '../../../../shared/contract/errors';
import type { ListenView, QueueSnapshot } from '../../../../shared/contract/schemas';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';

/** Queue notices come in bursts (a message, a read, an assignment): re-read once they settle. */
const REFRESH_DELAY_MS = 200;
/** In case a notice is lost: re-read this often while the queue is on screen. */
const POLL_MS = 5_000;

export interface Listening {
  conversationId: string;
  view: ListenView | null;
  loading: boolean;
  error: DeskErrorPayload | null;
}

interface QueueState {
  snapshot: QueueSnapshot | null;
  /** Head office's clock minus ours when the snapshot came: waits tick in head office time. */
  skew: number;
  loading: boolean;
  /** Why the last read failed (the snapshot shown, if any, is older). */
  error: DeskErrorPayload | null;
  /** Conversations with an assignment on its way. */
  assigning: Record<string, boolean>;
  listening: Listening | null;
  /** While the queue is on screen: read it now, follow notices, poll as a fallback. Returns the stop. */
  watch(): () => void;
  load(): Promise<void>;
  /** A queueChanged notice; an id is the conversation listened to getting a message. */
  changed(conversationId: string | null): void;
  /** After a reconnect anything may have changed. */
  reconnected(): void;
  assign(conversationId: string, accountId: string): Promise<boolean>;
  listen(conversationId: string): Promise<void>;
  stopListening(): void;
}

let watchers = 0;
let loadSeq = 0;
let listenSeq = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let pollTimer: ReturnType<typeof setInterval> | undefined;

/** The team lead's live queue (组长监控台): who waits, who is served by whom, and every agent's load. */
export const useQueue = create<QueueState>((set, get) => ({
  snapshot: null,
  skew: 0,
  loading: false,
  error: null,
  assigning: {},
  listening: null,

  watch() {
    watchers++;
    if (watchers === 1) {
      void get().load();
      pollTimer = setInterval(() => {
        if (!get().loading) void get().load();
      }, POLL_MS);
    }
    return () => {
      watchers--;
      if (watchers > 0) return;
      clearInterval(pollTimer);
      clearTimeout(refreshTimer);
      if (get().listening) get().stopListening();
    };
  },

  async load() {
    const seq = ++loadSeq;
    set({ loading: true });
    try {
      const snapshot = await unwrap(desk().queue.snapshot({}));
      if (seq !== loadSeq) return;
      set({ snapshot, skew: snapshot.at - Date.now(), loading: false, error: null });
    } catch (err) {
      if (seq === loadSeq) set({ loading: false, error: errorPayload(err) });
    }
  },

  changed(conversationId) {
    if (watchers > 0) {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void get().load(), REFRESH_DELAY_MS);
    }
    const listening = get().listening;
    if (conversationId !== null && listening?.conversationId === conversationId) void get().listen(conversationId);
  },

  reconnected() {
    if (watchers > 0) void get().load();
    const listening = get().listening;
    if (listening) void get().listen(listening.conversationId);
  },

  async assign(conversationId, accountId) {
    if (get().assigning[conversationId]) return false;
    const mark = (on: boolean) => set((s) => ({ assigning: { ...s.assigning, [conversationId]: on } }));
    mark(true);
    try {
      await unwrap(desk().queue.assign({ conversationId, accountId }));
      return true;
    } catch (err) {
      reportError(err);
      return false;
    } finally {
      mark(false);
      void get().load();
    }
  },

  async listen(conversationId) {
    const seq = ++listenSeq;
    const previous = get().listening;
    const same = previous?.conversationId === conversationId;
    set({ listening: { conversationId, view: same ? previous.view : null, loading: true, error: null } });
    try {
      const view = await unwrap(desk().queue.listen({ conversationId }));
      if (seq === listenSeq && get().listening?.conversationId === conversationId) set({ listening: { conversationId, view, loading: false, error: null } });
    } catch (err) {
      const current = get().listening;
      if (seq === listenSeq && current?.conversationId === conversationId) set({ listening: { ...current, loading: false, error: errorPayload(err) } });
    }
  },

  stopListening() {
    if (!get().listening) return;
    ++listenSeq;
    set({ listening: null });
    void unwrap(desk().queue.stopListening({})).catch((err: unknown) => {
      if (errorPayload(err).code !== 'TRANSPORT') reportError(err);
    });
  },
}));
