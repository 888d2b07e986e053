import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AgentPresence, LiveConversation } from '../../../../shared/contract/schemas';
import { GroupTag } from '../routing/GroupTag';
import { LeadTag } from '../routing/LeadTag';
import { PriorityBadge } from '../routing/PriorityBadge';
import { ChannelTag } from '../sessions/ChannelTag';
import { QueueActions } from './QueueActions';
import { QueueTimer } from './QueueTimer';
import { useWait } from './use-wait';

/** A conversation an agent is serving: who, and how long the customer has waited for a reply. */
export function QueueActiveItem({ conversation: c, agents }: { conversation: LiveConversation; agents: AgentPresence[] }) {
  const { t } = useTranslation();
  const { state, elapsed } = useWait(c.channel, c.awaitingReplySince);
  return (
    <li className={`queue-item wait-${state}`} data-testid="queue-active-item" data-state={state} data-group={c.group} data-conversation-id={c.id} data-assignee-id={c.assigneeId ?? undefined}>
      <div className="queue-item-row">
        <ChannelTag channel={c.channel} />
        <span className="queue-name" data-testid="queue-customer">
          {c.customerName}
        </span>
        <GroupTag group={c.group} testId="queue-group-tag" />
        <PriorityBadge priority={c.priority} testId="queue-priority" />
        {c.lead && <LeadTag testId="queue-lead" />}
        <span className="session-spacer" />
        {elapsed !== null ? <QueueTimer state={state} elapsed={elapsed} label={t('queue.awaiting', { time: elapsed })} /> : <span className="muted small">{t('queue.replied')}</span>}
      </div>
      <div className="queue-item-row">
        <span className="queue-assignee" data-testid="queue-assignee">
          <UserOutlined /> {c.assigneeName ?? t('queue.unassigned')}
        </span>
        <span className={`queue-first-response${c.firstResponseAt === null ? ' is-missing' : ''}`} data-testid="queue-first-response" data-done={c.firstResponseAt !== null}>
          {t(c.firstResponseAt === null ? 'queue.noFirstResponse' : 'queue.firstResponded')}
        </span>
        <span className="queue-preview">{c.lastMessagePreview}</span>
      </div>
      <QueueActions conversation={c} agents={agents} />
    </li>
  );
}
