/**
 * The desk's calls for a head-office conversation's customer: the masked
 * profile, the identity check (身份核实) and the clear record it unlocks.
 * Everything is read from head office on demand; the desk keeps none of it
 * (nothing in the cache, nothing in logs), the renderer only for the
 * conversation on screen and only until the verification expires.
 */
import { z } from 'zod';
import { ConversationCustomer, RevealedCustomer, VerificationResult, VerificationStatus } from '../head-office/customers.js';

const Id = z.string().uuid();

export const CustomerConversationRef = z.strictObject({ conversationId: Id });

export const VerificationAnswerInput = z.discriminatedUnion('step', [
  z.strictObject({ conversationId: Id, step: z.literal('policy'), answer: z.string().trim().min(1).max(40) }),
  z.strictObject({ conversationId: Id, step: z.literal('id_last4'), answer: z.string().trim().min(1).max(8) }),
  z.strictObject({ conversationId: Id, step: z.literal('sms_code'), answer: z.string().trim().min(1).max(12) }),
]);

export { ConversationCustomer, RevealedCustomer, VerificationResult, VerificationStatus };
export type { ConversationCustomer as ConversationCustomerView } from '../head-office/customers.js';
