import { Button, Empty, Result, Spin } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import type { Message } from '../../../../shared/contract/schemas';
import { MessageItem } from './MessageItem';
import { useThreads } from './threads-store';

interface ListContext {
  loadingOlder: boolean;
  hasOlder: boolean;
}

function ListTop({ context }: { context: ListContext }) {
  const { t } = useTranslation();
  return (
    <div className="message-list-edge" data-testid="message-list-top">
      {context.loadingOlder ? <Spin size="small" /> : null}
      {context.loadingOlder ? t('conversation.loadingOlder') : context.hasOlder ? null : t('conversation.beginning')}
    </div>
  );
}

const LIST_COMPONENTS = { Header: ListTop };

interface Props {
  conversationId: string;
  customerName: string;
}

/**
 * Newest page first, older pages as the agent scrolls up. `firstItemIndex`
 * is the first loaded message's sequence number, so prepending a page
 * lowers it by exactly the page size and Virtuoso keeps the view still.
 */
export function MessageList({ conversationId, customerName }: Props) {
  const { t } = useTranslation();
  const thread = useThreads((s) => s.threads[conversationId]);
  const loadOlder = useThreads((s) => s.loadOlder);
  const loadLatest = useThreads((s) => s.loadLatest);
  const ref = useRef<VirtuosoHandle>(null);
  const lastSeq = thread?.messages[thread.messages.length - 1]?.seq;
  const lastDirection = thread?.messages[thread.messages.length - 1]?.direction;
  const atBottom = useRef(true);

  // The agent's own reply always scrolls into view, even when reading history.
  useEffect(() => {
    if (lastDirection === 'out' && !atBottom.current && thread) {
      ref.current?.scrollToIndex({ index: 'LAST', align: 'end' });
    }
  }, [lastSeq]);

  const startReached = useCallback(() => void loadOlder(conversationId), [loadOlder, conversationId]);
  const itemContent = useCallback(
    (_index: number, m: Message) => <MessageItem message={m} customerName={customerName} />,
    [customerName],
  );

  if (!thread || (thread.status === 'loading' && thread.messages.length === 0)) {
    return (
      <div className="message-list message-list-center" data-testid="message-list" data-state="loading">
        <Spin description={t('conversation.loading')} />
      </div>
    );
  }
  if (thread.status === 'error' && thread.messages.length === 0) {
    return (
      <div className="message-list message-list-center" data-testid="message-list" data-state="error">
        <Result
          status="warning"
          title={t('conversation.loadFailed')}
          extra={<Button onClick={() => void loadLatest(conversationId)}>{t('common.retry')}</Button>}
        />
      </div>
    );
  }
  if (thread.messages.length === 0) {
    return (
      <div className="message-list message-list-center" data-testid="message-list" data-state="empty">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('conversation.noMessages')} />
      </div>
    );
  }

  return (
    <div className="message-list" data-testid="message-list" data-state="ready" data-has-older={thread.hasOlder}>
      <Virtuoso
        key={conversationId}
        ref={ref}
        className="message-scroller"
        data={thread.messages}
        firstItemIndex={thread.messages[0]!.seq}
        initialTopMostItemIndex={{ index: 'LAST', align: 'end' }}
        computeItemKey={(_i, m) => m.id}
        itemContent={itemContent}
        startReached={startReached}
        atBottomStateChange={(b) => (atBottom.current = b)}
        followOutput={(isAtBottom) => (isAtBottom ? 'auto' : false)}
        increaseViewportBy={{ top: 600, bottom: 200 }}
        // Close to a one-line bubble with its meta line: fewer measuring passes on open.
        defaultItemHeight={64}
        alignToBottom
        context={{ loadingOlder: thread.loadingOlder, hasOlder: thread.hasOlder }}
        components={LIST_COMPONENTS}
      />
    </div>
  );
}
