import type { TFunction } from 'i18next';
import type { ConversationSummary } from '../../../../shared/contract/schemas';

/** A logged phone call has no subject of its own: show its outcome and length. */
export function conversationSubject(t: TFunction, c: Pick<ConversationSummary, 'subject' | 'phoneCall'>): string {
  if (c.phoneCall) {
    const minutes = Math.max(1, Math.round(c.phoneCall.durationSeconds / 60));
    return `${t(`phone.outcomes.${c.phoneCall.outcome}`)} · ${t('phone.durationMinutes', { count: minutes })}`;
  }
  return c.subject;
}
