import { create } from 'zustand';
import type { Message } from '../../../../shared/contract/schemas';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';
import { i18n } from '../../i18n';
import { mergeLatest, replaceMessage } from './thread-merge';

export const PAGE_SIZE = 100;

export interface Thread {
  messages: Message[];
  hasOlder: boolean;
  status: 'loading' | 'ready' | 'error';
  loadingOlder: boolean;
  /** Changed on the host while not on screen: re-read the newest page when opened. */
  stale: boolean;
}

interface ThreadsState {
  threads: Record<string, Thread>;
  open(conversationId: string): void;
  loadLatest(conversationId: string): Promise<void>;
  loadOlder(conversationId: string): Promise<void>;
  appendSent(message: Message): void;
  /** A message came back changed from a call (a retried reply). */
  replace(message: Message): void;
  changed(conversationId: string, isOnScreen: boolean): void;
}

const EMPTY: Thread = { messages: [], hasOlder: false, status: 'loading', loadingOlder: false, stale: false };

export const useThreads = create<ThreadsState>((set, get) => {
  const patch = (id: string, p: Partial<Thread>) =>
    set((s) => ({ threads: { ...s.threads, [id]: { ...(s.threads[id] ?? EMPTY), ...p } } }));

  return {
    threads: {},

    open(conversationId) {
      const t = get().threads[conversationId];
      if (!t || t.status === 'error' || t.stale) void get().loadLatest(conversationId);
    },

    async loadLatest(conversationId) {
      const t = get().threads[conversationId];
      if (!t) patch(conversationId, { ...EMPTY });
      try {
        const page = await unwrap(desk().conversations.messages({ conversationId, limit: PAGE_SIZE }));
        const current = get().threads[conversationId];
        const merged = current && current.status === 'ready' ? mergeLatest(current.messages, page.messages) : null;
        if (merged) patch(conversationId, { messages: merged, status: 'ready', stale: false });
        else patch(conversationId, { messages: page.messages, hasOlder: page.hasOlder, status: 'ready', stale: false, loadingOlder: false });
      } catch (err) {
        if (!get().threads[conversationId] || get().threads[conversationId]!.status !== 'ready') patch(conversationId, { status: 'error' });
        reportError(err, i18n.t('conversation.loadFailed'));
      }
    },

    async loadOlder(conversationId) {
      const t = get().threads[conversationId];
      if (!t || t.status !== 'ready' || !t.hasOlder || t.loadingOlder || t.messages.length === 0) return;
      const from = t.messages[0]!;
      // loadLatest may replace the list while the page is on its way; then the page no longer joins on.
      const stillFrom = () => get().threads[conversationId]?.messages[0]?.seq === from.seq;
      patch(conversationId, { loadingOlder: true });
      try {
        const page = await unwrap(desk().conversations.messages({ conversationId, beforeSeq: from.seq, limit: PAGE_SIZE }));
        // A replaced list already cleared loadingOlder; prepending onto it would leave a gap in seq.
        if (!stillFrom()) return;
        const now = get().threads[conversationId]!;
        const older = page.messages.filter((m) => m.seq < from.seq);
        patch(conversationId, { messages: [...older, ...now.messages], hasOlder: page.hasOlder, loadingOlder: false });
      } catch (err) {
        if (stillFrom()) patch(conversationId, { loadingOlder: false });
        reportError(err, i18n.t('conversation.loadFailed'));
      }
    },

    appendSent(message) {
      const t = get().threads[message.conversationId];
      if (!t || t.status !== 'ready') return;
      const merged = mergeLatest(t.messages, [message]);
      if (merged) patch(message.conversationId, { messages: merged });
      else void get().loadLatest(message.conversationId);
    },

    replace(message) {
      const t = get().threads[message.conversationId];
      if (!t) return;
      const messages = replaceMessage(t.messages, message);
      if (messages !== t.messages) patch(message.conversationId, { messages });
    },

    changed(conversationId, isOnScreen) {
      const t = get().threads[conversationId];
      if (!t) return;
      if (isOnScreen) void get().loadLatest(conversationId);
      else patch(conversationId, { stale: true });
    },
  };
});
