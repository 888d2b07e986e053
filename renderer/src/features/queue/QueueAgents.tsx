import { DisconnectOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentPresence } from '../../../../shared/contract/schemas';
import { GroupTag } from '../routing/GroupTag';
import { StatusDot } from '../routing/StatusDot';
import { sortAgents } from './queue-model';

/** Every agent: status, live link, load against their limit, skill groups. */
export function QueueAgents({ agents }: { agents: AgentPresence[] }) {
  const { t } = useTranslation();
  const sorted = useMemo(() => sortAgents(agents), [agents]);
  return (
    <section className="queue-panel" data-testid="queue-agents" data-count={agents.length}>
      <header className="column-head">
        <span className="column-title">{t('queue.agents')}</span>
        <span className="column-sub">{t('queue.agentsCount', { count: agents.length })}</span>
      </header>
      <div className="queue-scroll">
        {sorted.length === 0 ? (
          <div className="muted small queue-none">{t('queue.noAgents')}</div>
        ) : (
          <table className="queue-agents-table">
            <thead>
              <tr>
                <th>{t('queue.agent')}</th>
                <th>{t('queue.status')}</th>
                <th>{t('queue.load')}</th>
                <th>{t('queue.skills')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => (
                <tr key={a.accountId} data-testid="queue-agent-row" data-status={a.status} data-connected={a.connected} data-account-id={a.accountId}>
                  <td className="queue-agent-name">{a.displayName}</td>
                  <td className="queue-agent-status">
                    <StatusDot status={a.status} /> {t(`presence.${a.status}`)}
                    {!a.connected && a.status !== 'offline' && (
                      <span className="presence-offline" data-testid="queue-agent-disconnected">
                        {' '}
                        <DisconnectOutlined /> {t('presence.notConnected')}
                      </span>
                    )}
                  </td>
                  <td className={`mono${a.load >= a.maxConversations ? ' queue-agent-full' : ''}`} data-testid="queue-agent-load">
                    {a.load}/{a.maxConversations}
                  </td>
                  <td className="queue-agent-skills">
                    {a.skills.map((g) => (
                      <GroupTag key={g} group={g} testId="queue-agent-skill" />
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
