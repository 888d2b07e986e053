import { CheckCircleOutlined, FileAddOutlined, IdcardOutlined, MessageOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, type ButtonProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../../app/ui-store';
import { ChannelTag } from '../sessions/ChannelTag';
import { useActiveConversation, useSessions } from '../sessions/sessions-store';
import { useDraft } from './composer-store';
import { feedbackApi, reportError } from '../../app/feedback';
import { conversationSubject } from '../sessions/subject';
import { useTickets } from '../tickets/tickets-store';
import { LinkCustomerButton } from '../link-customer/LinkCustomerButton';
import { LeadTag } from '../routing/LeadTag';
import { PriorityBadge } from '../routing/PriorityBadge';
import { TransferButton } from '../transfer/TransferButton';
import { ReportClaimButton } from '../claims/ReportClaimButton';
import { Composer } from './Composer';
import { LiveBar } from './LiveBar';
import { MoodHint } from './MoodHint';
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
  const hasDraft = useDraft(id ?? null, conversation?.draft ?? '').trim() !== '';
  const noSessions = useSessions((s) => s.status === 'ready' && s.conversations.length === 0);

  useEffect(() => {
    if (id) openThread(id);
  }, [id, openThread]);

  if (!conversation) {
    return (
      <section className="conversation-column conversation-empty" data-testid="conversation-empty" data-reason={noSessions ? 'no-sessions' : 'none-selected'}>
        <Empty image={<MessageOutlined className="empty-icon" />} description={t(noSessions ? 'conversation.noSessions' : 'conversation.empty')}>
          <span className="muted">{t(noSessions ? 'conversation.noSessionsHint' : 'conversation.emptyHint')}</span>
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
          <PriorityBadge priority={conversation.priority} testId="conversation-priority" />
          {conversation.lead && <LeadTag testId="conversation-lead" />}
          <span className="conversation-subject" data-testid="conversation-subject">
            <span className="muted label-gap">{t('conversation.subjectLabel')}</span>
            {conversationSubject(t, conversation) || t('conversation.noSubject')}
          </span>
        </div>
        {/* On a narrow window the buttons keep their icons and lose their labels (kept as names and tooltips). */}
        <div className="conversation-head-actions">
          <Button size="small" icon={<IdcardOutlined />} onClick={() => setSidePanel('customer')} aria-label={t('conversation.customer')} title={t('conversation.customer')} data-testid="show-customer">
            <span className="wide-only">{t('conversation.customer')}</span>
          </Button>
          <LinkCustomerButton key={`link-${conversation.id}`} conversation={conversation} />
          <TransferButton key={`transfer-${conversation.id}`} conversation={conversation} />
          <ReportClaimButton key={`claim-${conversation.id}`} conversation={conversation} />
          <Button
            size="small"
            type="primary"
            ghost
            icon={<FileAddOutlined />}
            onClick={() => startCreate(conversation)}
            aria-label={t('conversation.createTicket')}
            title={t('conversation.createTicket')}
            data-testid="create-ticket-button"
          >
            <span className="wide-only">{t('conversation.createTicket')}</span>
          </Button>
          <Popconfirm
            title={<span data-testid="close-conversation-confirm">{t(hasDraft ? 'conversation.closeConfirmDraft' : 'conversation.closeConfirm', { name: conversation.customerName })}</span>}
            okText={t('conversation.closeOk')}
            cancelText={t('conversation.closeCancel')}
            okButtonProps={{ 'data-testid': 'close-conversation-ok' } as ButtonProps}
            onConfirm={() =>
              closeConversation(conversation.id).then(
                () => void feedbackApi().message.success(t('conversation.closed')),
                (err: unknown) => reportError(err),
              )
            }
          >
            <Button size="small" icon={<CheckCircleOutlined />} aria-label={t('conversation.close')} title={t('conversation.close')} data-testid="close-conversation">
              <span className="wide-only">{t('conversation.close')}</span>
            </Button>
          </Popconfirm>
        </div>
      </header>
      <MessageList conversationId={conversation.id} customerName={conversation.customerName} />
      <MoodHint conversation={conversation} />
      <LiveBar conversationId={conversation.id} />
      <Composer key={conversation.id} conversation={conversation} />
    </section>
  );
}
