import type { AgentPresence } from '../../../../shared/contract/schemas';

/** Why an agent cannot take a conversation now (null: they can). */
export type Unavailable = 'offline' | 'notConnected' | 'full' | null;

export interface AgentOption {
  agent: AgentPresence;
  unavailable: Unavailable;
}

export function unavailability(agent: AgentPresence, { allowFull = false } = {}): Unavailable {
  if (agent.status === 'offline') return 'offline';
  if (!agent.connected) return 'notConnected';
  if (!allowFull && agent.load >= agent.maxConversations) return 'full';
  return null;
}

/**
 * The agents a conversation can go to, leaving out `exclude` (the agent
 * themselves, or the current assignee): those who can take it first, the
 * least loaded first, then by name.
 */
export function agentOptions(agents: readonly AgentPresence[], exclude: readonly (string | null)[], options: { allowFull?: boolean } = {}): AgentOption[] {
  const ratio = (a: AgentPresence) => (a.maxConversations > 0 ? a.load / a.maxConversations : 1);
  return agents
    .filter((a) => !exclude.includes(a.accountId))
    .map((agent) => ({ agent, unavailable: unavailability(agent, options) }))
    .sort(
      (x, y) =>
        Number(x.unavailable !== null) - Number(y.unavailable !== null) ||
        ratio(x.agent) - ratio(y.agent) ||
        x.agent.displayName.localeCompare(y.agent.displayName, 'zh-CN') ||
        (x.agent.accountId < y.agent.accountId ? -1 : 1),
    );
}
