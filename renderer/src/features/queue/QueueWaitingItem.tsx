import { useTranslation } from 'react-i18next';
import type { AgentPresence, LiveConversation } from '../../../../shared/contract/schemas';
import { LeadTag } from '../routing/LeadTag';
import { PriorityBadge } from '../routing/PriorityBadge';
import { ChannelTag } from '../sessions/ChannelTag';
import { QueueActions } from './QueueActions';
import { QueueTimer } from './QueueTimer';
import { useWait } from './use-wait';

/** A customer waiting to be routed: how long, against the first-response target. */
export function QueueWaitingItem({ conversation: c, agents }: { conversation: LiveConversation; agents: AgentPresence[] }) {
  const { t } = useTranslation();
  const { state, elapsed } = useWait(c.channel, c.queuedAt);
  return (
    <li className={`queue-item wait-${state}`} data-testid="queue-waiting-item" data-state={state} data-group={c.group} data-priority={c.priority} data-conversation-id={c.id}>
      <div className="queue-item-row">
        <ChannelTag channel={c.channel} />
        <span className="queue-name" data-testid="queue-customer">
          {c.customerName}
        </span>
        <PriorityBadge priority={c.priority} testId="queue-priority" />
        {c.lead && <LeadTag testId="queue-lead" />}
        <span className="session-spacer" />
        {elapsed !== null && <QueueTimer state={state} elapsed={elapsed} label={t('queue.waited', { time: elapsed })} />}
      </div>
      {c.lastMessagePreview !== '' && <div className="queue-preview">{c.lastMessagePreview}</div>}
      <QueueActions conversation={c} agents={agents} />
    </li>
  );
}
