import { create } from 'zustand';
import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { agentIsLooking } from '../../app/attention';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';
import { i18n } from '../../i18n';
import { useThreads } from '../conversation/threads-store';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface SessionsState {
  conversations: ConversationSummary[];
  activeId: string | null;
  status: LoadStatus;
  load(): Promise<void>;
  scheduleRefresh(): void;
  open(id: string): void;
  openIndex(index: number): void;
  openRelative(delta: number): void;
  /** End a conversation (服务结束) and move on to the next one. */
  close(id: string): Promise<void>;
  /** A conversation left this agent (ended, transferred): drop it and open the next one if it was open. */
  leave(id: string): void;
  /** A conversation came back changed from a call (a customer linked). */
  replace(conversation: ConversationSummary): void;
  /** A conversation changed on the host; the open one is read only if the agent can see it. */
  noteActivity(id: string): void;
  /** The agent sees the open conversation again (window shown, back from tickets). */
  markActiveRead(): void;
}

/**
 * Keep known sessions where the agent saw them and add new ones at the end,
 * so Alt+1…9 keeps pointing at the same customer while the host reorders.
 */
function mergeStable(previous: ConversationSummary[], fresh: ConversationSummary[]): ConversationSummary[] {
  if (previous.length === 0) return fresh;
  const byId = new Map(fresh.map((c) => [c.id, c]));
  const kept = previous.flatMap((c) => {
    const next = byId.get(c.id);
    return next ? [next] : [];
  });
  const known = new Set(previous.map((c) => c.id));
  return [...kept, ...fresh.filter((c) => !known.has(c.id))];
}

let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function markReadOnHost(id: string): void {
  void unwrap(desk().conversations.markRead({ conversationId: id })).catch(() => undefined);
}

export const useSessions = create<SessionsState>((set, get) => ({
  conversations: [],
  activeId: null,
  status: 'idle',

  async load() {
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const fresh = await unwrap(desk().conversations.list({}));
      // The open conversation is read only while the agent can see it; otherwise it keeps its badge.
      const reading = agentIsLooking() ? get().activeId : null;
      const conversations = mergeStable(get().conversations, fresh).map((c) => (c.id === reading ? { ...c, unreadCount: 0 } : c));
      set({ conversations, status: 'ready' });
      if (reading && fresh.some((c) => c.id === reading && c.unreadCount > 0)) markReadOnHost(reading);
    } catch (err) {
      set({ status: get().status === 'ready' ? 'ready' : 'error' });
      reportError(err, i18n.t('sessions.loadFailed'));
    }
  },

  scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => void get().load(), 120);
  },

  open(id) {
    const conv = get().conversations.find((c) => c.id === id);
    if (!conv) return;
    // Ask for the messages before React renders the switch, not after.
    useThreads.getState().open(id);
    set((s) => ({
      activeId: id,
      conversations: s.conversations.map((c) => (c.id === id ? { ...c, unreadCount: 0 } : c)),
    }));
    void unwrap(desk().conversations.markRead({ conversationId: id })).catch((err) => reportError(err));
  },

  openIndex(index) {
    const conv = get().conversations[index];
    if (conv) get().open(conv.id);
  },

  openRelative(delta) {
    const { conversations, activeId } = get();
    if (conversations.length === 0) return;
    const at = conversations.findIndex((c) => c.id === activeId);
    const next = at === -1 ? (delta > 0 ? 0 : conversations.length - 1) : (at + delta + conversations.length) % conversations.length;
    get().open(conversations[next]!.id);
  },

  async close(id) {
    await unwrap(desk().conversations.close({ conversationId: id }));
    get().leave(id);
  },

  leave(id) {
    const { conversations, activeId } = get();
    const at = conversations.findIndex((c) => c.id === id);
    const rest = conversations.filter((c) => c.id !== id);
    const next = id === activeId ? (rest[Math.min(at, rest.length - 1)] ?? null) : null;
    set({ conversations: rest, activeId: id === activeId ? null : activeId });
    if (next) get().open(next.id);
  },

  replace(conversation) {
    set((s) => ({ conversations: s.conversations.map((c) => (c.id === conversation.id ? { ...conversation, unreadCount: c.id === s.activeId ? 0 : conversation.unreadCount } : c)) }));
  },

  noteActivity(id) {
    if (id !== get().activeId || !agentIsLooking()) return;
    markReadOnHost(id);
  },

  markActiveRead() {
    const { activeId: id, conversations } = get();
    const conv = conversations.find((c) => c.id === id);
    if (!conv) return;
    if (conv.unreadCount > 0) set({ conversations: conversations.map((c) => (c === conv ? { ...c, unreadCount: 0 } : c)) });
    // Also when no badge shows: a message may have come in since the list was last read.
    markReadOnHost(conv.id);
  },
}));

export function useActiveConversation(): ConversationSummary | undefined {
  return useSessions((s) => s.conversations.find((c) => c.id === s.activeId));
}
