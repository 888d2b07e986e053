/**
 * Desk calls for claims (报案 and its stages). Claims live at head office:
 * every call asks it, nothing is kept on the desk. The desk gives each new
 * report and material request its id, so a call repeated after a lost
 * answer finds what the first one made.
 */
import { z } from 'zod';
import { AdvanceClaimRequest, ClaimList, ClaimView, FraudReferralRequest, ReportClaimRequest } from '../head-office/claims.js';

const Id = z.string().uuid();

export const ReportClaimInput = z.strictObject({ conversationId: Id, report: ReportClaimRequest.omit({ id: true }) });
export type ReportClaimInput = z.infer<typeof ReportClaimInput>;
export const ClaimsOfCustomerInput = z.strictObject({ customerId: Id });
export const ClaimRef = z.strictObject({ claimId: Id });
export const AdvanceClaimInput = z.strictObject({ claimId: Id, step: AdvanceClaimRequest });
export type AdvanceClaimInput = z.infer<typeof AdvanceClaimInput>;
export const RequestMaterialsInput = z.strictObject({ claimId: Id, materials: z.array(z.string()).min(1).max(12) });
export const MaterialsReceivedInput = z.strictObject({ claimId: Id, requestId: Id });
export const FraudReferralInput = z.strictObject({ claimId: Id, referral: FraudReferralRequest });

export { ClaimList, ClaimView };
