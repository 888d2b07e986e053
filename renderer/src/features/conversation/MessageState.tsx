import { CheckOutlined, ExclamationCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../../shared/contract/schemas';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';
import { replyFailure } from './message-content';
import { seenSeqOf } from './thread-merge';
import { useThreads } from './threads-store';

type ReplyState = NonNullable<Message['state']>;

const ICON: Record<ReplyState, ReactNode> = {
  sending: <LoadingOutlined />,
  sent: <CheckOutlined />,
  read: <CheckOutlined />,
  failed: <ExclamationCircleOutlined />,
};

/** Where the agent's reply is on its way to the customer; a refused one can be sent again. */
export function MessageState({ message }: { message: Message & { state: ReplyState } }) {
  const { t } = useTranslation();
  const [retrying, setRetrying] = useState(false);
  const state = message.state;

  const retry = async () => {
    setRetrying(true);
    try {
      const seenSeq = seenSeqOf(useThreads.getState().threads[message.conversationId]?.messages ?? []);
      useThreads.getState().replace(await unwrap(desk().conversations.retry({ conversationId: message.conversationId, messageId: message.id, seenSeq })));
    } catch (err) {
      reportError(err);
    } finally {
      setRetrying(false);
    }
  };

  const label = (
    <span className={`msg-state msg-state-${state}`} data-testid="message-state" data-state={state} data-failure={state === 'failed' ? replyFailure(message.failure) : undefined}>
      {ICON[state]} {t(`message.${state}`)}
    </span>
  );
  if (state !== 'failed') return <div className="msg-state-row">{label}</div>;
  return (
    <div className="msg-state-row">
      <Tooltip title={<span data-testid="message-failure">{t(`message.failures.${replyFailure(message.failure)}`)}</span>}>{label}</Tooltip>
      <Button size="small" type="link" danger loading={retrying} onClick={() => void retry()} data-testid="message-retry">
        {t('message.retry')}
      </Button>
    </div>
  );
}
