import type { AccountView } from '../../shared/head-office/auth.js';
import { HttpError } from '../http/http-error.js';
import type { ConversationRow } from './conversation-records.js';

/**
 * Who may read a conversation: its agent; a lead, for conversations waiting
 * in the queue (company-wide) or with an agent of the lead's office; an
 * administrator. Anyone else is answered as if it did not exist.
 */
export function canRead(account: AccountView, conv: ConversationRow): boolean {
  if (account.role === 'admin' || conv.assignee_id === account.id) return true;
  if (account.role !== 'lead') return false;
  return conv.state === 'waiting' || (conv.assignee_office_id !== null && conv.assignee_office_id === account.officeId);
}

export function mustRead(account: AccountView, conv: ConversationRow | undefined): ConversationRow {
  if (!conv || !canRead(account, conv)) throw new HttpError('NOT_FOUND', 'no such conversation');
  return conv;
}

export function mustLead(account: AccountView): void {
  if (account.role === 'agent') throw new HttpError('FORBIDDEN', 'only team leads and administrators may do this');
}
