import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { createThrottle } from '../../app/throttle';
import { useSync } from '../head-office/sync-store';

/** Head office shows colleagues and the customer "typing…" for a few seconds per notice. */
const TYPING_EVERY_MS = 2_000;
const allow = createThrottle(TYPING_EVERY_MS);

/** The agent typed in the reply to this conversation: tell head office, at most every 2 s. */
export function reportTyping(conversationId: string): void {
  if (!useSync.getState().status?.headOffice) return;
  if (!allow(conversationId)) return;
  // Ephemeral: a lost notice only means one "typing…" less.
  void unwrap(desk().conversations.typing({ conversationId })).catch(() => undefined);
}
