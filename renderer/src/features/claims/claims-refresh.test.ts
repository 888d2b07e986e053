import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const ofCustomer = vi.fn();
const advance = vi.fn();
vi.mock('../../app/desk-client', () => ({ desk: () => ({ claims: { ofCustomer, advance } }) }));

const { CLAIMS_REFRESH_MS, watchClaims } = await import('./claims-refresh');
const { useClaims } = await import('./claims-store');

/** A window and a document that only keep their listeners, with the test's clock behind setInterval. */
function fakeWindow() {
  const listeners = new Set<() => void>();
  const doc = { visibilityState: 'visible', listeners: new Set<() => void>(), addEventListener: (_: string, f: () => void) => doc.listeners.add(f), removeEventListener: (_: string, f: () => void) => doc.listeners.delete(f) };
  const win = {
    addEventListener: (_: string, f: () => void) => listeners.add(f),
    removeEventListener: (_: string, f: () => void) => listeners.delete(f),
    setInterval: (f: () => void, ms: number) => setInterval(f, ms) as unknown as number,
    clearInterval: (id: number) => clearInterval(id),
    focus: () => listeners.forEach((f) => f()),
    listeners,
  };
  return { win, doc };
}

const CUSTOMER = '0190b4c8-0000-7000-8000-00000000000c';
const claim = (stage: string) => ({ id: '0190b4c8-0000-7000-8000-0000000000aa', customerId: CUSTOMER, reportedAt: 1, stage }) as never;

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  ofCustomer.mockReset();
  advance.mockReset();
});

describe('the claims on screen follow head office', () => {
  it('are read again every 30 s while visible, on focus, and not while hidden; nothing after stopping', () => {
    const { win, doc } = fakeWindow();
    const reload = vi.fn();
    const stop = watchClaims(reload, win, doc);
    vi.advanceTimersByTime(CLAIMS_REFRESH_MS);
    expect(reload).toHaveBeenCalledTimes(1);
    win.focus();
    expect(reload).toHaveBeenCalledTimes(2);
    doc.visibilityState = 'hidden';
    vi.advanceTimersByTime(3 * CLAIMS_REFRESH_MS);
    expect(reload).toHaveBeenCalledTimes(2);
    doc.visibilityState = 'visible';
    doc.listeners.forEach((f) => f());
    expect(reload).toHaveBeenCalledTimes(3);
    stop();
    vi.advanceTimersByTime(3 * CLAIMS_REFRESH_MS);
    win.focus();
    expect(reload).toHaveBeenCalledTimes(3);
    expect(win.listeners.size + doc.listeners.size).toBe(0);
  });

  it('reloads the customer\'s claims when a change is refused (a colleague moved the claim first)', async () => {
    vi.useRealTimers();
    advance.mockResolvedValue({ ok: false, error: { code: 'CONFLICT', message: 'the claim is at 查勘定损' } });
    ofCustomer.mockResolvedValue({ ok: true, data: [claim('surveying')] });
    const r = await useClaims.getState().advance(claim('reported'), { to: 'surveying', surveyAt: 1 });
    expect(r.ok).toBe(false);
    await vi.waitFor(() => expect(useClaims.getState().byCustomer[CUSTOMER]?.[0]?.stage).toBe('surveying'));
    expect(ofCustomer).toHaveBeenCalledWith({ customerId: CUSTOMER });
  });
});
