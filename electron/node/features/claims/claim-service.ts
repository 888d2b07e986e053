import type { AdvanceClaimInput, ReportClaimInput, RequestMaterialsInput } from '../../../../shared/contract/claim-schemas.js';
import { DeskError } from '../../../../shared/contract/errors.js';
import { ClaimList, ClaimView, type FraudReferralRequest } from '../../../../shared/head-office/claims.js';
import { HeadOfficeError, type HeadOfficeClient } from '../../head-office/head-office-client.js';
import { deskError } from '../live-conversations/head-office-calls.js';

/**
 * A stage asked out of order keeps its meaning on the desk (the renderer says
 * which stage the claim is at), as does a settlement refused for open
 * material requests; a refused field keeps its path and reason; a report refused for want of the identity
 * check says so, so the wizard can point the agent to 身份核实.
 */
function refused(err: unknown): never {
  if (err instanceof HeadOfficeError && err.kind === 'REFUSED' && err.code === 'CLAIM_STAGE_ORDER') throw new DeskError('CONFLICT', err.message);
  // 核赔结案 with a 24-hour request still open: the issues name the requests (by id) so the desk can say which.
  if (err instanceof HeadOfficeError && err.kind === 'REFUSED' && err.code === 'MATERIALS_OUTSTANDING') throw new DeskError('CONFLICT', err.message, err.issues);
  // A refused field keeps head office's reason code, shown by the form at that field.
  if (err instanceof HeadOfficeError && err.kind === 'REFUSED' && err.code === 'BAD_REQUEST') throw new DeskError('INVALID_INPUT', err.message, err.issues);
  if (err instanceof HeadOfficeError && err.kind === 'REFUSED' && (err.code === 'NOT_VERIFIED' || err.code === 'VERIFICATION_EXPIRED')) throw new DeskError(err.code, err.message);
  return deskError(err);
}

const claimPath = (claimId: string, rest = '') => `/api/claims/${encodeURIComponent(claimId)}${rest}`;

/**
 * Claims, asked of head office each time: it numbers reports, keeps the
 * stages and sends the customer's notifications, so two desks never
 * disagree about a claim and nothing of it is cached here. Ids of new
 * reports and material requests come with the call (made once by the
 * renderer): a report whose answer was lost and is sent again finds the
 * claim head office already made, never a second one.
 */
export function createClaimService(client: () => HeadOfficeClient) {
  return {
    report(input: ReportClaimInput) {
      return client()
        .send('POST', `/api/conversations/${encodeURIComponent(input.conversationId)}/claims`, input.report, ClaimView)
        .catch(refused);
    },
    ofCustomer(customerId: string) {
      return client().get(`/api/claims?customerId=${encodeURIComponent(customerId)}`, ClaimList).catch(refused);
    },
    get(claimId: string) {
      return client().get(claimPath(claimId), ClaimView).catch(refused);
    },
    advance(input: AdvanceClaimInput) {
      return client().send('POST', claimPath(input.claimId, '/stage'), input.step, ClaimView).catch(refused);
    },
    requestMaterials(input: RequestMaterialsInput) {
      return client().send('POST', claimPath(input.claimId, '/material-requests'), { id: input.requestId, materials: input.materials }, ClaimView).catch(refused);
    },
    materialsReceived(claimId: string, requestId: string) {
      return client().send('POST', claimPath(claimId, `/material-requests/${encodeURIComponent(requestId)}/received`), {}, ClaimView).catch(refused);
    },
    referToAntiFraud(claimId: string, referral: FraudReferralRequest) {
      return client().send('POST', claimPath(claimId, '/fraud-referral'), referral, ClaimView).catch(refused);
    },
  };
}
export type ClaimService = ReturnType<typeof createClaimService>;
