/**
 * Says which conversation is on the agent's screen, only when that changes.
 * `reset` forgets what was said (after a reconnect), so it is said again.
 */
export function createViewingReporter(send: (conversationId: string | null) => void) {
  let said: string | null | undefined;
  return {
    report(conversationId: string | null) {
      if (conversationId === said) return;
      said = conversationId;
      send(conversationId);
    },
    reset() {
      said = undefined;
    },
  };
}
