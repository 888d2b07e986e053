import { describe, expect, it } from 'vitest';
import type { AgentPresence } from '../../../../shared/contract/schemas';
import { agentOptions, unavailability } from './agent-options';

const agent = (accountId: string, patch: Partial<AgentPresence> = {}): AgentPresence => ({
  accountId,
  displayName: accountId,
  role: 'agent',
  status: 'online',
  connected: true,
  skills: ['claims'],
  maxConversations: 5,
  load: 0,
  ...patch,
});

describe('agent options', () => {
  it('says why an agent cannot take a conversation', () => {
    expect(unavailability(agent('a', { status: 'offline', connected: false }))).toBe('offline');
    expect(unavailability(agent('a', { connected: false }))).toBe('notConnected');
    expect(unavailability(agent('a', { load: 5 }))).toBe('full');
    expect(unavailability(agent('a', { load: 5 }), { allowFull: true })).toBeNull();
    expect(unavailability(agent('a', { status: 'busy', load: 2 }))).toBeNull();
  });

  it('leaves out the excluded, puts available agents first, least loaded first', () => {
    const list = agentOptions(
      [agent('self'), agent('full', { load: 5 }), agent('busy', { load: 3 }), agent('idle', { load: 1 }), agent('gone', { status: 'offline' }), agent('half', { load: 1, maxConversations: 2 })],
      ['self'],
    );
    expect(list.map((o) => [o.agent.accountId, o.unavailable])).toEqual([
      ['idle', null],
      ['half', null],
      ['busy', null],
      ['gone', 'offline'],
      ['full', 'full'],
    ]);
  });
});
