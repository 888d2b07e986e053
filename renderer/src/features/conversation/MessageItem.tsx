import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../shared/contract/schemas';
import { formatStamp } from '../../i18n/format';
import { locationText } from './message-content';
import { MessageImage } from './MessageImage';
import { MessageState } from './MessageState';

/** Customer text is untrusted: it is only ever rendered as a React text node. */
export const MessageItem = memo(function MessageItem({ message: m, customerName }: { message: Message; customerName: string }) {
  const { t } = useTranslation();
  const author =
    m.direction === 'in'
      ? customerName || t('conversation.customerLabel')
      : m.direction === 'note'
        ? t('conversation.note')
        : m.direction === 'system'
          ? t('conversation.customerNotice')
          : (m.authorName ?? t('conversation.you'));
  return (
    <div className={`msg msg-${m.direction}`} data-testid="message-item" data-seq={m.seq} data-direction={m.direction} data-kind={m.kind}>
      <div className="msg-meta">
        <span className="msg-author">{author}</span>
        <span className="msg-time">{formatStamp(m.sentAt)}</span>
      </div>
      <div className="msg-bubble" data-testid="message-body">
        {m.kind === 'image' && m.imageId && <MessageImage conversationId={m.conversationId} imageId={m.imageId} />}
        {m.kind === 'image' && !m.imageId && t('message.image')}
        {m.kind === 'location' && m.location ? (
          <span data-testid="message-location">{locationText(m.location)}</span>
        ) : m.notice ? (
          <span>{t(m.notice === 'transferred' && m.noticeArg ? 'notice.transferredTo' : `notice.${m.notice}`, { name: m.noticeArg })}</span>
        ) : m.body !== '' ? (
          <span className={m.kind === 'image' ? 'msg-caption' : undefined}>{m.body}</span>
        ) : null}
      </div>
      {m.direction === 'out' && m.state !== null && <MessageState message={{ ...m, state: m.state }} />}
    </div>
  );
});
