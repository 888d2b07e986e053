import type { DeskLiveMessage } from '../../shared/head-office/conversations.js';

/** How long an agent counts as typing after their last typing sign. */
const TYPING_FOR_MS = 5_000;

interface Viewer {
  name: string;
  /** A lead listening in: never shown to the others. */
  silent: boolean;
  typingUntil: number;
}

/**
 * Who is viewing which conversation, company-wide: every instance keeps
 * this from the viewing events all instances publish, so a desk sees
 * colleagues connected to any instance. Nothing is stored.
 */
export function createViewerRegistry() {
  const byConversation = new Map<string, Map<string, Viewer>>();
  return {
    viewing(conversationId: string, accountId: string, name: string, on: boolean, silent: boolean): void {
      let map = byConversation.get(conversationId);
      if (on) {
        if (!map) byConversation.set(conversationId, (map = new Map()));
        map.set(accountId, { name, silent, typingUntil: 0 });
      } else {
        map?.delete(accountId);
        if (map?.size === 0) byConversation.delete(conversationId);
      }
    },
    typing(conversationId: string, accountId: string): void {
      const v = byConversation.get(conversationId)?.get(accountId);
      if (v) v.typingUntil = Date.now() + TYPING_FOR_MS;
    },
    /** The viewers' message for the desks: who is there (the silent left out) and who is typing. */
    message(conversationId: string): DeskLiveMessage {
      const now = Date.now();
      const list = [...(byConversation.get(conversationId) ?? new Map<string, Viewer>())]
        .filter(([, v]) => !v.silent)
        .map(([accountId, v]) => ({ accountId, name: v.name, typing: v.typingUntil > now }));
      return { type: 'viewers', conversationId, viewers: list };
    },
  };
}
