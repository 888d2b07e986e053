import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CUSTOMER_TYPING_MS, useLive } from './live-store';

const CONV = '0190a000-0000-7000-8000-000000000001';

beforeEach(() => {
  vi.useFakeTimers();
  useLive.setState({ byConversation: {} });
});
afterEach(() => vi.useRealTimers());

describe('live conversation info', () => {
  it('clears "customer typing" after a quiet spell, keeping the viewers', () => {
    useLive.getState().apply({ conversationId: CONV, viewers: [{ name: '王芳', typing: false }], customerTyping: true });
    vi.advanceTimersByTime(CUSTOMER_TYPING_MS - 1);
    expect(useLive.getState().byConversation[CONV]!.customerTyping).toBe(true);
    vi.advanceTimersByTime(1);
    expect(useLive.getState().byConversation[CONV]).toEqual({ viewers: [{ name: '王芳', typing: false }], customerTyping: false });
  });

  it('keeps "customer typing" while notices keep coming', () => {
    const apply = () => useLive.getState().apply({ conversationId: CONV, viewers: [], customerTyping: true });
    apply();
    vi.advanceTimersByTime(CUSTOMER_TYPING_MS - 1000);
    apply();
    vi.advanceTimersByTime(CUSTOMER_TYPING_MS - 1000);
    expect(useLive.getState().byConversation[CONV]!.customerTyping).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(useLive.getState().byConversation[CONV]!.customerTyping).toBe(false);
  });
});
