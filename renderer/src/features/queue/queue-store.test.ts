import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ListenView, QueueSnapshot } from '../../../../shared/contract/schemas';

const snapshot = vi.fn<() => Promise<{ ok: true; data: QueueSnapshot } | { ok: false; error: { code: 'HEAD_OFFICE_UNREACHABLE'; message: string } }>>();
const listen = vi.fn<(input: { conversationId: string }) => Promise<{ ok: true; data: ListenView }>>();
const stopListening = vi.fn(() => Promise.resolve({ ok: true as const, data: { ok: true as const } }));
const assign = vi.fn(() => Promise.resolve({ ok: true as const, data: { ok: true as const } }));
vi.mock('../../app/desk-client', () => ({ desk: () => ({ queue: { snapshot, listen, stopListening, assign } }) }));
vi.mock('../../app/feedback', () => ({ reportError: vi.fn() }));

const { useQueue } = await import('./queue-store');

const CONV = '0190a000-0000-7000-8000-000000000001';
const empty = (at: number): QueueSnapshot => ({ at, waiting: [], active: [], agents: [], satisfaction: { rated: 0, average: null } });
const ok = <T>(data: T) => ({ ok: true as const, data });
const view = (): ListenView => ({
  conversation: {
    id: CONV,
    channel: 'webchat',
    state: 'assigned',
    group: 'claims',
    priority: 2,
    customerId: null,
    customerName: '张三',
    lead: true,
    assigneeId: null,
    assigneeName: '王芳',
    lastSeq: 0,
    customerReadSeq: 0,
    createdAt: 0,
    queuedAt: 0,
    firstResponseAt: null,
    awaitingReplySince: 0,
    lastMessageAt: null,
    lastMessagePreview: '',
    closedAt: null,
    phoneCall: null,
  },
  messages: [],
});

let stop: (() => void) | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  for (const f of [snapshot, listen, stopListening, assign]) f.mockClear();
  snapshot.mockImplementation(() => Promise.resolve(ok(empty(Date.now()))));
  listen.mockImplementation(() => Promise.resolve(ok(view())));
  useQueue.setState({ snapshot: null, error: null, loading: false, listening: null, assigning: {} });
});
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.useRealTimers();
});

describe('the live queue', () => {
  it('reads at once, polls every 5 s while watched, and stops when left', async () => {
    stop = useQueue.getState().watch();
    await vi.advanceTimersByTimeAsync(0);
    expect(snapshot).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(snapshot).toHaveBeenCalledTimes(3);
    stop();
    stop = undefined;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(snapshot).toHaveBeenCalledTimes(3);
  });

  it('re-reads once for a burst of notices, and not at all when not on screen', async () => {
    useQueue.getState().changed(null);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(snapshot).not.toHaveBeenCalled();

    stop = useQueue.getState().watch();
    await vi.advanceTimersByTimeAsync(0);
    snapshot.mockClear();
    for (let i = 0; i < 5; i++) useQueue.getState().changed(null);
    await vi.advanceTimersByTimeAsync(199);
    expect(snapshot).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(snapshot).toHaveBeenCalledTimes(1);
  });

  it('keeps the last snapshot and says why when head office cannot be reached', async () => {
    stop = useQueue.getState().watch();
    await vi.advanceTimersByTimeAsync(0);
    snapshot.mockResolvedValueOnce({ ok: false, error: { code: 'HEAD_OFFICE_UNREACHABLE', message: 'down' } });
    await useQueue.getState().load();
    expect(useQueue.getState().error?.code).toBe('HEAD_OFFICE_UNREACHABLE');
    expect(useQueue.getState().snapshot).not.toBeNull();
  });

  it('re-reads the conversation listened to when it gets a message, and stops listening on leaving', async () => {
    stop = useQueue.getState().watch();
    await useQueue.getState().listen(CONV);
    expect(useQueue.getState().listening?.view?.conversation.customerName).toBe('张三');
    useQueue.getState().changed('0190a000-0000-7000-8000-000000000002');
    expect(listen).toHaveBeenCalledTimes(1);
    useQueue.getState().changed(CONV);
    await vi.advanceTimersByTimeAsync(0);
    expect(listen).toHaveBeenCalledTimes(2);
    stop();
    stop = undefined;
    expect(useQueue.getState().listening).toBeNull();
    expect(stopListening).toHaveBeenCalledTimes(1);
  });
});
