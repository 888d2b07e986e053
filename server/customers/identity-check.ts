import type { AccountView } from '../../shared/head-office/auth.js';
import type { VerificationAnswer, VerificationStatus } from '../../shared/head-office/customers.js';
import type { IdentityCheckSettings } from '../../shared/domain/identity-check.js';
import type { ChannelAdapter } from '../channels/outbound.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import type { ConversationRow } from '../conversations/conversation-records.js';
import { conversationCustomer, type ConversationCustomerRow } from './conversation-customer.js';
import { revealCustomer } from './customer-reveal.js';
import { answerVerification } from './verification-answer.js';
import { sendVerificationCode } from './verification-code.js';
import { readVerification } from './verification-records.js';

/**
 * The identity check (身份核实) of one conversation's customer and the
 * clear record it unlocks, with its settings, SMS gateway and clock.
 * Status, code, answer and reveal each live in their own file; every
 * attempt, code request, lock and reveal (refused or not) is on the audit
 * log. A verification belongs to the agent who passed it while they serve
 * the conversation: after a transfer or reassignment, the agent now
 * serving it verifies the customer again.
 */
export function createIdentityCheck(db: SqlClient, settings: IdentityCheckSettings, sms: ChannelAdapter, now: () => number = Date.now) {
  return {
    settings,

    async status(account: AccountView, conversationId: string): Promise<VerificationStatus> {
      const { conv, customer } = await conversationCustomer(db, account, conversationId);
      return (await readVerification(db, conv, customer, now(), settings)).status;
    },

    /** The check as it stands, and who verified the customer, for a read inside another transaction. */
    read: (tx: SqlExecutor, conv: ConversationRow, customer: ConversationCustomerRow, at: number) => readVerification(tx, conv, customer, at, settings),

    sendCode: (account: AccountView, conversationId: string) => sendVerificationCode(db, settings, sms, now, account, conversationId),

    answer: (account: AccountView, conversationId: string, input: VerificationAnswer) => answerVerification(db, settings, now, account, conversationId, input),

    reveal: (account: AccountView, conversationId: string) => revealCustomer(db, settings, now, account, conversationId),
  };
}

export type IdentityCheck = ReturnType<typeof createIdentityCheck>;
