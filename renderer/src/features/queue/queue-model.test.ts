import { describe, expect, it } from 'vitest';
import type { AgentPresence, LiveConversation } from '../../../../shared/contract/schemas';
import { groupWaiting, headOfficeNow, sortActive, sortAgents, waitState } from './queue-model';

const conv = (id: string, patch: Partial<LiveConversation> = {}): LiveConversation => ({
  id,
  channel: 'webchat',
  state: 'waiting',
  group: 'new_business',
  priority: 0,
  customerId: null,
  customerName: id,
  lead: true,
  assigneeId: null,
  assigneeName: null,
  lastSeq: 1,
  customerReadSeq: 0,
  createdAt: 0,
  queuedAt: 0,
  firstResponseAt: null,
  awaitingReplySince: null,
  lastMessageAt: null,
  lastMessagePreview: '',
  closedAt: null,
  phoneCall: null,
  ...patch,
});

const agent = (accountId: string, patch: Partial<AgentPresence> = {}): AgentPresence => ({
  accountId,
  displayName: accountId,
  role: 'agent',
  status: 'online',
  connected: true,
  skills: [],
  maxConversations: 5,
  load: 0,
  ...patch,
});

describe('waitState', () => {
  it('turns amber from 20 s and red from 30 s on chat channels', () => {
    expect(waitState('webchat', 0, 19_999)).toBe('ok');
    expect(waitState('webchat', 0, 20_000)).toBe('warn');
    expect(waitState('wechat', 0, 30_000)).toBe('breached');
  });

  it('follows the channel target (Weibo: 30 min) and calls no wait ok', () => {
    expect(waitState('weibo', 0, 60_000)).toBe('ok');
    expect(waitState('weibo', 0, 30 * 60_000)).toBe('breached');
    expect(waitState('webchat', null, 99_999)).toBe('ok');
    expect(waitState('phone', 0, 99_999)).toBe('ok');
  });

  it('reads head office time through the offset', () => {
    expect(headOfficeNow(1_000, 250)).toBe(1_250);
    expect(headOfficeNow(1_000, -250)).toBe(750);
  });
});

describe('groupWaiting', () => {
  it('lists every group in a fixed order, oldest first within each', () => {
    const groups = groupWaiting([
      conv('c2', { group: 'claims', queuedAt: 20, priority: 2 }),
      conv('n1', { queuedAt: 5 }),
      conv('c1', { group: 'claims', queuedAt: 10 }),
      conv('x1', { group: 'complaints', queuedAt: 1, priority: 1 }),
      conv('c0', { group: 'claims', queuedAt: 10 }),
    ]);
    expect(groups.map((g) => [g.group, g.items.map((c) => c.id)])).toEqual([
      ['new_business', ['n1']],
      ['renewal', []],
      ['claims', ['c0', 'c1', 'c2']],
      ['complaints', ['x1']],
    ]);
  });
});

describe('sortActive', () => {
  it('puts waiting customers first, longest wait on top, then the answered by agent', () => {
    const sorted = sortActive([
      conv('answered-b', { assigneeName: '王芳', lastMessageAt: 5 }),
      conv('wait-late', { awaitingReplySince: 50 }),
      conv('answered-a', { assigneeName: '李雷', lastMessageAt: 9 }),
      conv('wait-early', { awaitingReplySince: 10 }),
    ]);
    expect(sorted.map((c) => c.id)).toEqual(['wait-early', 'wait-late', 'answered-a', 'answered-b']);
  });
});

describe('sortAgents', () => {
  it('puts connected online agents first and offline ones last', () => {
    const sorted = sortAgents([agent('z-off', { status: 'offline', connected: false }), agent('away', { status: 'away' }), agent('lost', { connected: false }), agent('b'), agent('a'), agent('busy', { status: 'busy' })]);
    expect(sorted.map((a) => a.accountId)).toEqual(['a', 'b', 'busy', 'away', 'lost', 'z-off']);
  });
});
