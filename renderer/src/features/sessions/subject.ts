import type { TFunction } from 'i18next';
import type { ConversationSummary } from '../../../../shared/contract/schemas';

/**
 * A logged phone call has no subject of its own: show its outcome and
 * length. A routed conversation without one is about what the customer
 * chose when they wrote (its skill group).
 */
export function conversationSubject(t: TFunction, c: Pick<ConversationSummary, 'subject' | 'phoneCall' | 'group'>): string {
  if (c.phoneCall) {
    const minutes = Math.max(1, Math.round(c.phoneCall.durationSeconds / 60));
    return `${t(`phone.outcomes.${c.phoneCall.outcome}`)} · ${t('phone.durationMinutes', { count: minutes })}`;
  }
  return c.subject || (c.group ? t(`groups.full.${c.group}`) : '');
}
