import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary, Message } from '../../../../shared/contract/schemas';

type Result = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };
const send = vi.fn<(input: { conversationId: string; body: string; seenSeq?: number }) => Promise<Result>>();
const messages = vi.fn<(input: { conversationId: string }) => Promise<Result>>();
const saveDraft = vi.fn(() => Promise.resolve({ ok: true as const, data: { ok: true as const } }));
const reportError = vi.fn();
vi.mock('../../app/desk-client', () => ({ desk: () => ({ conversations: { send, messages, saveDraft } }) }));
vi.mock('../../app/feedback', () => ({ reportError, feedbackApi: () => ({}) }));

const { sendReply } = await import('./send-reply');
const { useComposer } = await import('./composer-store');
const { useThreads } = await import('./threads-store');

const CONV = '0190a000-0000-7000-8000-000000000001';
const msg = (seq: number, direction: Message['direction'] = 'in'): Message => ({
  id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  conversationId: CONV,
  seq,
  direction,
  body: `#${seq}`,
  sentAt: seq,
  authorName: null,
  kind: 'text',
  state: direction === 'out' ? 'sending' : null,
  failure: null,
  imageId: null,
  location: null,
  notice: null,
  noticeArg: null,
});
const conv = { id: CONV, draft: '' } as ConversationSummary;

beforeEach(() => {
  send.mockReset();
  messages.mockReset();
  reportError.mockReset();
  useComposer.setState({ drafts: { [CONV]: '您好，已为您报案' }, held: {}, scriptIds: {} });
  useThreads.setState({ threads: { [CONV]: { messages: [msg(1), msg(2)], hasOlder: false, status: 'ready', loadingOlder: false, stale: false } } });
});

describe('sendReply', () => {
  it('says which messages were on screen', async () => {
    send.mockResolvedValueOnce({ ok: true, data: msg(3, 'out') });
    expect(await sendReply(conv)).toBe(true);
    expect(send.mock.calls[0]![0].seenSeq).toBe(2);
    expect(useComposer.getState().drafts[CONV]).toBe('');
  });

  it('keeps a held reply, says why, shows the new messages, and goes through on the next send', async () => {
    send.mockResolvedValueOnce({ ok: false, error: { code: 'CONVERSATION_CHANGED', message: 'wrote since' } });
    messages.mockResolvedValueOnce({ ok: true, data: { messages: [msg(1), msg(2), msg(3)], hasOlder: false } });
    expect(await sendReply(conv)).toBe(false);
    expect(useComposer.getState().drafts[CONV]).toBe('您好，已为您报案');
    expect(useComposer.getState().held[CONV]).toBe(true);
    expect(reportError).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(useThreads.getState().threads[CONV]!.messages).toHaveLength(3));

    send.mockResolvedValueOnce({ ok: true, data: msg(4, 'out') });
    expect(await sendReply(conv)).toBe(true);
    expect(send.mock.calls[1]![0].seenSeq).toBe(3);
    expect(useComposer.getState().held[CONV]).toBe(false);
  });
});
