import type { AccountView } from '../../shared/head-office/auth.js';
import type { FraudSignal } from '../../shared/domain/fraud-signals.js';
import { maskPolicyNumber, redactPersonalData } from '../../shared/domain/masking.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { openTicket } from '../tickets/open-ticket.js';
import type { ClaimRow } from './claim-records.js';

/** The anti-fraud team's tickets are found by this category. */
export const ANTI_FRAUD_CATEGORY = '反欺诈调查';

/**
 * The anti-fraud team's ticket for a referred claim: a claim follow-up of
 * high priority, nobody's yet (the team takes it), carrying the warning
 * signs with their evidence and the agent's note, in the claim's office so
 * its desks receive it on their next sync. Tickets sync into every desk's
 * cache of the office, so the policy number is masked and every text that
 * came from a person (place, quotes, the agent's note) is redacted.
 */
export async function openFraudTicket(
  tx: SqlExecutor,
  account: AccountView,
  claim: ClaimRow,
  signals: readonly FraudSignal[],
  note: string,
): Promise<{ id: string; ticketNo: string }> {
  const lines = [
    `报案号 ${claim.claim_no}，保单 ${maskPolicyNumber(claim.policy_no)}，出险地点 ${redactPersonalData(claim.place)}。`,
    ...(signals.length === 0
      ? ['坐席判断可疑，系统未识别出预警信号。']
      : signals.map((s) => `【${s.labelZh}】${s.evidence.map((e) => redactPersonalData(e.text)).join('；')}`)),
    ...(note ? [`坐席说明：${redactPersonalData(note)}`] : []),
  ];
  return openTicket(tx, {
    officeId: claim.office_id,
    type: 'claim_followup',
    category: ANTI_FRAUD_CATEGORY,
    priority: 'high',
    title: `反欺诈转介：报案号 ${claim.claim_no}`,
    description: lines.join('\n').slice(0, 4000),
    customerId: claim.customer_id,
    conversationId: claim.conversation_id,
    ownerId: null,
    actorId: account.id,
  });
}
