import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLive } from './live-store';
import { splitViewers } from './live-text';

/** Above the composer: colleagues viewing or typing in this conversation, and a customer typing. */
export function LiveBar({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const live = useLive((s) => s.byConversation[conversationId]);
  if (!live) return null;
  const { typing, viewing } = splitViewers(live.viewers);
  if (typing.length === 0 && viewing.length === 0 && !live.customerTyping) return null;
  const names = (list: string[]) => list.join(t('live.separator'));
  return (
    <div className="live-bar" aria-live="polite">
      {live.customerTyping && (
        <span className="live-customer-typing" data-testid="customer-typing">
          <EditOutlined /> {t('live.customerTyping')}
        </span>
      )}
      {(typing.length > 0 || viewing.length > 0) && (
        <span className="live-viewers" data-testid="conversation-viewers" data-typing={typing.length > 0}>
          <EyeOutlined />
          {typing.length > 0 && <span className="live-viewers-typing"> {t('live.typing', { names: names(typing) })}</span>}
          {viewing.length > 0 && <span> {t('live.viewing', { names: names(viewing) })}</span>}
        </span>
      )}
    </div>
  );
}
