import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentPresence, LiveConversation } from '../../../../shared/contract/schemas';
import { sortActive } from './queue-model';
import { QueueActiveItem } from './QueueActiveItem';

/** Conversations in progress, customers waiting for a reply on top. */
export function QueueActive({ active, agents }: { active: LiveConversation[]; agents: AgentPresence[] }) {
  const { t } = useTranslation();
  const sorted = useMemo(() => sortActive(active), [active]);
  return (
    <section className="queue-panel" data-testid="queue-active" data-count={active.length}>
      <header className="column-head">
        <span className="column-title">{t('queue.active')}</span>
        <span className="column-sub">{t('queue.activeCount', { count: active.length })}</span>
      </header>
      <div className="queue-scroll">
        {sorted.length === 0 ? (
          <div className="muted small queue-none">{t('queue.noActive')}</div>
        ) : (
          <ul className="queue-items">
            {sorted.map((c) => (
              <QueueActiveItem key={c.id} conversation={c} agents={agents} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
