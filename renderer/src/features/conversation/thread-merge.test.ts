import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/contract/schemas';
import { mergeLatest, replaceMessage, seenSeqOf } from './thread-merge';

const CONV = '0190a000-0000-7000-8000-000000000001';
const msg = (seq: number, patch: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  conversationId: CONV,
  seq,
  direction: 'out',
  body: `#${seq}`,
  sentAt: seq,
  authorName: null,
  kind: 'text',
  state: 'sent',
  failure: null,
  imageId: null,
  location: null,
  notice: null,
  noticeArg: null,
  ...patch,
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => msg(from + i));

describe('mergeLatest', () => {
  it('appends newer messages that join on', () => {
    const merged = mergeLatest(range(1, 3), range(2, 5))!;
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the same list when nothing changed', () => {
    const existing = range(1, 3);
    expect(mergeLatest(existing, range(1, 3))).toBe(existing);
  });

  it('refreshes a reply whose state changed and keeps the other objects', () => {
    const existing = [msg(1), msg(2, { state: 'sending' }), msg(3, { state: 'sending' })];
    const merged = mergeLatest(existing, [msg(2, { state: 'read' }), msg(3, { state: 'failed', failure: 'blocked' }), msg(4)])!;
    expect(merged.map((m) => m.state)).toEqual(['sent', 'read', 'failed', 'sent']);
    expect(merged[2]!.failure).toBe('blocked');
    expect(merged[0]).toBe(existing[0]);
  });

  it('refuses a page that leaves a gap or disagrees about a message', () => {
    expect(mergeLatest(range(1, 3), range(5, 6))).toBeNull();
    expect(mergeLatest(range(1, 3), [msg(3, { id: 'other' }), msg(4)])).toBeNull();
  });

  it('takes the page as it is into an empty thread', () => {
    const page = range(7, 9);
    expect(mergeLatest([], page)).toBe(page);
  });
});

describe('replaceMessage', () => {
  it('replaces by id and leaves an unknown message out', () => {
    const existing = range(1, 3);
    const retried = msg(2, { state: 'sending' });
    expect(replaceMessage(existing, retried)[1]).toBe(retried);
    expect(replaceMessage(existing, msg(9))).toBe(existing);
  });
});

describe('seenSeqOf', () => {
  it('is the last message number, 0 with none', () => {
    expect(seenSeqOf(range(4, 8))).toBe(8);
    expect(seenSeqOf([])).toBe(0);
  });
});
