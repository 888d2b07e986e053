import { create } from 'zustand';
import type { DeskErrorPayload } from '../../../../shared/contract/errors';
import type { AdvanceClaimRequest, ClaimView, FraudReferralRequest, ReportClaimRequest } from '../../../../shared/head-office/claims';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: DeskErrorPayload };

interface ClaimsState {
  /** A customer's claims as head office last listed them, newest first. */
  byCustomer: Record<string, ClaimView[]>;
  failed: Record<string, DeskErrorPayload | null>;
  /** Claims with a change on its way (buttons wait). */
  busy: Record<string, boolean>;
  load(customerId: string): Promise<void>;
  /** `report.id` is the wizard draft's: the same on every attempt, so a retry finds the claim the first attempt made. */
  report(conversationId: string, report: ReportClaimRequest): Promise<Outcome<ClaimView>>;
  advance(claim: ClaimView, step: AdvanceClaimRequest): Promise<Outcome<ClaimView>>;
  /** `requestId` is made once per request composed and kept for its retries (one request, one message to the customer). */
  requestMaterials(claim: ClaimView, requestId: string, materials: string[]): Promise<Outcome<ClaimView>>;
  materialsReceived(claim: ClaimView, requestId: string): Promise<Outcome<ClaimView>>;
  refer(claim: ClaimView, referral: FraudReferralRequest): Promise<Outcome<ClaimView>>;
}

/** Put a claim (new or changed) into its customer's list. */
const withClaim = (list: ClaimView[] | undefined, claim: ClaimView): ClaimView[] => {
  const rest = (list ?? []).filter((c) => c.id !== claim.id);
  return [claim, ...rest].sort((a, b) => b.reportedAt - a.reportedAt);
};

/** 理赔: claims are head office's; every change comes back as the claim head office now holds. */
export const useClaims = create<ClaimsState>((set, get) => {
  const change = async (claim: ClaimView, run: () => Promise<ClaimView>): Promise<Outcome<ClaimView>> => {
    set((s) => ({ busy: { ...s.busy, [claim.id]: true } }));
    try {
      const value = await run();
      set((s) => ({ byCustomer: { ...s.byCustomer, [value.customerId]: withClaim(s.byCustomer[value.customerId], value) } }));
      return { ok: true, value };
    } catch (err) {
      // Refused (often because a colleague moved the claim first): show the claim as head office now holds it.
      void get().load(claim.customerId);
      return { ok: false, error: errorPayload(err) };
    } finally {
      set((s) => ({ busy: { ...s.busy, [claim.id]: false } }));
    }
  };
  return {
    byCustomer: {},
    failed: {},
    busy: {},

    async load(customerId) {
      try {
        const list = await unwrap(desk().claims.ofCustomer({ customerId }));
        set((s) => ({ byCustomer: { ...s.byCustomer, [customerId]: list }, failed: { ...s.failed, [customerId]: null } }));
      } catch (err) {
        set((s) => ({ failed: { ...s.failed, [customerId]: errorPayload(err) } }));
      }
    },

    async report(conversationId, report) {
      try {
        const value = await unwrap(desk().claims.report({ conversationId, report }));
        set((s) => ({ byCustomer: { ...s.byCustomer, [value.customerId]: withClaim(s.byCustomer[value.customerId], value) } }));
        return { ok: true, value };
      } catch (err) {
        return { ok: false, error: errorPayload(err) };
      }
    },

    advance: (claim, step) => change(claim, () => unwrap(desk().claims.advance({ claimId: claim.id, step }))),
    requestMaterials: (claim, requestId, materials) => change(claim, () => unwrap(desk().claims.requestMaterials({ claimId: claim.id, requestId, materials }))),
    materialsReceived: (claim, requestId) => change(claim, () => unwrap(desk().claims.materialsReceived({ claimId: claim.id, requestId }))),
    refer: (claim, referral) => change(claim, () => unwrap(desk().claims.referToAntiFraud({ claimId: claim.id, referral }))),
  };
});
