import { create } from 'zustand';
import type { DeskPresence } from '../../../../shared/contract/schemas';
import type { AgentStatus } from '../../../../shared/domain/routing';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';

interface PresenceState {
  /** Null until head office's routing answered once, and on a desk without head office. */
  presence: DeskPresence | null;
  /** A change the agent asked for, shown until head office confirms it. */
  pending: AgentStatus | null;
  load(): Promise<void>;
  set(status: AgentStatus): Promise<void>;
}

let loadSeq = 0;

/** The agent's routing status (在线/忙碌/离开/离线) and whether head office's live link is up. */
export const usePresence = create<PresenceState>((set, get) => ({
  presence: null,
  pending: null,

  async load() {
    const seq = ++loadSeq;
    try {
      const presence = await unwrap(desk().presence.get({}));
      if (seq === loadSeq) set({ presence });
    } catch (err) {
      if (seq !== loadSeq) return;
      // A desk without head office has no presence; unreachable, the last known status stays, not connected.
      const code = errorPayload(err).code;
      if (code === 'NO_HEAD_OFFICE') set({ presence: null });
      else if (code === 'HEAD_OFFICE_UNREACHABLE') set((s) => ({ presence: s.presence && { ...s.presence, connected: false } }));
    }
  },

  async set(status) {
    if (get().pending !== null) return;
    set({ pending: status });
    ++loadSeq;
    try {
      set({ presence: await unwrap(desk().presence.set({ status })), pending: null });
    } catch (err) {
      set({ pending: null });
      reportError(err);
      void get().load();
    }
  },
}));
