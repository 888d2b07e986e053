import type { AgentStatus } from '../../../../shared/domain/routing';

/** A coloured dot for an agent's routing status (在线 green, 忙碌 red, 离开 amber, 离线 grey). */
export function StatusDot({ status }: { status: AgentStatus }) {
  return <span className={`status-dot status-${status}`} aria-hidden="true" />;
}
