import { CheckCircleOutlined, FileAddOutlined, IdcardOutlined, MessageOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../../app/ui-store';
import { ChannelTag } from '../sessions/ChannelTag';
import { useActiveConversation, useSessions } from '../sessions/sessions-store';
import { feedbackApi, reportError } from '../../app/feedback';
import { conversationSubject } from '../sessions/subject';
import { useTickets } from '../tickets/tickets-store';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { useThreads } from './threads-store';

export function ConversationView() {
  const { t } = useTranslation();
  const conversation = useActiveConversation();
  const openThread = useThreads((s) => s.open);
  const setSidePanel = useUi((s) => s.setSidePanel);
  const startCreate = useTickets((s) => s.startCreate);
  const closeConversation = useSessions((s) => s.close);
  const id = conversation?.id;

  useEffect(() => {
    if (id) openThread(id);
  }, [id, openThread]);

  if (!conversation) {
    return (
      <section className="conversation-column conversation-empty" data-testid="conversation-empty">
        <Empty image={<MessageOutlined className="empty-icon" />} description={t('conversation.empty')}>
          <span className="muted">{t('conversation.emptyHint')}</span>
        </Empty>
      </section>
    );
  }

  return (
    <section className="conversation-column" data-testid="conversation" data-conversation-id={conversation.id}>
      <header className="conversation-head">
        <div className="conversation-who">
          <span className="conversation-name" data-testid="conversation-customer">
            {conversation.customerName}
          </span>
          <ChannelTag channel={conversation.channel} />
          <span className="conversation-subject" data-testid="conversation-subject">
            <span className="muted label-gap">{t('conversation.subjectLabel')}</span>
            {conversationSubject(t, conversation) || t('conversation.noSubject')}
          </span>
        </div>
        <Space size={8}>
          <Button size="small" icon={<IdcardOutlined />} onClick={() => setSidePanel('customer')} data-testid="show-customer">
            {t('conversation.customer')}
          </Button>
          <Button size="small" type="primary" ghost icon={<FileAddOutlined />} onClick={() => startCreate(conversation)} data-testid="create-ticket-button">
            {t('conversation.createTicket')}
          </Button>
          <Popconfirm
            title={t('conversation.closeConfirm', { name: conversation.customerName })}
            okText={t('conversation.closeOk')}
            cancelText={t('conversation.closeCancel')}
            onConfirm={() =>
              closeConversation(conversation.id).then(
                () => void feedbackApi().message.success(t('conversation.closed')),
                (err: unknown) => reportError(err),
              )
            }
          >
            <Button size="small" icon={<CheckCircleOutlined />} data-testid="close-conversation">
              {t('conversation.close')}
            </Button>
          </Popconfirm>
        </Space>
      </header>
      <MessageList conversationId={conversation.id} customerName={conversation.customerName} />
      <Composer key={conversation.id} conversation={conversation} />
    </section>
  );
}
