import { DeskError } from '../../../../shared/contract/errors.js';
import { ConversationCustomer, RevealedCustomer, VerificationResult, VerificationStatus } from '../../../../shared/head-office/customers.js';
import type { VerificationStep } from '../../../../shared/domain/identity-check.js';
import { HeadOfficeError, type HeadOfficeClient } from '../../head-office/head-office-client.js';
import { deskError } from '../live-conversations/head-office-calls.js';

/** Head office's refusals of the identity check keep their meaning on the desk (the renderer says what to do). */
function refused(err: unknown): never {
  if (err instanceof HeadOfficeError && err.kind === 'REFUSED') {
    if (err.code === 'NOT_VERIFIED' || err.code === 'VERIFICATION_EXPIRED' || err.code === 'VERIFICATION_LOCKED') throw new DeskError(err.code, err.message);
    if (err.code === 'RATE_LIMITED') throw new DeskError('TOO_SOON', err.message);
  }
  return deskError(err);
}

const path = (conversationId: string, rest: string) => `/api/conversations/${encodeURIComponent(conversationId)}/${rest}`;

/**
 * A head-office conversation's customer, read from head office each time:
 * the masked profile, the identity check (身份核实) and the clear record.
 * Nothing here touches the cache or the log — clear values pass through
 * to the renderer and are kept nowhere on the desk.
 */
export function createHeadOfficeCustomers(client: HeadOfficeClient) {
  return {
    ofConversation(conversationId: string) {
      return client.get(path(conversationId, 'customer'), ConversationCustomer).catch(refused);
    },
    verification(conversationId: string) {
      return client.get(path(conversationId, 'verification'), VerificationStatus).catch(refused);
    },
    sendCode(conversationId: string) {
      return client.send('POST', path(conversationId, 'verification/code'), {}, VerificationStatus).catch(refused);
    },
    answer(conversationId: string, step: VerificationStep, answer: string) {
      return client.send('POST', path(conversationId, 'verification/answer'), { step, answer }, VerificationResult).catch(refused);
    },
    reveal(conversationId: string) {
      return client.send('POST', path(conversationId, 'customer/reveal'), {}, RevealedCustomer).catch(refused);
    },
  };
}

export type HeadOfficeCustomers = ReturnType<typeof createHeadOfficeCustomers>;

/** Without a head office there is nobody to verify against: local customers stay masked. */
export function noHeadOfficeCustomers(): never {
  throw new DeskError('NO_HEAD_OFFICE', 'the identity check and unmasked customer data need a head office');
}
