import { beforeEach, describe, expect, it, vi } from 'vitest';

type Result = { ok: true; data: { status: 'online' | 'busy' | 'away' | 'offline'; connected: boolean } } | { ok: false; error: { code: string; message: string } };
const get = vi.fn<() => Promise<Result>>();
const set = vi.fn<(input: { status: string }) => Promise<Result>>();
const reportError = vi.fn();
vi.mock('../../app/desk-client', () => ({ desk: () => ({ presence: { get, set } }) }));
vi.mock('../../app/feedback', () => ({ reportError }));

const { usePresence } = await import('./presence-store');

const fail = (code: string): Result => ({ ok: false, error: { code, message: code } });

beforeEach(() => {
  get.mockReset();
  set.mockReset();
  reportError.mockReset();
  usePresence.setState({ presence: null, pending: null });
});

describe('presence', () => {
  it('is absent on a desk without head office', async () => {
    usePresence.setState({ presence: { status: 'online', connected: true } });
    get.mockResolvedValueOnce(fail('NO_HEAD_OFFICE'));
    await usePresence.getState().load();
    expect(usePresence.getState().presence).toBeNull();
  });

  it('keeps the last status, not connected, while head office cannot be reached', async () => {
    get.mockResolvedValueOnce({ ok: true, data: { status: 'busy', connected: true } });
    await usePresence.getState().load();
    get.mockResolvedValueOnce(fail('HEAD_OFFICE_UNREACHABLE'));
    await usePresence.getState().load();
    expect(usePresence.getState().presence).toEqual({ status: 'busy', connected: false });
  });

  it('shows the chosen status while it goes, and what head office says after', async () => {
    usePresence.setState({ presence: { status: 'online', connected: true } });
    let answer!: (r: Result) => void;
    set.mockReturnValueOnce(new Promise((ok) => (answer = ok)));
    const going = usePresence.getState().set('away');
    expect(usePresence.getState().pending).toBe('away');
    answer({ ok: true, data: { status: 'away', connected: true } });
    await going;
    expect(usePresence.getState()).toMatchObject({ pending: null, presence: { status: 'away', connected: true } });
  });

  it('reports a refused change and re-reads the status', async () => {
    usePresence.setState({ presence: { status: 'online', connected: true } });
    set.mockResolvedValueOnce(fail('HEAD_OFFICE_UNREACHABLE'));
    get.mockResolvedValueOnce({ ok: true, data: { status: 'online', connected: false } });
    await usePresence.getState().set('busy');
    expect(reportError).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(usePresence.getState().presence).toEqual({ status: 'online', connected: false }));
    expect(usePresence.getState().pending).toBeNull();
  });
});
