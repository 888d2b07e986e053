import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentPresence, LiveConversation } from '../../../../shared/contract/schemas';
import { groupWaiting } from './queue-model';
import { QueueWaitingItem } from './QueueWaitingItem';

/** Waiting conversations by skill group, oldest first in each. */
export function QueueWaiting({ waiting, agents }: { waiting: LiveConversation[]; agents: AgentPresence[] }) {
  const { t } = useTranslation();
  const groups = useMemo(() => groupWaiting(waiting), [waiting]);
  return (
    <section className="queue-panel" data-testid="queue-waiting" data-count={waiting.length}>
      <header className="column-head">
        <span className="column-title">{t('queue.waiting')}</span>
        <span className="column-sub">{t('queue.waitingCount', { count: waiting.length })}</span>
      </header>
      <div className="queue-scroll">
        {groups.map(({ group, items }) => (
          <div key={group} className="queue-group" data-testid="queue-group" data-group={group} data-count={items.length}>
            <div className="group-title">
              {t(`groups.full.${group}`)} <span className="muted">({items.length})</span>
            </div>
            {items.length === 0 ? (
              <div className="muted small queue-none">{t('queue.noWaiting')}</div>
            ) : (
              <ul className="queue-items">
                {items.map((c) => (
                  <QueueWaitingItem key={c.id} conversation={c} agents={agents} />
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
