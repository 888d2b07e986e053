import type { TFunction } from 'i18next';
import type { ConversationSummary } from '../../../../shared/contract/schemas';

const CALL_OUTCOMES = new Set(['answered', 'callback', 'transferred', 'no_answer']);

/** A logged phone call carries its outcome code as the subject; show it in words. */
export function conversationSubject(t: TFunction, c: Pick<ConversationSummary, 'channel' | 'subject'>): string {
  if (c.channel === 'phone' && CALL_OUTCOMES.has(c.subject)) return t(`phone.outcomes.${c.subject}`);
  return c.subject;
}
