import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '../../../../shared/contract/schemas';
import { formatStamp } from '../../i18n/format';
import { locationText } from '../conversation/message-content';

/** One message as the lead reads it while listening in: always plain text. */
export function ListenMessage({ message: m, customerName }: { message: ChatMessage; customerName: string }) {
  const { t } = useTranslation();
  const author =
    m.direction === 'in'
      ? customerName || t('conversation.customerLabel')
      : m.direction === 'system'
        ? t('conversation.system')
        : m.direction === 'note'
          ? `${t('conversation.note')}${m.authorName ? ` · ${m.authorName}` : ''}`
          : (m.authorName ?? t('queue.agent'));
  const body =
    m.kind === 'location' && m.location
      ? locationText(m.location)
      : m.kind === 'image'
        ? [t('message.image'), m.body].filter(Boolean).join(' ')
        : m.notice
          ? t(m.notice === 'transferred' && m.noticeArg ? 'notice.transferredTo' : `notice.${m.notice}`, { name: m.noticeArg })
          : m.body;
  return (
    <li className={`msg msg-${m.direction}`} data-testid="queue-listen-message" data-seq={m.seq} data-direction={m.direction}>
      <div className="msg-meta">
        <span className="msg-author">{author}</span>
        <span className="msg-time">{formatStamp(m.at)}</span>
      </div>
      <div className="msg-bubble">{body}</div>
    </li>
  );
}
