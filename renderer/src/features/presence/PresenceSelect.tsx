import { DisconnectOutlined } from '@ant-design/icons';
import { Select, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { AGENT_STATUSES, type AgentStatus } from '../../../../shared/domain/routing';
import { StatusDot } from '../routing/StatusDot';
import { usePresence } from './presence-store';

/** In the header: the agent's routing status; head office offers conversations only when online and connected. */
export function PresenceSelect() {
  const { t } = useTranslation();
  const presence = usePresence((s) => s.presence);
  const pending = usePresence((s) => s.pending);
  const setStatus = usePresence((s) => s.set);
  if (!presence) return null;
  const status = pending ?? presence.status;
  return (
    <span className="presence" data-status={status} data-connected={presence.connected}>
      <Select<AgentStatus>
        size="small"
        variant="borderless"
        className="presence-select"
        popupMatchSelectWidth={false}
        value={status}
        loading={pending !== null}
        onChange={(v) => void setStatus(v)}
        // The chosen status: its dot always, its name where the header has room.
        labelRender={({ value }) => (
          <span className="presence-option" title={t(`presence.${value as AgentStatus}`)}>
            <StatusDot status={value as AgentStatus} />
            <span className="presence-label">{t(`presence.${value as AgentStatus}`)}</span>
          </span>
        )}
        aria-label={t('presence.label')}
        data-testid="presence-select"
        options={AGENT_STATUSES.map((s) => ({
          value: s,
          label: (
            <span className="presence-option" data-testid={`presence-option-${s}`}>
              <StatusDot status={s} />
              {t(`presence.${s}`)}
            </span>
          ),
        }))}
      />
      <span className="presence-connected" data-testid="presence-connected" data-connected={presence.connected}>
        {!presence.connected && (
          <Tooltip title={t('presence.notConnectedHint')}>
            <span className="presence-offline">
              <DisconnectOutlined /> {t('presence.notConnected')}
            </span>
          </Tooltip>
        )}
      </span>
    </span>
  );
}
