/**
 * Desk calls for claims (报案 and its stages). Claims live at head office:
 * every call asks it, nothing is kept on the desk. The renderer gives each
 * report (one per wizard draft) and each material request its id once and
 * sends it with every attempt, so a call repeated after a lost answer finds
 * what the first one made instead of making a second claim and sending the
 * customer a second notice.
 */
import { z } from 'zod';
import { AdvanceClaimRequest, ClaimList, ClaimView, FraudReferralRequest, ReportClaimRequest } from '../head-office/claims.js';

const Id = z.string().uuid();

/** `report.id` is the draft's id: the same for every attempt at the same report. */
export const ReportClaimInput = z.strictObject({ conversationId: Id, report: ReportClaimRequest });
export type ReportClaimInput = z.infer<typeof ReportClaimInput>;
export const ClaimsOfCustomerInput = z.strictObject({ customerId: Id });
export const ClaimRef = z.strictObject({ claimId: Id });
export const AdvanceClaimInput = z.strictObject({ claimId: Id, step: AdvanceClaimRequest });
export type AdvanceClaimInput = z.infer<typeof AdvanceClaimInput>;
/** `requestId` is made once per request the agent composes, and kept for its retries. */
export const RequestMaterialsInput = z.strictObject({ claimId: Id, requestId: Id, materials: z.array(z.string()).min(1).max(12) });
export type RequestMaterialsInput = z.infer<typeof RequestMaterialsInput>;
export const MaterialsReceivedInput = z.strictObject({ claimId: Id, requestId: Id });
export const FraudReferralInput = z.strictObject({ claimId: Id, referral: FraudReferralRequest });

export { ClaimList, ClaimView };
