import { create } from 'zustand';
import type { DeskEventPayload } from '../../../../shared/contract/events';
import type { LiveViewer } from './live-text';

/** Without a new notice, "the customer is typing" goes away after this long. */
export const CUSTOMER_TYPING_MS = 5_000;

export interface LiveInfo {
  viewers: LiveViewer[];
  customerTyping: boolean;
}

interface LiveState {
  /** Who else is in each conversation right now; ephemeral, never stored. */
  byConversation: Record<string, LiveInfo>;
  apply(payload: DeskEventPayload<'conversationLive'>): void;
}

const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

export const useLive = create<LiveState>((set) => {
  const patch = (id: string, p: Partial<LiveInfo>) =>
    set((s) => ({ byConversation: { ...s.byConversation, [id]: { viewers: [], customerTyping: false, ...s.byConversation[id], ...p } } }));

  return {
    byConversation: {},
    apply({ conversationId, viewers, customerTyping }) {
      clearTimeout(typingTimers.get(conversationId));
      typingTimers.delete(conversationId);
      patch(conversationId, { viewers, customerTyping });
      if (customerTyping) {
        typingTimers.set(
          conversationId,
          setTimeout(() => {
            typingTimers.delete(conversationId);
            patch(conversationId, { customerTyping: false });
          }, CUSTOMER_TYPING_MS),
        );
      }
    },
  };
});
