import type { TicketType } from '../../../../shared/domain/ticket-status';

/** Words that make a complaint plain, whatever it is about. */
const COMPLAINT_WORDS = ['投诉', '不满', '差评'];
/** Words that make a claim plain: reporting, settling, assessing, the loss itself. */
const CLAIM_WORDS = ['报案', '理赔', '定损', '事故', '水淹', '泡水', '盗抢'];

/** How many of the customer's latest messages are read, besides the subject. */
export const RECENT_MESSAGES = 5;

/**
 * The ticket type a new ticket starts with, from the conversation's subject
 * and the customer's recent messages. A complaint wins over a claim (a
 * complaint about a slow claim is handled as a complaint); anything else is
 * an enquiry. The agent can always change it.
 */
export function suggestTicketType(subject: string, recentMessages: readonly string[]): TicketType {
  const texts = [subject, ...recentMessages.slice(-RECENT_MESSAGES)];
  const mentions = (words: readonly string[]) => texts.some((text) => words.some((w) => text.includes(w)));
  if (mentions(COMPLAINT_WORDS)) return 'complaint';
  if (mentions(CLAIM_WORDS)) return 'claim_followup';
  return 'consultation';
}
