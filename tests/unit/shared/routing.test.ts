import { describe, expect, it } from 'vitest';
import { pickAgent, placeConversation, PRIORITY, queueOrder, routeQueue, type RoutableAgent, type WaitingConversation } from '../../../shared/domain/routing.js';

const agent = (id: string, load: number, o: Partial<RoutableAgent> = {}): RoutableAgent => ({
  id,
  load,
  maxConversations: 5,
  skills: ['new_business', 'renewal', 'claims', 'complaints'],
  lastAssignedAt: 0,
  ...o,
});
const waiting = (id: string, o: Partial<WaitingConversation> = {}): WaitingConversation => ({ id, group: 'new_business', priority: 0, queuedAt: 1000, lastAgentId: null, ...o });

describe('where a new conversation queues', () => {
  it('follows the topic the customer chose', () => {
    expect(placeConversation('claim_report', '你好')).toEqual({ group: 'claims', priority: PRIORITY.claimReport });
    expect(placeConversation('claim_progress', '你好')).toEqual({ group: 'claims', priority: PRIORITY.normal });
    expect(placeConversation('complaint', '')).toEqual({ group: 'complaints', priority: PRIORITY.complaint });
    expect(placeConversation('renewal', '')).toEqual({ group: 'renewal', priority: 0 });
  });

  it('reads a claim report or a complaint from the first words when no topic was chosen', () => {
    expect(placeConversation(null, '我刚才在高架上被追尾了')).toMatchObject({ group: 'claims', priority: PRIORITY.claimReport });
    expect(placeConversation(null, '车子被水淹了怎么办')).toMatchObject({ group: 'claims', priority: PRIORITY.claimReport });
    expect(placeConversation(null, '我要投诉你们的理赔员')).toMatchObject({ group: 'complaints', priority: PRIORITY.complaint });
    expect(placeConversation(null, '交强险多少钱')).toEqual({ group: 'new_business', priority: 0 });
  });
});

describe('who gets a conversation', () => {
  it('goes to the least-loaded agent with room and the skill', () => {
    expect(pickAgent(waiting('c'), [agent('a', 3), agent('b', 1), agent('c', 2)])?.id).toBe('b');
    expect(pickAgent(waiting('c'), [agent('a', 5), agent('b', 5)])).toBeNull();
    expect(pickAgent(waiting('c', { group: 'claims' }), [agent('a', 0, { skills: ['renewal'] }), agent('b', 4)])?.id).toBe('b');
  });

  it('breaks a tie in favour of whoever waited longest since their last conversation', () => {
    expect(pickAgent(waiting('c'), [agent('a', 1, { lastAssignedAt: 500 }), agent('b', 1, { lastAssignedAt: 100 })])?.id).toBe('b');
  });

  it('offers a returning customer to their last agent if that agent has room and the skill, even with more load', () => {
    const agents = [agent('a', 0), agent('b', 4)];
    expect(pickAgent(waiting('c', { lastAgentId: 'b' }), agents)?.id).toBe('b');
    expect(pickAgent(waiting('c', { lastAgentId: 'b' }), [agent('a', 0), agent('b', 5)])?.id).toBe('a');
    expect(pickAgent(waiting('c', { lastAgentId: 'b', group: 'claims' }), [agent('a', 0), agent('b', 1, { skills: ['renewal'] })])?.id).toBe('a');
  });
});

describe('the queue', () => {
  it('serves claim reports, then complaints, then everyone else, each in arrival order', () => {
    const q = [
      waiting('normal-early', { queuedAt: 1 }),
      waiting('complaint', { group: 'complaints', priority: 1, queuedAt: 3 }),
      waiting('report-late', { group: 'claims', priority: 2, queuedAt: 9 }),
      waiting('report-early', { group: 'claims', priority: 2, queuedAt: 4 }),
      waiting('normal-late', { queuedAt: 2 }),
    ];
    expect([...q].sort(queueOrder).map((c) => c.id)).toEqual(['report-early', 'report-late', 'complaint', 'normal-early', 'normal-late']);
  });

  it('assigns while agents have room, never over a limit, and a group nobody can take does not hold up the others', () => {
    const q = [waiting('claim-1', { group: 'claims', priority: 2, queuedAt: 1 }), waiting('new-1', { queuedAt: 2 }), waiting('new-2', { queuedAt: 3 }), waiting('new-3', { queuedAt: 4 })];
    const agents = [agent('a', 0, { maxConversations: 1, skills: ['new_business'] }), agent('b', 1, { maxConversations: 2, skills: ['new_business'] })];
    const out = routeQueue(q, agents, 10_000);
    expect(out).toEqual([
      { conversationId: 'new-1', agentId: 'a' },
      { conversationId: 'new-2', agentId: 'b' },
    ]);
    // The inputs are not changed.
    expect(agents.map((a) => a.load)).toEqual([0, 1]);
  });

  it('spreads a burst evenly across agents with equal load', () => {
    const q = Array.from({ length: 6 }, (_, i) => waiting(`c${i}`, { queuedAt: i }));
    const out = routeQueue(q, [agent('a', 0), agent('b', 0), agent('c', 0)], 0);
    const count = (id: string) => out.filter((x) => x.agentId === id).length;
    expect([count('a'), count('b'), count('c')]).toEqual([2, 2, 2]);
  });
});
