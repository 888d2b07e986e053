import { useTranslation } from 'react-i18next';
import type { AgentOption } from './agent-options';
import { StatusDot } from './StatusDot';

/** One agent in a picker: name, status, load against their limit, and why they cannot take it. */
export function AgentOptionLabel({ option: { agent: a, unavailable } }: { option: AgentOption }) {
  const { t } = useTranslation();
  return (
    <span className="agent-option" data-testid="agent-option" data-account-id={a.accountId} data-unavailable={unavailable ?? undefined}>
      <StatusDot status={a.status} />
      <span className="agent-option-name">{a.displayName}</span>
      <span className="muted small">
        {t(`presence.${a.status}`)}
        {!a.connected && a.status !== 'offline' ? ` · ${t('presence.notConnected')}` : ''}
      </span>
      <span className="agent-option-load mono">
        {t('transfer.load', { load: a.load, max: a.maxConversations })}
        {unavailable === 'full' ? ` ${t('transfer.full')}` : ''}
      </span>
    </span>
  );
}
