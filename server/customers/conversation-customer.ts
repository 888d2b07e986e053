import type { AccountView } from '../../shared/head-office/auth.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';
import { findConversation, type ConversationRow } from '../conversations/conversation-records.js';

export interface ConversationCustomerRow {
  id: string;
  name: string;
  phone: string;
  id_number: string | null;
  city: string | null;
  segment: 'standard' | 'high_value';
  office_id: string | null;
}

/**
 * The conversation and the customer record it is linked to, for someone
 * who may see them: the agent assigned to the conversation, a lead of the
 * office that agent (or the customer's record) belongs to, an
 * administrator. `act` asks for more: only the assigned agent works the
 * identity check and sees clear values, since they speak with the customer.
 * Anyone else is answered as if the conversation did not exist.
 *
 * The same rule as the cross-sell profile (server/renewals/cross-sell-profile.ts):
 * a customer may write to any office, so the agent serving the conversation
 * links, verifies and (once verified) reveals whichever record it is, its
 * office's or not; a record no office keeps (office_id NULL, head office's
 * own) is read otherwise only by administrators and by leads of the office
 * whose agent serves the conversation — never browsed by office. Audit
 * entries about such a record are filed under the acting agent's office.
 */
export async function conversationCustomer(
  tx: SqlExecutor,
  account: AccountView,
  conversationId: string,
  o: { act?: boolean; lock?: boolean } = {},
): Promise<{ conv: ConversationRow; customer: ConversationCustomerRow }> {
  const conv = await findConversation(tx, conversationId, o.lock);
  if (!conv) throw new HttpError('NOT_FOUND', 'no such conversation');
  const [customer] = conv.customer_id
    ? await tx.query<ConversationCustomerRow>('SELECT id, name, phone, id_number, city, segment, office_id FROM customers WHERE id = $1', [conv.customer_id])
    : [];
  const assigned = conv.assignee_id === account.id;
  const leadOfOffice =
    account.role === 'lead' && account.officeId !== null && (conv.assignee_office_id === account.officeId || customer?.office_id === account.officeId);
  const mayView = assigned || account.role === 'admin' || leadOfOffice;
  if (!mayView || (o.act && !assigned)) {
    if (mayView) throw new HttpError('FORBIDDEN', 'only the agent serving this conversation checks the customer\'s identity');
    throw new HttpError('NOT_FOUND', 'no such conversation');
  }
  if (!customer) throw new HttpError('NOT_FOUND', 'this conversation is not linked to a customer record');
  return { conv, customer };
}
