import type { AgentPresence, LiveConversation } from '../../../../shared/contract/schemas';
import type { Channel } from '../../../../shared/domain/channels';
import { responseTimerState } from '../../../../shared/domain/first-response';
import { AGENT_STATUSES, SKILL_GROUPS, type SkillGroup } from '../../../../shared/domain/routing';

/** How a wait looks against the channel's first-response target: amber from 20 s, red from 30 s on chat. */
export type WaitState = 'ok' | 'warn' | 'breached';

export function waitState(channel: Channel, since: number | null, now: number): WaitState {
  const state = responseTimerState(channel, since, now);
  return state === 'idle' ? 'ok' : state;
}

/** Head office's clock now, from the local one and the offset seen when the snapshot came. */
export function headOfficeNow(localNow: number, skew: number): number {
  return localNow + skew;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Who has waited longest first. */
export function byOldest(a: LiveConversation, b: LiveConversation): number {
  return a.queuedAt - b.queuedAt || byId(a, b);
}

export interface WaitingGroup {
  group: SkillGroup;
  items: LiveConversation[];
}

/** Waiting conversations under every skill group (in a fixed order, empty ones too), oldest first within a group. */
export function groupWaiting(waiting: readonly LiveConversation[]): WaitingGroup[] {
  return SKILL_GROUPS.map((group) => ({ group, items: waiting.filter((c) => c.group === group).sort(byOldest) }));
}

/**
 * Conversations in progress: customers waiting for a reply first, the
 * longest wait on top; then the answered ones by agent and latest message.
 */
export function sortActive(active: readonly LiveConversation[]): LiveConversation[] {
  return [...active].sort((a, b) => {
    const wa = a.awaitingReplySince;
    const wb = b.awaitingReplySince;
    if (wa !== null && wb !== null) return wa - wb || byId(a, b);
    if (wa !== null) return -1;
    if (wb !== null) return 1;
    return (a.assigneeName ?? '').localeCompare(b.assigneeName ?? '', 'zh-CN') || (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0) || byId(a, b);
  });
}

/** Agents who can work first (online, busy, away, offline), then by name. */
export function sortAgents(agents: readonly AgentPresence[]): AgentPresence[] {
  const rank = (a: AgentPresence) => AGENT_STATUSES.indexOf(a.status) + (a.connected ? 0 : AGENT_STATUSES.length);
  return [...agents].sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName, 'zh-CN') || (a.accountId < b.accountId ? -1 : 1));
}
