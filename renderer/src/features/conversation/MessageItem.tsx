import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../shared/contract/schemas';
import { formatStamp } from '../../i18n/format';

/** Customer text is untrusted: it is only ever rendered as a React text node. */
export const MessageItem = memo(function MessageItem({ message: m, customerName }: { message: Message; customerName: string }) {
  const { t } = useTranslation();
  const author =
    m.direction === 'in' ? customerName || t('conversation.customerLabel') : m.direction === 'note' ? t('conversation.note') : (m.authorName ?? t('conversation.you'));
  return (
    <div className={`msg msg-${m.direction}`} data-testid="message-item" data-seq={m.seq} data-direction={m.direction}>
      <div className="msg-meta">
        <span className="msg-author">{author}</span>
        <span className="msg-time">{formatStamp(m.sentAt)}</span>
      </div>
      <div className="msg-bubble" data-testid="message-body">
        {m.body}
      </div>
    </div>
  );
});
