import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, MessagePage } from '../../../../shared/contract/schemas';

const messages = vi.fn<(input: { conversationId: string; beforeSeq?: number; limit: number }) => Promise<{ ok: true; data: MessagePage }>>();
vi.mock('../../app/desk-client', () => ({ desk: () => ({ conversations: { messages } }) }));
vi.mock('../../app/feedback', () => ({ reportError: vi.fn() }));

const { useThreads } = await import('./threads-store');

const CONV = '0190a000-0000-7000-8000-000000000001';
const range = (from: number, to: number): Message[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({
    id: `m${from + i}`,
    conversationId: CONV,
    seq: from + i,
    direction: 'in' as const,
    body: `#${from + i}`,
    sentAt: from + i,
    authorName: null,
    kind: 'text' as const,
    state: null,
    failure: null,
    imageId: null,
    location: null,
    notice: null,
    noticeArg: null,
  }));
const page = (from: number, to: number, hasOlder = from > 1) => ({ ok: true as const, data: { messages: range(from, to), hasOlder } });

beforeEach(() => {
  messages.mockReset();
  useThreads.setState({ threads: {} });
});

describe('loadOlder', () => {
  it('prepends the page before the message it paged from', async () => {
    messages.mockResolvedValueOnce(page(201, 300));
    await useThreads.getState().loadLatest(CONV);
    messages.mockResolvedValueOnce(page(101, 200));
    await useThreads.getState().loadOlder(CONV);
    const thread = useThreads.getState().threads[CONV]!;
    expect(thread.messages.map((m) => m.seq)).toEqual(range(101, 300).map((m) => m.seq));
    expect(thread.loadingOlder).toBe(false);
  });

  it('drops a page that no longer joins on because the newest page replaced the list meanwhile', async () => {
    messages.mockResolvedValueOnce(page(201, 300));
    await useThreads.getState().loadLatest(CONV);

    let answerOlder!: (page: { ok: true; data: MessagePage }) => void;
    messages.mockReturnValueOnce(new Promise((ok) => (answerOlder = ok)));
    const older = useThreads.getState().loadOlder(CONV);
    // More came in than one page holds: the newest page leaves a gap, so it replaces the list.
    messages.mockResolvedValueOnce(page(401, 500));
    await useThreads.getState().loadLatest(CONV);
    answerOlder(page(101, 200));
    await older;

    const seqs = useThreads.getState().threads[CONV]!.messages.map((m) => m.seq);
    expect(seqs).toEqual(range(401, 500).map((m) => m.seq));
    expect(useThreads.getState().threads[CONV]!.loadingOlder).toBe(false);
  });
});
