import { beforeEach, describe, expect, it, vi } from 'vitest';

type Ok<T> = { ok: true; data: T };
type Fail = { ok: false; error: { code: string; message: string } };
const ofConversation = vi.fn<(i: { conversationId: string }) => Promise<Ok<unknown> | Fail>>();
const answer = vi.fn<(i: { conversationId: string; step: string; answer: string }) => Promise<Ok<unknown> | Fail>>();
const reveal = vi.fn<(i: { conversationId: string }) => Promise<Ok<unknown> | Fail>>();
const sendCode = vi.fn();
const reportError = vi.fn();
vi.mock('../../app/desk-client', () => ({ desk: () => ({ customers: { ofConversation, answer, reveal, sendCode } }) }));
vi.mock('../../app/feedback', () => ({ reportError }));

const { clearValuesShown, useIdentityCheck } = await import('./identity-check-store');

const A = '0190b4c8-0000-7000-8000-00000000000a';
const B = '0190b4c8-0000-7000-8000-00000000000b';
const NOW = 1_790_000_000_000;
const status = (state: string, o: Record<string, unknown> = {}) => ({
  conversationId: A,
  customerId: A,
  state,
  passed: [],
  verifiedAt: null,
  expiresAt: null,
  attemptsLeft: 3,
  lockedUntil: null,
  code: null,
  now: NOW,
  ...o,
});
const profile = (state: string, o: Record<string, unknown> = {}) => ({ customerId: A, name: '陈建华', phoneMasked: '139****9235', verification: status(state, o) });
const clear = { customerId: A, name: '陈建华', phone: '13915029235', idNumber: '320102198506126911', vehicles: [], policies: [], expiresAt: NOW + 60_000, now: NOW };

beforeEach(async () => {
  for (const f of [ofConversation, answer, reveal, sendCode, reportError]) f.mockReset();
  await useIdentityCheck.getState().open(null);
});

describe('the identity check on the desk', () => {
  it('fetches the clear record once the last step verifies the customer', async () => {
    ofConversation.mockResolvedValueOnce({ ok: true, data: profile('partial', { passed: ['policy', 'id_last4'] }) });
    await useIdentityCheck.getState().open(A);
    expect(useIdentityCheck.getState().revealed).toBeNull();
    const verified = status('verified', { passed: ['policy', 'id_last4', 'sms_code'], verifiedAt: NOW, expiresAt: NOW + 60_000 });
    answer.mockResolvedValueOnce({ ok: true, data: { passed: true, status: verified } });
    ofConversation.mockResolvedValueOnce({ ok: true, data: { ...profile('verified'), verification: verified } });
    reveal.mockResolvedValueOnce({ ok: true, data: clear });
    expect(await useIdentityCheck.getState().answer('sms_code', '047193')).toBe(true);
    expect(reveal).toHaveBeenCalledWith({ conversationId: A });
    expect(useIdentityCheck.getState().revealed?.phone).toBe('13915029235');
  });

  it('marks a wrong answer and reveals nothing', async () => {
    ofConversation.mockResolvedValueOnce({ ok: true, data: profile('unverified') });
    await useIdentityCheck.getState().open(A);
    answer.mockResolvedValueOnce({ ok: true, data: { passed: false, status: status('unverified', { attemptsLeft: 2 }) } });
    expect(await useIdentityCheck.getState().answer('id_last4', '0000')).toBe(false);
    expect(useIdentityCheck.getState()).toMatchObject({ wrong: 'id_last4', revealed: null, status: { attemptsLeft: 2 } });
    expect(reveal).not.toHaveBeenCalled();
  });

  it('drops clear values when another conversation opens and when the verification runs out', async () => {
    ofConversation.mockResolvedValueOnce({ ok: true, data: profile('verified', { verifiedAt: NOW, expiresAt: NOW + 60_000 }) });
    await useIdentityCheck.getState().open(A);
    reveal.mockResolvedValueOnce({ ok: true, data: clear });
    await useIdentityCheck.getState().reveal();
    expect(useIdentityCheck.getState().revealed).not.toBeNull();

    ofConversation.mockResolvedValueOnce({ ok: true, data: profile('expired', { verifiedAt: NOW, expiresAt: NOW + 60_000 }) });
    await useIdentityCheck.getState().expire();
    expect(useIdentityCheck.getState().revealed).toBeNull();
    expect(useIdentityCheck.getState().status?.state).toBe('expired');

    useIdentityCheck.setState({ revealed: clear as never });
    ofConversation.mockResolvedValueOnce({ ok: true, data: { ...profile('unverified'), customerId: B } });
    await useIdentityCheck.getState().open(B);
    expect(useIdentityCheck.getState()).toMatchObject({ conversationId: B, revealed: null });
  });

  it('does not keep an answer that arrives after the agent moved to another conversation', async () => {
    ofConversation.mockResolvedValueOnce({ ok: true, data: profile('verified', { verifiedAt: NOW, expiresAt: NOW + 60_000 }) });
    await useIdentityCheck.getState().open(A);
    let arrive!: (r: Ok<unknown>) => void;
    reveal.mockReturnValueOnce(new Promise((ok) => (arrive = ok)));
    const pending = useIdentityCheck.getState().reveal();
    ofConversation.mockResolvedValueOnce({ ok: true, data: { ...profile('unverified'), customerId: B } });
    await useIdentityCheck.getState().open(B);
    arrive({ ok: true, data: clear });
    await pending;
    expect(useIdentityCheck.getState().revealed).toBeNull();
  });

  it('says clear values are shown only while this conversation\'s clear record is on screen, also after switching back', async () => {
    const verifiedA = profile('verified', { verifiedAt: NOW, expiresAt: NOW + 60_000 });
    const verifiedB = { ...profile('verified', { conversationId: B, customerId: B, verifiedAt: NOW, expiresAt: NOW + 60_000 }), customerId: B };
    const shown = (id: string) => clearValuesShown(useIdentityCheck.getState(), id, NOW);
    ofConversation.mockResolvedValueOnce({ ok: true, data: verifiedA });
    await useIdentityCheck.getState().open(A);
    // Verified, but the clear record is not fetched yet: the panel is still masked.
    expect(shown(A)).toBe(false);
    reveal.mockResolvedValueOnce({ ok: true, data: clear });
    await useIdentityCheck.getState().reveal();
    expect(shown(A)).toBe(true);
    expect(shown(B)).toBe(false);

    // Another verified conversation: masked there until its own reveal.
    ofConversation.mockResolvedValueOnce({ ok: true, data: verifiedB });
    await useIdentityCheck.getState().open(B);
    expect(useIdentityCheck.getState().status?.state).toBe('verified');
    expect(shown(B)).toBe(false);
    expect(shown(A)).toBe(false);

    // Back to the first: still verified at head office, masked on screen, and the banner must say so.
    ofConversation.mockResolvedValueOnce({ ok: true, data: verifiedA });
    await useIdentityCheck.getState().open(A);
    expect(useIdentityCheck.getState().status?.state).toBe('verified');
    expect(shown(A)).toBe(false);
    // Once the verification has run out on the clock, never "shown".
    reveal.mockResolvedValueOnce({ ok: true, data: clear });
    await useIdentityCheck.getState().reveal();
    expect(shown(A)).toBe(true);
    expect(clearValuesShown(useIdentityCheck.getState(), A, NOW + 60_000)).toBe(false);
  });

  it('reads the check again when head office says it is locked', async () => {
    ofConversation.mockResolvedValueOnce({ ok: true, data: profile('unverified', { attemptsLeft: 1 }) });
    await useIdentityCheck.getState().open(A);
    answer.mockResolvedValueOnce({ ok: false, error: { code: 'VERIFICATION_LOCKED', message: 'locked' } });
    ofConversation.mockResolvedValueOnce({ ok: true, data: profile('unverified', { attemptsLeft: 0, lockedUntil: NOW + 1_800_000 }) });
    expect(await useIdentityCheck.getState().answer('policy', '苏A·00000')).toBe(false);
    expect(useIdentityCheck.getState().status?.lockedUntil).toBe(NOW + 1_800_000);
    expect(reportError).toHaveBeenCalled();
  });
});
