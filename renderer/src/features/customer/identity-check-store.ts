import { create } from 'zustand';
import type { ConversationCustomer, RevealedCustomer, VerificationStatus } from '../../../../shared/contract/customer-schemas';
import type { VerificationStep } from '../../../../shared/domain/identity-check';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';
import { i18n } from '../../i18n';

/**
 * The customer of the head-office conversation on screen, as head office
 * returned it: the masked profile, the identity check, and — only after
 * verification — the clear record. Clear values live in this store for
 * the one conversation and only until the verification expires; they are
 * dropped on expiry and whenever another conversation is opened.
 */
interface IdentityState {
  conversationId: string | null;
  profile: ConversationCustomer | null;
  status: VerificationStatus | null;
  /** Desk clock minus head office's when the status arrived (expiry is counted on the desk's clock). */
  skewMs: number;
  revealed: RevealedCustomer | null;
  loading: boolean;
  failed: boolean;
  busy: VerificationStep | 'send' | 'reveal' | null;
  /** The last answer that was wrong (the step), for the agent's eyes. */
  wrong: VerificationStep | null;
  open(conversationId: string | null): Promise<void>;
  reload(): Promise<void>;
  sendCode(): Promise<void>;
  answer(step: VerificationStep, answer: string): Promise<boolean>;
  reveal(): Promise<void>;
  /** The verification ran out on the desk's clock: back to masked values. */
  expire(): Promise<void>;
}

/**
 * Whether the panel of this conversation shows clear values right now:
 * verified here and the clear record fetched for this conversation. A
 * conversation opened again after another one was on screen is verified
 * still but masked until the agent asks for clear values (audited), and
 * what the panel says must follow what it shows.
 */
export function clearValuesShown(s: Pick<IdentityState, 'conversationId' | 'status' | 'revealed'>, conversationId: string, serverNow: number): boolean {
  return (
    s.conversationId === conversationId &&
    s.revealed !== null &&
    s.status?.state === 'verified' &&
    s.status.conversationId === conversationId &&
    s.revealed.customerId === s.status.customerId &&
    s.status.expiresAt !== null &&
    s.status.expiresAt > serverNow
  );
}

const EMPTY = { profile: null, status: null, revealed: null, loading: false, failed: false, busy: null, wrong: null, skewMs: 0 } as const;

export const useIdentityCheck = create<IdentityState>((set, get) => {
  /** Keep only what belongs to the conversation still on screen. */
  const current = (conversationId: string) => get().conversationId === conversationId;
  const withStatus = (status: VerificationStatus) => ({ status, skewMs: Date.now() - status.now });
  const refused = async (err: unknown, context: string) => {
    const code = errorPayload(err).code;
    // The check's own refusals change what the panel shows: read where it stands again.
    // TOO_SOON: the panel then says until when (the resend wait, or the customer's hourly limit).
    if (code === 'VERIFICATION_LOCKED' || code === 'VERIFICATION_EXPIRED' || code === 'NOT_VERIFIED' || code === 'TOO_SOON') await get().reload();
    reportError(err, context);
  };

  return {
    conversationId: null,
    ...EMPTY,

    async open(conversationId) {
      if (get().conversationId === conversationId && (get().profile || get().loading)) return;
      set({ conversationId, ...EMPTY });
      if (conversationId) await get().reload();
    },

    async reload() {
      const id = get().conversationId;
      if (!id) return;
      set({ loading: true, failed: false });
      try {
        const profile = await unwrap(desk().customers.ofConversation({ conversationId: id }));
        if (!current(id)) return;
        const verified = profile.verification.state === 'verified';
        set((s) => ({ profile, ...withStatus(profile.verification), loading: false, revealed: verified ? s.revealed : null }));
      } catch (err) {
        if (!current(id)) return;
        set({ loading: false, failed: true });
        reportError(err, i18n.t('identity.loadFailed'));
      }
    },

    async sendCode() {
      const id = get().conversationId;
      if (!id) return;
      set({ busy: 'send' });
      try {
        const status = await unwrap(desk().customers.sendCode({ conversationId: id }));
        if (current(id)) set(withStatus(status));
      } catch (err) {
        await refused(err, i18n.t('identity.sendFailed'));
      } finally {
        if (current(id)) set({ busy: null });
      }
    },

    async answer(step, answer) {
      const id = get().conversationId;
      if (!id) return false;
      set({ busy: step, wrong: null });
      try {
        const result = await unwrap(desk().customers.answer({ conversationId: id, step, answer }));
        if (!current(id)) return false;
        set({ ...withStatus(result.status), wrong: result.passed ? null : step });
        if (result.status.state === 'verified') {
          // Verified: the policy details open and the clear values are fetched once (head office audits it).
          await get().reload();
          await get().reveal();
        }
        return result.passed;
      } catch (err) {
        await refused(err, i18n.t('identity.answerFailed'));
        return false;
      } finally {
        if (current(id)) set({ busy: null });
      }
    },

    async reveal() {
      const id = get().conversationId;
      if (!id) return;
      set({ busy: 'reveal' });
      try {
        const revealed = await unwrap(desk().customers.reveal({ conversationId: id }));
        if (current(id)) set({ revealed, skewMs: Date.now() - revealed.now });
      } catch (err) {
        if (current(id)) set({ revealed: null });
        await refused(err, i18n.t('identity.revealFailed'));
      } finally {
        if (current(id)) set({ busy: null });
      }
    },

    async expire() {
      set({ revealed: null });
      await get().reload();
    },
  };
});
