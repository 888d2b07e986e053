import { Alert, Drawer, Empty, Space, Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupTag } from '../routing/GroupTag';
import { ChannelTag } from '../sessions/ChannelTag';
import { ListenMessage } from './ListenMessage';
import { useQueue } from './queue-store';

/** 监听: the conversation read-only and live, without marking anything read; closing stops listening. */
export function QueueListenDrawer() {
  const { t } = useTranslation();
  const listening = useQueue((s) => s.listening);
  const stopListening = useQueue((s) => s.stopListening);
  const scroller = useRef<HTMLDivElement>(null);
  const view = listening?.view ?? null;
  const lastSeq = view?.messages[view.messages.length - 1]?.seq;

  // New messages scroll into view, like a chat.
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lastSeq]);

  return (
    <Drawer
      open={listening !== null}
      onClose={stopListening}
      size={480}
      destroyOnHidden
      data-testid="queue-listen-drawer"
      data-conversation-id={listening?.conversationId}
      title={view ? t('queue.listenTitle', { name: view.conversation.customerName }) : t('queue.listen')}
    >
      <div className="listen-body">
        <Alert type="info" showIcon title={t('queue.listenHint')} className="listen-hint" />
        {view && (
          <Space size={6} wrap className="listen-meta">
            <ChannelTag channel={view.conversation.channel} />
            <GroupTag group={view.conversation.group} testId="queue-listen-group" />
            <span className="muted">{view.conversation.assigneeName ?? t('queue.unassigned')}</span>
          </Space>
        )}
        {listening?.error && (
          <Alert type="error" showIcon data-testid="queue-listen-error" data-code={listening.error.code} title={t(`errors.${listening.error.code}`)} />
        )}
        <div className="listen-scroll" ref={scroller}>
          {!view && listening?.loading ? (
            <div className="column-center">
              <Spin />
            </div>
          ) : view && view.messages.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('queue.listenEmpty')} />
          ) : view ? (
            <ol className="listen-messages">
              {view.messages.map((m) => (
                <ListenMessage key={m.id} message={m} customerName={view.conversation.customerName} />
              ))}
            </ol>
          ) : null}
        </div>
      </div>
    </Drawer>
  );
}
